import { isDeepStrictEqual } from 'node:util';
import {
  ALL_CONTRACTS,
  assertMatches,
  ContractViolation,
  DIRECTORY_TOPIC,
  DirectoryContracts as D,
  MunicipalityOnboarded,
  OrganizationRegistered,
  PROFESSIONAL_DEVELOPMENT_TOPIC,
} from '@mms/contracts';
import { MongoServerError } from 'mongodb';
import { EventEnvelope, inParallel, Projection, ReadModelCollections } from '@mms/eventsourcing';
import { PoisonMessageError } from '@mms/messaging';
import { applyToFacts, EducatorFacts, educatorIdOf, keepsFactsFrom } from '../indicators/educator-facts';
import {
  EDUCATORS,
  factsOf,
  FactsDocument,
  MAX_WRITE_ATTEMPTS,
  MUNICIPALITIES,
  MunicipalityDocument,
  SCHOOL_REVISIONS,
  SCHOOLS,
  SchoolDocument,
  SchoolRevisionDocument,
  writeRevision,
} from './documents';
import { seenKey } from './seen-key';

export const EDUCATOR_FACTS_PROJECTION = 'educator_facts';

/** Tests point the projection at their own topics. */
export interface EducatorFactsTopics {
  directory: string;
  professionalDevelopment: string;
}

const ALSO_HANDLED = new Set([D.MunicipalityOnboarded.type, D.OrganizationRegistered.type]);

/**
 * A contract-breaking event must not reach the facts: it is parked on the dead-letter
 * topic instead (retrying cannot fix it). Events are upcast to their latest version first.
 */
const validated = (e: EventEnvelope): void => {
  if (typeof e.streamType !== 'string') throw new PoisonMessageError(`${e.type} ${e.eventId} has no streamType`);
  try {
    assertMatches(ALL_CONTRACTS[e.type]!, e.schemaVersion, e.data);
  } catch (err) {
    if (err instanceof ContractViolation) throw new PoisonMessageError(`${err.message} (event ${e.eventId})`);
    throw err;
  }
};

const isCounted = (f: EducatorFacts) => f.active && f.municipalityId !== undefined;
const byEducatorId = (a: EducatorFacts, b: EducatorFacts) => (a.educatorId < b.educatorId ? -1 : a.educatorId > b.educatorId ? 1 : 0);
const schoolsOf = (...ids: (string | null | undefined)[]): string[] => [...new Set(ids.filter((id): id is string => !!id))];

/**
 * Applies events of one educator, in order, to their facts, each at most once per source
 * version, with one write. Returns the schools whose documents must be refreshed: those
 * before and after a change, and, for an event already applied, the current and previous
 * school (the earlier delivery may have crashed between the facts write and the school
 * refresh).
 */
const applyFacts = async (rm: ReadModelCollections, events: readonly EventEnvelope[], educatorId: string): Promise<string[]> => {
  const educators = rm.collection<FactsDocument>(EDUCATORS);
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    const doc = await educators.findOne({ _id: educatorId });
    let facts: EducatorFacts | undefined = doc ? factsOf(doc) : undefined;
    let previous = doc?._previousOrganizationId ?? null;
    const seen = { ...doc?._seen };
    const schools = new Set<string>();
    let changed = false;
    for (const e of events) {
      const key = seenKey(e);
      if ((seen[key] ?? 0) >= e.streamVersion) {
        for (const s of schoolsOf(facts?.organizationId, previous)) schools.add(s);
        continue;
      }
      const after = applyToFacts(facts, { type: e.type, data: e.data as object });
      // Nothing kept (a change of fields monitoring ignores, for an educator not yet seen).
      if (!after) continue;
      if (facts?.organizationId !== after.organizationId) previous = facts?.organizationId ?? null;
      if (!isDeepStrictEqual(facts, after)) for (const s of schoolsOf(facts?.organizationId, after.organizationId)) schools.add(s);
      facts = after;
      seen[key] = e.streamVersion;
      changed = true;
    }
    if (!changed || !facts) return [...schools];
    const next: FactsDocument = { ...facts, _id: educatorId, _rev: (doc?._rev ?? 0) + 1, _seen: seen, _previousOrganizationId: previous };
    if (await writeRevision(educators, doc, next)) return [...schools];
  }
  throw new Error(`facts of educator ${educatorId} kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
};

/**
 * Recomputes a school document from the facts of the educators placed there. Reading the
 * school's revision before the educators makes a refresh that read stale facts lose the
 * race to the refresh of whoever changed them. Without a municipality to file it under
 * (no educator ever placed, no registration seen) there is nothing to keep.
 */
const refreshSchool = async (rm: ReadModelCollections, organizationId: string, municipalityHint?: string): Promise<void> => {
  const schools = rm.collection<SchoolDocument>(SCHOOLS);
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    const school = await schools.findOne({ _id: organizationId });
    const docs = await rm.collection<FactsDocument>(EDUCATORS).find({ organizationId }).toArray();
    const members = docs.map(factsOf).filter(isCounted).sort(byEducatorId);
    // An organisation never changes municipality: the first one known stays.
    const municipalityId = school?.municipalityId ?? municipalityHint ?? members[0]?.municipalityId;
    if (municipalityId === undefined) return;
    // Unchanged: still make sure its revision is recorded (a crash may have come between).
    if (school && isDeepStrictEqual(school.educators, members)) return recordRevision(rm, school);
    // A school document written anew (lost, or never written) continues the recorded revisions.
    const base = school?._rev ?? (await rm.collection<SchoolRevisionDocument>(SCHOOL_REVISIONS).findOne({ _id: organizationId }))?.rev ?? 0;
    const next: SchoolDocument = { _id: organizationId, municipalityId, _rev: base + 1, educators: members };
    if (await writeRevision(schools, school, next)) return recordRevision(rm, next);
  }
  throw new Error(`school ${organizationId} kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
};

