import { DirectoryContracts as D, MunicipalityOnboarded, OrganizationRegistered } from '@mms/contracts/events';
import { EventEnvelope, HeldRows, inParallel, Projection, ReadModelCollections } from '@mms/eventsourcing';
import { EducatorFactsTopics, SOURCE_TOPICS } from '../monitoring.topics';
import { assertSourceContract } from '../source-contracts';
import { EDUCATORS, FactsDocument, MUNICIPALITIES, SCHOOL_REVISIONS, SchoolDocument, SCHOOLS } from './educator-facts.documents';
import { EducatorFacts, educatorIdOf, keepsFactsFrom } from './educator-facts.rows';
import { applyFacts, recordMunicipality, refreshSchool } from './educator-facts.writes';

export const EDUCATOR_FACTS_PROJECTION = 'educator_facts';

const ALSO_HANDLED = new Set([D.MunicipalityOnboarded.type, D.OrganizationRegistered.type]);

/**
 * Monitoring's facts, fed from the directory's and professional development's public
 * topics: one document per educator, and per school the facts of its active educators, so
 * that indicators are computed at query time from a few school documents. Only plain
 * equality filters and `_id` lookups (served by indexes on every supported server).
 */
export const educatorFactsProjection = (topics: EducatorFactsTopics = SOURCE_TOPICS): Projection => {
  // The facts and school documents this instance wrote, for its next batches (educator-facts.writes.ts).
  const held = { facts: new HeldRows<FactsDocument>(), schools: new HeldRows<SchoolDocument>(16 * 1024 * 1024) };
  const applyEvents = applyEventsWith(held);
  return {
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
  };
};

/**
 * A batch (consecutive events of one partition) writes each educator's facts once and
 * refreshes each touched school once, after all its educators: the same documents as
 * event by event, with far fewer writes while catching up.
 */
const applyEventsWith =
  (held: { facts: HeldRows<FactsDocument>; schools: HeldRows<SchoolDocument> }) =>
  async (events: readonly EventEnvelope[], rm: ReadModelCollections): Promise<void> => {
    const kept = events.filter((e) => keepsFactsFrom(e.type) || ALSO_HANDLED.has(e.type));
    // All checked before anything is written: a poison event fails the batch, and the
    // consumer then parks just that one, event by event.
    kept.forEach(assertSourceContract);
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
    const applied = await inParallel([...byEducator], FACT_WRITERS, ([educatorId, own]) => applyFacts(rm, own, educatorId, held.facts));
    // Per school, the facts written for educators who were or are there: what a held school is brought up to date with.
    // Schools of an educator whose events were met again (nothing written) may have been left behind by a crash: they are looked at.
    const changed = new Map<string, Map<string, EducatorFacts>>();
    const heal = new Set<string>(schools.keys());
    for (const { schools: touched, facts } of applied)
      for (const organizationId of touched) {
        if (!schools.has(organizationId)) schools.set(organizationId, undefined);
        if (!facts) heal.add(organizationId);
        else {
          if (!changed.has(organizationId)) changed.set(organizationId, new Map());
          changed.get(organizationId)!.set(facts.educatorId, facts);
        }
      }
    await inParallel([...schools], FACT_WRITERS, ([organizationId, hint]) =>
      refreshSchool(rm, organizationId, hint, held.schools, changed.get(organizationId), heal.has(organizationId)),
    );
  };

/** Different educators' (and schools') documents are independent: a few written at once. */
const FACT_WRITERS = 4;
