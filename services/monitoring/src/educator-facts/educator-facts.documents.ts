import type { EducatorFacts } from './educator-facts.rows';

/** Logical collections of the `educator_facts` projection. */
export const EDUCATORS = 'educators';
export const SCHOOLS = 'schools';
export const MUNICIPALITIES = 'municipalities';
export const SCHOOL_REVISIONS = 'school_revisions';

/** One per educator (`_id` = educatorId): the facts plus the bookkeeping of idempotent writes. */
export interface FactsDocument extends EducatorFacts {
  _id: string;
  /** Bumped on every write; a write succeeds only against the revision it read. */
  _rev: number;
  /** New at every write (writeToken): a write on a held copy succeeds only against the write it holds. */
  _w?: string;
  /** Per source (see seenKey), the last stream version applied. */
  _seen: Record<string, number>;
  /**
   * The school before the latest change of placement. After a crash between the facts
   * write and the school refresh, that school's document may still list the educator.
   */
  _previousOrganizationId: string | null;
}

/** A school as readers see it (`_id` = organizationId): what its indicators are computed from. */
export interface SchoolRow {
  _id: string;
  municipalityId: string;
  /** Facts of the school's active educators, sorted by educatorId. */
  educators: EducatorFacts[];
}

/** As stored: with the revision concurrent refreshes write against (and the write token of the last write). */
export interface SchoolDocument extends SchoolRow {
  _rev: number;
  _w?: string;
}

/**
 * One per school document, written after it: its revision, tiny, so a query can tell
 * which schools changed without reading their facts (FerretDB decodes whole documents).
 */
export interface SchoolRevisionDocument {
  _id: string;
  municipalityId: string;
  rev: number;
}

/** A municipality known to be onboarded, so the regional view lists it even without schools. */
export interface MunicipalityDocument {
  _id: string;
}

export const factsOf = (doc: FactsDocument): EducatorFacts => {
  const { _id, _rev, _w, _seen, _previousOrganizationId, ...facts } = doc;
  void [_id, _rev, _w, _seen, _previousOrganizationId];
  return facts;
};
