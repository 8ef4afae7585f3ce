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
import { EventEnvelope, Projection, ReadModelCollections } from '@mms/eventsourcing';
import { PoisonMessageError } from '@mms/messaging';
import { applyToFacts, EducatorFacts, educatorIdOf, keepsFactsFrom } from '../indicators/educator-facts';
import {
  EDUCATORS,
  factsOf,
  FactsDocument,
  MAX_WRITE_ATTEMPTS,
  MUNICIPALITIES,
  MunicipalityDocument,
  SCHOOLS,
  SchoolDocument,
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
 * Applies one event to its educator's facts, at most once per source version. Returns the
 * schools whose documents must be refreshed: those before and after a change, and, for an
 * event already applied, the current and previous school (the earlier delivery may have
 * crashed between the facts write and the school refresh).
 */
const applyFacts = async (rm: ReadModelCollections, e: EventEnvelope, educatorId: string): Promise<string[]> => {
  const educators = rm.collection<FactsDocument>(EDUCATORS);
  const key = seenKey(e);
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    const doc = await educators.findOne({ _id: educatorId });
    if (doc && (doc._seen[key] ?? 0) >= e.streamVersion) return schoolsOf(doc.organizationId, doc._previousOrganizationId);
    const before = doc ? factsOf(doc) : undefined;
    const after = applyToFacts(before, { type: e.type, data: e.data as object });
    // Nothing kept (a change of fields monitoring ignores, for an educator not yet seen).
    if (!after) return [];
    const moved = before?.organizationId !== after.organizationId;
    const next: FactsDocument = {
      ...after,
      _id: educatorId,
      _rev: (doc?._rev ?? 0) + 1,
      _seen: { ...doc?._seen, [key]: e.streamVersion },
      _previousOrganizationId: moved ? (before?.organizationId ?? null) : (doc?._previousOrganizationId ?? null),
    };
    if (await writeRevision(educators, doc, next)) {
      return isDeepStrictEqual(before, after) ? [] : schoolsOf(before?.organizationId, after.organizationId);
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
const refreshSchool = async (rm: ReadModelCollections, organizationId: string, municipalityHint?: string): Promise<void> => {
  const schools = rm.collection<SchoolDocument>(SCHOOLS);
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    const school = await schools.findOne({ _id: organizationId });
    const docs = await rm.collection<FactsDocument>(EDUCATORS).find({ organizationId }).toArray();
    const members = docs.map(factsOf).filter(isCounted).sort(byEducatorId);
    // An organisation never changes municipality: the first one known stays.
    const municipalityId = school?.municipalityId ?? municipalityHint ?? members[0]?.municipalityId;
    if (municipalityId === undefined) return;
    if (school && isDeepStrictEqual(school.educators, members)) return;
    const next: SchoolDocument = { _id: organizationId, municipalityId, _rev: (school?._rev ?? 0) + 1, educators: members };
    if (await writeRevision(schools, school, next)) return;
  }
  throw new Error(`school ${organizationId} kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
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
  collections: [EDUCATORS, SCHOOLS, MUNICIPALITIES],
  indexes: [
    { collection: EDUCATORS, keys: { organizationId: 1 } },
    { collection: EDUCATORS, keys: { municipalityId: 1 } },
    { collection: SCHOOLS, keys: { municipalityId: 1 } },
  ],
  async apply(e: EventEnvelope, rm: ReadModelCollections) {
    if (!keepsFactsFrom(e.type) && !ALSO_HANDLED.has(e.type)) return;
    validated(e);
    if (e.type === D.MunicipalityOnboarded.type) return recordMunicipality(rm, (e.data as MunicipalityOnboarded).municipalityId);
    if (e.type === D.OrganizationRegistered.type) {
      const { organizationId, municipalityId } = e.data as OrganizationRegistered;
      return refreshSchool(rm, organizationId, municipalityId);
    }
    const educatorId = educatorIdOf({ type: e.type, data: e.data as object });
    if (educatorId === undefined) return;
    for (const organizationId of await applyFacts(rm, e, educatorId)) await refreshSchool(rm, organizationId);
  },
});
