import { isDeepStrictEqual } from 'node:util';
import { Collection, Document, MongoServerError } from 'mongodb';
import { DirectoryContracts as D } from '@mms/contracts/events';
import { costOf, EventEnvelope, heldKey, HeldRows, packRow, ReadModelCollections, StoredRow, unpackRow, writeToken } from '@mms/eventsourcing';
import {
  EDUCATORS,
  factsOf,
  FactsDocument,
  MUNICIPALITIES,
  MunicipalityDocument,
  SCHOOL_REVISIONS,
  SCHOOLS,
  SchoolDocument,
  SchoolRevisionDocument,
} from './educator-facts.documents';
import { EducatorFacts, foldEducatorEvents, schoolMembers } from './educator-facts.rows';

/** Conflicts need two writers on one document at once: a handful of retries is plenty. */
const MAX_WRITE_ATTEMPTS = 20;

/**
 * Optimistic write of a whole document: replace the write that was read (its token, else its
 * revision), or insert when there was none. False when another writer got there first (read
 * again and retry).
 */
const writeRevision = async <T extends Document & { _id: string; _rev: number; _w?: string }>(
  coll: Collection<T>,
  read: T | null,
  next: T,
  packed?: readonly string[],
): Promise<boolean> => {
  const stored = packRow(next as unknown as StoredRow, packed) as unknown as T;
  if (read) {
    const res = await coll.replaceOne((read._w ? { _id: read._id, _w: read._w } : { _id: read._id, _rev: read._rev }) as never, stored);
    return res.matchedCount === 1;
  }
  try {
    await coll.insertOne(stored as never);
    return true;
  } catch (err) {
    if (err instanceof MongoServerError && err.code === 11000) return false;
    throw err;
  }
};

/** What applying an educator's events left: the schools to refresh, and the facts written (null: none written). */
export interface AppliedFacts {
  schools: readonly string[];
  facts: EducatorFacts | null;
}

/**
 * Applies events of one educator (foldEducatorEvents) with one write of their facts
 * document. Returns the schools whose documents must be refreshed and the facts written. The
 * document this process wrote last is held (`held`): folded on without a read, its write
 * guarded by its token; one another writer changed meanwhile is read again.
 */
