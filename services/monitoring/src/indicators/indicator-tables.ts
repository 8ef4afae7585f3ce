import type { ReadTable } from '@mms/eventsourcing/core';
import type { MunicipalityDocument, SchoolRevisionDocument, SchoolRow } from '../educator-facts/educator-facts.documents';

/** What the indicator queries read: the educator-facts read model of one generation. */
export interface IndicatorTables {
  /** Which generation the tables are (a rebuilt read model counts its revisions afresh). */
  readonly generation: string;
  readonly schools: ReadTable<SchoolRow>;
  readonly schoolRevisions: ReadTable<SchoolRevisionDocument>;
  readonly municipalities: ReadTable<MunicipalityDocument>;
}
