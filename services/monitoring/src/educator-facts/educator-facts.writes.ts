import { isDeepStrictEqual } from 'node:util';
import { Collection, Document, MongoServerError } from 'mongodb';
import { DirectoryContracts as D } from '@mms/contracts/events';
import { costOf, EventEnvelope, heldKey, HeldRows, ReadModelCollections, writeToken } from '@mms/eventsourcing';
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
import { foldEducatorEvents, schoolMembers } from './educator-facts.rows';

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
): Promise<boolean> => {
  if (read) {
    const res = await coll.replaceOne((read._w ? { _id: read._id, _w: read._w } : { _id: read._id, _rev: read._rev }) as never, next);
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

/**
 * Applies events of one educator (foldEducatorEvents) with one write of their facts
 * document. Returns the schools whose documents must be refreshed. The document this
 * process wrote last is held (`held`): folded on without a read, its write guarded by its
 * token; one another writer changed meanwhile is read again.
 */
export const applyFacts = async (
  rm: ReadModelCollections,
  events: readonly EventEnvelope[],
  educatorId: string,
  held: HeldRows<FactsDocument>,
): Promise<readonly string[]> => {
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
      return folded.schools;
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
      return folded.schools;
    }
  }
  throw new Error(`facts of educator ${educatorId} kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
};

/**
 * Recomputes a school document from the facts of the educators placed there. Reading the
 * school's revision before the educators makes a refresh that read stale facts lose the
 * race to the refresh of whoever changed them. Without a municipality to file it under
 * (no educator ever placed, no registration seen) there is nothing to keep.
 */
export const refreshSchool = async (
  rm: ReadModelCollections,
  organizationId: string,
  municipalityHint: string | undefined,
  held: HeldRows<SchoolDocument>,
): Promise<void> => {
  const schools = rm.collection<SchoolDocument>(SCHOOLS);
  const key = heldKey(schools, organizationId);
  // The school as this process last wrote it stands for the read: its write is guarded by
  // its token, so one written elsewhere since is refused and read (the race rule above holds).
  let kept = held.take(key);
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    const fromHeld = kept !== undefined;
    const school = kept ?? (await schools.findOne({ _id: organizationId }));
    kept = undefined;
    const docs = await rm.collection<FactsDocument>(EDUCATORS).find({ organizationId }).toArray();
    const members = schoolMembers(docs.map(factsOf));
    // An organisation never changes municipality: the first one known stays.
    const municipalityId = school?.municipalityId ?? municipalityHint ?? members[0]?.municipalityId;
    if (municipalityId === undefined) return;
    // Unchanged: still make sure its revision is recorded (a crash may have come between).
    if (school && isDeepStrictEqual(school.educators, members)) {
      // "Unchanged" is said of the stored document, never of a held copy: a refresh also heals
      // a school left behind (a crash between the facts and the school), so it looks.
      if (fromHeld) continue;
      if (school._w) held.put(key, school, schoolCost(school));
      return recordRevision(rm, school);
    }
    // A school document written anew (lost, or never written) continues the recorded revisions.
    const base = school?._rev ?? (await rm.collection<SchoolRevisionDocument>(SCHOOL_REVISIONS).findOne({ _id: organizationId }))?.rev ?? 0;
    const next: SchoolDocument = { _id: organizationId, municipalityId, _rev: base + 1, _w: writeToken(), educators: members };
    if (await writeRevision(schools, school, next)) {
      held.put(key, next, schoolCost(next));
      return recordRevision(rm, next, 'new');
    }
  }
  throw new Error(`school ${organizationId} kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
};

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
