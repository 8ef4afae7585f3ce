import { Projection, ReadModelCollections, rowProjection } from '@mms/eventsourcing';
import type { EventEnvelope, PersonalDataPort, SealedPersonalData } from '@mms/eventsourcing/core';
import { educatorRows } from './educators/educator.rows';
import { entryRows } from './entries/entries.rows';
import { schoolEntriesRows } from './entries/school-entries.rows';
import { partitionRows } from './partitions/partition.rows';
import { priorResultsRows } from './prior-results/prior-results.rows';
import { publicStudentRows } from './publication/public-results.rows';
import { bumpPublicRevisions, PUBLIC_REVISIONS, PublicRevision, publicRevisionsOf } from './publication/public-revisions';
import { stageRows } from './stages/stage.rows';
import { shortNameOf, StudentName } from './students/student.names';
import { OpenedStudentEnvelope, studentRows } from './students/student.rows';

/** Projection names (and so the physical collection prefixes). */
export const CONTESTS_PROJECTION = 'contests';
export const CONTESTS_EDUCATORS_PROJECTION = 'contests_educators';

/** Opens a student's sealed name once, for the short form public protocols show with consent. */
const openStudentNames =
  (vault: PersonalDataPort) =>
  (events: EventEnvelope[]): Promise<EventEnvelope[]> =>
    Promise.all(
      events.map(async (e) => {
        const personal = (e.data as { personal?: SealedPersonalData } | null)?.personal;
        if (!e.type.startsWith('Student') || !personal) return e;
        const name = await vault.open<StudentName>(personal);
        return { ...e, opened: { shortName: name ? shortNameOf(name) : null } } as EventEnvelope & OpenedStudentEnvelope;
      }),
    );

/** The rows, then the public results' revisions of what the batch changed (publication/public-revisions.ts). */
const withPublicRevisions = (rows: Projection): Projection => {
  const applyBatch = async (events: EventEnvelope[], rm: ReadModelCollections) => {
    await rows.applyBatch!(events, rm);
    await bumpPublicRevisions(rm.collection<PublicRevision>(PUBLIC_REVISIONS), publicRevisionsOf(events));
  };
  return { ...rows, collections: [...rows.collections, PUBLIC_REVISIONS], apply: (event, rm) => applyBatch([event], rm), applyBatch };
};

export const contestsProjections = (topics: { internal: string; directory: string }, vault: PersonalDataPort) => [
  withPublicRevisions(
    rowProjection({
      name: CONTESTS_PROJECTION,
      // 2: the public results' students and revisions (publication/); 3: prior years' results (prior-results/);
      // 4: each school's entries of a stage in one row (entries/school-entries.rows.ts).
      version: 4,
      topics: [topics.internal],
      tables: [stageRows, studentRows, entryRows, schoolEntriesRows, partitionRows, publicStudentRows, priorResultsRows],
      prepare: openStudentNames(vault),
    }),
  ),
  rowProjection({ name: CONTESTS_EDUCATORS_PROJECTION, version: 1, topics: [topics.directory], tables: [educatorRows] }),
];