const recordRevision = async (rm: ReadModelCollections, school: SchoolDocument): Promise<void> => {
  const revisions = rm.collection<SchoolRevisionDocument>(SCHOOL_REVISIONS);
  const known = await revisions.findOne({ _id: school._id });
  if (known && known.rev >= school._rev) return;
  // $max: revisions only grow, whichever of two writers comes last.
  await revisions.updateOne({ _id: school._id }, { $max: { rev: school._rev }, $set: { municipalityId: school.municipalityId } }, { upsert: true });
};

const recordMunicipality = async (rm: ReadModelCollections, municipalityId: string): Promise<void> => {
  const municipalities = rm.collection<MunicipalityDocument>(MUNICIPALITIES);
  if (await municipalities.findOne({ _id: municipalityId })) return;
  try {
    await municipalities.insertOne({ _id: municipalityId });
  } catch (err) {
    // Inserted by a redelivery or another instance meanwhile: the same document.
    if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
  }
};

/**
 * Monitoring's facts, fed from the directory's and professional development's public
 * topics: one document per educator, and per school the facts of its active educators, so
 * that indicators are computed at query time from a few school documents. Only plain
 * equality filters and `_id` lookups (served by indexes on every supported server).
 */
export const educatorFactsProjection = (
  topics: EducatorFactsTopics = { directory: DIRECTORY_TOPIC, professionalDevelopment: PROFESSIONAL_DEVELOPMENT_TOPIC },
): Projection => ({
  name: EDUCATOR_FACTS_PROJECTION,
  topics: [topics.directory, topics.professionalDevelopment],
  collections: [EDUCATORS, SCHOOLS, MUNICIPALITIES, SCHOOL_REVISIONS],
  // 2: school revision documents, which the indicator queries rely on
  version: 2,
  indexes: [
    { collection: SCHOOL_REVISIONS, keys: { municipalityId: 1 } },
    { collection: EDUCATORS, keys: { organizationId: 1 } },
    { collection: EDUCATORS, keys: { municipalityId: 1 } },
    { collection: SCHOOLS, keys: { municipalityId: 1 } },
  ],
  apply(e: EventEnvelope, rm: ReadModelCollections) {
    return applyEvents([e], rm);
  },
  applyBatch: applyEvents,
});

/**
 * A batch (consecutive events of one partition) writes each educator's facts once and
 * refreshes each touched school once, after all its educators: the same documents as
 * event by event, with far fewer writes while catching up.
 */
const applyEvents = async (events: readonly EventEnvelope[], rm: ReadModelCollections): Promise<void> => {
  const kept = events.filter((e) => keepsFactsFrom(e.type) || ALSO_HANDLED.has(e.type));
  // All checked before anything is written: a poison event fails the batch, and the
  // consumer then parks just that one, event by event.
  kept.forEach(validated);
  const schools = new Map<string, string | undefined>();
  const byEducator = new Map<string, EventEnvelope[]>();
  for (const e of kept) {
    if (e.type === D.MunicipalityOnboarded.type) {
      await recordMunicipality(rm, (e.data as MunicipalityOnboarded).municipalityId);
    } else if (e.type === D.OrganizationRegistered.type) {
      const { organizationId, municipalityId } = e.data as OrganizationRegistered;
      schools.set(organizationId, municipalityId);
    } else {
      const educatorId = educatorIdOf({ type: e.type, data: e.data as object });
      if (educatorId !== undefined) byEducator.set(educatorId, [...(byEducator.get(educatorId) ?? []), e]);
    }
  }
  const touched = await inParallel([...byEducator], FACT_WRITERS, ([educatorId, own]) => applyFacts(rm, own, educatorId));
  for (const organizationId of touched.flat()) if (!schools.has(organizationId)) schools.set(organizationId, undefined);
  await inParallel([...schools], FACT_WRITERS, ([organizationId, hint]) => refreshSchool(rm, organizationId, hint));
};

/** Different educators' (and schools') documents are independent: a few written at once. */
const FACT_WRITERS = 4;
