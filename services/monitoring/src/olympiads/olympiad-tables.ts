import type { ReadTable } from '@mms/eventsourcing/core';
import { olympiadSchoolRows, OlympiadSchoolRow } from './olympiad-schools.rows';

/** Logical collections of the `olympiads` projection. */
export const OLYMPIAD_SCHOOLS = olympiadSchoolRows.collection;
export const OLYMPIAD_REVISIONS = 'olympiad_school_revisions';

/**
 * One per school row (same `_id`), bumped after every batch that touched the row: tiny, so a
 * query tells which schools changed without reading their facts (FerretDB decodes whole
 * documents, and a row's bookkeeping grows with its source streams).
 */
export interface OlympiadRevisionDocument {
  _id: string;
  schoolId: string;
  municipalityId: string;
  academicYear: string;
  rev: number;
}

/** What the olympiad queries read: the `olympiads` read model of one generation. */
export interface OlympiadTables {
  /** Which generation the tables are (a rebuilt read model counts its revisions afresh). */
  readonly generation: string;
  readonly schools: ReadTable<OlympiadSchoolRow>;
  readonly revisions: ReadTable<OlympiadRevisionDocument>;
}
