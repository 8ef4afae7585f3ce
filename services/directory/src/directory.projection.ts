import { EventEnvelope, PersonalDataPort, SealedPersonalData } from '@mms/eventsourcing/core';
import { DIRECTORY_INTERNAL_TOPIC } from './directory.topics';
import { educatorRows, OpenedEnvelope } from './educators/educator.rows';
import { municipalityRows } from './municipalities/municipality.rows';
import { organizationRows } from './organizations/organization.rows';

export const DIRECTORY_PROJECTION = 'directory';

/** Version 2: row tables (rowProjection's bookkeeping) instead of per-event updates; the old generation is rebuilt at start. */
export const DIRECTORY_PROJECTION_VERSION = 2;

export const DIRECTORY_TABLES = [municipalityRows, organizationRows, educatorRows];

/** Opens the sealed name an educator event carries (null once erased), for the row table. */
export const openNames =
  (vault: PersonalDataPort) =>
  async (events: EventEnvelope[]): Promise<EventEnvelope[]> =>
    Promise.all(
      events.map(async (e): Promise<OpenedEnvelope> => {
        const personal = (e.data as { personal?: SealedPersonalData | null } | null)?.personal;
        if (!e.type.startsWith('Educator') || personal === undefined) return e;
        const opened = personal ? await vault.open<{ fullName: string }>(personal) : null;
        return { ...e, opened: { fullName: opened?.fullName ?? null } };
      }),
    );

/** The directory's read model: its three row tables over its internal topic. */
export const directoryProjectionSpec = (vault: PersonalDataPort, topic: string = DIRECTORY_INTERNAL_TOPIC) => ({
  name: DIRECTORY_PROJECTION,
  version: DIRECTORY_PROJECTION_VERSION,
  topics: [topic],
  tables: DIRECTORY_TABLES,
  prepare: openNames(vault),
});
