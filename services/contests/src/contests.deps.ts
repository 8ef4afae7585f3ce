import type { CommandHandler, EventStore, PersonalDataPort, ReadTable } from '@mms/eventsourcing/core';
import type { Clock, Importer } from '@mms/service-kit/core';
import type { EducatorRow } from './educators/educator.rows';
import type { EntryRow } from './entries/entries.rows';
import type { SchoolEntriesRow } from './entries/school-entries.rows';
import type { PartitionRow } from './partitions/partition.rows';
import type { PriorResultsRow } from './prior-results/prior-results.rows';
import type { PublicStudentRow } from './publication/public-results.rows';
import type { PublicRevision } from './publication/public-revisions';
import type { StageRow } from './stages/stage.rows';
import type { StudentRow } from './students/student.rows';

/** What every handler and query of contests works with: built from platform tokens, or in memory in specs. */
export interface ContestsDeps {
  commands: CommandHandler;
  store: EventStore;
  vault: PersonalDataPort;
  clock: Clock;
  imports: Importer;
  /** A secret for the keyed hash that flags the same child entered by two schools (never a name in clear). */
  duplicateKeySecret: string;
  tables: {
    stages: ReadTable<StageRow>;
    students: ReadTable<StudentRow>;
    entries: ReadTable<EntryRow>;
    schoolEntries: ReadTable<SchoolEntriesRow>;
    partitions: ReadTable<PartitionRow>;
    educators: ReadTable<EducatorRow>;
    publicStudents: ReadTable<PublicStudentRow>;
    publicRevisions: ReadTable<PublicRevision>;
    priorResults: ReadTable<PriorResultsRow>;
  };
}

export const CONTESTS_DEPS = Symbol('CONTESTS_DEPS');
