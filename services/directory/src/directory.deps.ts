import type { CommandHandler, EventStore, PersonalDataPort, ReadTable } from '@mms/eventsourcing/core';
import type { Clock } from '@mms/service-kit/core';
import type { EducatorRow } from './educators/educator.rows';
import type { MunicipalityRow } from './municipalities/municipality.rows';
import type { OrganizationRow } from './organizations/organization.rows';

/** What the directory's handlers and queries need: built from platform tokens in a service, in memory in handler specs. */
export interface DirectoryDeps {
  commands: CommandHandler;
  store: EventStore;
  vault: PersonalDataPort;
  clock: Clock;
  tables: {
    municipalities: ReadTable<MunicipalityRow>;
    organizations: ReadTable<OrganizationRow>;
    educators: ReadTable<EducatorRow>;
  };
}

export const DIRECTORY_DEPS = Symbol('DIRECTORY_DEPS');