export const applyFacts = async (
  rm: ReadModelCollections,
  events: readonly EventEnvelope[],
  educatorId: string,
  held: HeldRows<FactsDocument>,
): Promise<AppliedFacts> => {
  const educators = rm.collection<FactsDocument>(EDUCATORS);
  const key = heldKey(educators, educatorId);
  let kept = held.take(key);
  // A registration (the record's first event) almost always meets no document: it is inserted
  // without a read, and a refused insert (a redelivery, facts begun from another topic) reads.
  let assumeNew = !kept && events[0]?.type === D.EducatorRegistered.type && events[0].streamVersion === 1;
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    const doc = kept ?? (assumeNew ? null : await educators.findOne({ _id: educatorId }));
    kept = undefined;
    assumeNew = false;
    const folded = foldEducatorEvents(
      { facts: doc ? factsOf(doc) : undefined, seen: doc?._seen ?? {}, previousOrganizationId: doc?._previousOrganizationId ?? null },
      events,
    );
    if (!folded.changed || !folded.facts) {
      if (doc?._w) held.put(key, doc, costOf(doc));
      return { schools: folded.schools, facts: null };
    }
    const next: FactsDocument = {
      ...folded.facts,
      _id: educatorId,
      _rev: (doc?._rev ?? 0) + 1,
      _w: writeToken(),
      _seen: { ...folded.seen },
      _previousOrganizationId: folded.previousOrganizationId,
    };
    if (await writeRevision(educators, doc, next)) {
      held.put(key, next, costOf(next));
      return { schools: folded.schools, facts: folded.facts };
    }
  }
  throw new Error(`facts of educator ${educatorId} kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
};

/**
 * Recomputes a school document from the facts of the educators placed there. Reading the
 * school's revision before the educators makes a refresh that read stale facts lose the
 * race to the refresh of whoever changed them. Without a municipality to file it under
 * (no educator ever placed, no registration seen) there is nothing to keep.
 *
 * A school this process wrote last (held) is brought up to date from `changed`, the facts this
 * batch wrote for educators who were or are there, without reading its educators (`heal`: some
 * educator of the batch was met again without a write, so the stored school is looked at): reading every
 * educator of a 600-teacher school for each batch that touched one of them was most of
 * monitoring's catching up after a diagnostics import (2,218 refreshes read 1.3 million facts
 * documents). The held copy's write is guarded by its token, so a school another writer changed
 * meanwhile is refused, and then read and recomputed whole as before. The educators' list is
 * stored as one JSON text (`_packed`, read back by the read tables): FerretDB rewrote the nested
 * list field by field at every refresh (175 ms a write for 600 educators).
 */
export const refreshSchool = async (
  rm: ReadModelCollections,
  organizationId: string,
  municipalityHint: string | undefined,
  held: HeldRows<SchoolDocument>,
  changed: ReadonlyMap<string, EducatorFacts> = new Map(),
  heal = true,
): Promise<void> => {
  const schools = rm.collection<SchoolDocument>(SCHOOLS);
  const key = heldKey(schools, organizationId);
  // The school as this process last wrote it stands for the read: its write is guarded by
  // its token, so one written elsewhere since is refused and read (the race rule above holds).
  let kept = held.take(key);
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    const fromHeld = kept !== undefined;
    const school = kept ?? unpackRow(await schools.findOne({ _id: organizationId }));
    kept = undefined;
    const members = fromHeld
      ? withChanged(school!.educators, changed, organizationId)
      : schoolMembers((await rm.collection<FactsDocument>(EDUCATORS).find({ organizationId }).toArray()).map(factsOf));
    // An organisation never changes municipality: the first one known stays.
    const municipalityId = school?.municipalityId ?? municipalityHint ?? members[0]?.municipalityId;
    if (municipalityId === undefined) return;
    // Unchanged: still make sure its revision is recorded (a crash may have come between).
    if (school && isDeepStrictEqual(school.educators, members)) {
      // "Unchanged" is said of the stored document, never of a held copy, when the refresh may
      // have to heal a school left behind (an educator's events met again: an earlier delivery
      // may have crashed between the facts and the school), so it looks. Otherwise every
      // educator here was written by this batch and none of them changes what the school lists.
      if (fromHeld && !heal) return held.put(key, school, schoolCost(school));
      if (fromHeld) continue;
      if (school._w) held.put(key, school, schoolCost(school));
      return recordRevision(rm, school);
    }
    // A school document written anew (lost, or never written) continues the recorded revisions.
    const base = school?._rev ?? (await rm.collection<SchoolRevisionDocument>(SCHOOL_REVISIONS).findOne({ _id: organizationId }))?.rev ?? 0;
    const next: SchoolDocument = { _id: organizationId, municipalityId, _rev: base + 1, _w: writeToken(), educators: members };
    if (await writeRevision(schools, school, next, SCHOOL_PACKED)) {
      held.put(key, next, schoolCost(next));
      return recordRevision(rm, next, 'new');
    }
  }
  throw new Error(`school ${organizationId} kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
};

/** The school's list of educators is stored packed: no query filters inside it. */
const SCHOOL_PACKED = ['educators'] as const;

/** A school's members with the educators of `changed` as they are now: gone if they left or no longer count, in if they are there. */
const withChanged = (members: readonly EducatorFacts[], changed: ReadonlyMap<string, EducatorFacts>, organizationId: string): EducatorFacts[] =>
  schoolMembers([...members.filter((m) => !changed.has(m.educatorId)), ...[...changed.values()].filter((f) => f.organizationId === organizationId)]);

/** A school held is its educators' facts: a few hundred bytes each. */
const schoolCost = (school: SchoolDocument) => 320 + 256 * school.educators.length;

/** `new`: the school's revision was just written by this refresh, so no recorded one can be as high (no read first). */
const recordRevision = async (rm: ReadModelCollections, school: SchoolDocument, written?: 'new'): Promise<void> => {
  const revisions = rm.collection<SchoolRevisionDocument>(SCHOOL_REVISIONS);
  const known = written ? null : await revisions.findOne({ _id: school._id });
  if (known && known.rev >= school._rev) return;
  // $max: revisions only grow, whichever of two writers comes last.
  await revisions.updateOne({ _id: school._id }, { $max: { rev: school._rev }, $set: { municipalityId: school.municipalityId } }, { upsert: true });
};

export const recordMunicipality = async (rm: ReadModelCollections, municipalityId: string): Promise<void> => {
  const municipalities = rm.collection<MunicipalityDocument>(MUNICIPALITIES);
  if (await municipalities.findOne({ _id: municipalityId })) return;
  try {
    await municipalities.insertOne({ _id: municipalityId });
  } catch (err) {
    // Inserted by a redelivery or another instance meanwhile: the same document.
    if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
  }
};
