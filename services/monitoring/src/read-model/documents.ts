import { Collection, Document, MongoServerError } from 'mongodb';
import type { EducatorFacts } from '../indicators/educator-facts';

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
  /** Per source (see seenKey), the last stream version applied. */
  _seen: Record<string, number>;
  /**
   * The school before the latest change of placement. After a crash between the facts
   * write and the school refresh, that school's document may still list the educator.
   */
  _previousOrganizationId: string | null;
}

/** One per organisation (`_id` = organizationId): what its indicators are computed from. */
export interface SchoolDocument {
  _id: string;
  municipalityId: string;
  _rev: number;
  /** Facts of the school's active educators, sorted by educatorId. */
  educators: EducatorFacts[];
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
  const { _id, _rev, _seen, _previousOrganizationId, ...facts } = doc;
  void [_id, _rev, _seen, _previousOrganizationId];
  return facts;
};

/**
 * Optimistic write of a whole document: replace the revision that was read, or insert
 * when there was none. False when another writer got there first (read again and retry).
 */
export const writeRevision = async <T extends Document & { _id: string; _rev: number }>(
  coll: Collection<T>,
  read: T | null,
  next: T,
): Promise<boolean> => {
  if (read) {
    const res = await coll.replaceOne({ _id: read._id, _rev: read._rev } as never, next);
    return res.matchedCount === 1;
  }
  try {
    await coll.insertOne(next as never);
    return true;
  } catch (err) {
    if (err instanceof MongoServerError && err.code === 11000) return false;
    throw err;
  }
};

/** Conflicts need two writers on one document at once: a handful of retries is plenty. */
export const MAX_WRITE_ATTEMPTS = 20;
