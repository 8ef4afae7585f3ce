import { CommandHandler, EventEnvelope } from '@mms/eventsourcing/core';
import { Clock, fixedClock } from '@mms/service-kit/core';
import { InMemoryEventStore, MemoryTable, MemoryVault } from '@mms/testing';
import type { DirectoryDeps } from './directory.deps';
import { openNames } from './directory.projection';
import { EducatorRow, educatorRows } from './educators/educator.rows';
import { MunicipalityRow, municipalityRows } from './municipalities/municipality.rows';
import { OrganizationRow, organizationRows } from './organizations/organization.rows';

/**
 * The directory over in-memory parts, for handler specs and in-process test platforms:
 * the real handlers and row tables, an in-memory event store, tables and vault. `project()`
 * feeds what was appended since the last call through the row tables (the projection's
 * job in a service), so a spec says when the read model has caught up.
 */
export const inMemoryDirectory = (opts: { clock?: Clock } = {}) => {
  const store = new InMemoryEventStore();
  const vault = new MemoryVault();
  const tables = {
    municipalities: new MemoryTable<MunicipalityRow>(),
    organizations: new MemoryTable<OrganizationRow>(),
    educators: new MemoryTable<EducatorRow>(),
  };
  const deps: DirectoryDeps = { commands: new CommandHandler(store), store, vault, clock: opts.clock ?? fixedClock('2026-09-15'), tables };
  let projected = 0;
  const project = async (opts: { fromStart?: boolean } = {}): Promise<EventEnvelope[]> => {
    if (opts.fromStart) projected = 0;
    const fresh = store.events.slice(projected);
    projected += fresh.length;
    const opened = await openNames(vault)(fresh);
    tables.municipalities.apply(municipalityRows, opened);
    tables.organizations.apply(organizationRows, opened);
    tables.educators.apply(educatorRows, opened);
    return fresh;
  };
  return { deps, store, vault, tables, project };
};
