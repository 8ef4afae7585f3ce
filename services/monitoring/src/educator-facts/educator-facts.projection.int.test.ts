import { Collection } from 'mongodb';
import { RequestContext, UserClaims } from '@mms/auth';
import { EventEnvelope, ForbiddenError, HeldRows, ProjectionRunner, toMessage, unpackRow } from '@mms/eventsourcing';
import { MessagingAdmin } from '@mms/messaging';
import { fixedClock } from '@mms/service-kit/core';
import { testBus, testDatabase, uniqueTopic, waitFor } from '@mms/testing/infra';
import { generationTables } from '../indicators/generation-tables';
import { municipalityIndicators, regionalComparison, schoolIndicators } from '../indicators/indicators.queries';
import { SchoolIndicatorsCache } from '../indicators/school-indicators.cache';
import { MonitoringDeps } from '../monitoring.deps';
import { sourceUpcasting } from '../monitoring.topics';
import { EDUCATORS, FactsDocument, factsOf, SCHOOLS, SchoolDocument } from './educator-facts.documents';
import { EDUCATOR_FACTS_PROJECTION, educatorFactsProjection } from './educator-facts.projection';
import { schoolMembers } from './educator-facts.rows';
import { applyFacts } from './educator-facts.writes';

const ev = (tenantId: string, stream: string, streamVersion: number, type: string, data: object): EventEnvelope => {
  const streamType = stream.slice(0, stream.indexOf('-'));
  return {
    eventId: `${tenantId}/${stream}/${streamVersion}/${type}`,
    type,
    schemaVersion: 1,
    tenantId,
    streamType,
    streamId: stream,
    streamVersion,
    occurredAt: '2026-03-01T00:00:00.000Z',
    correlationId: 'test',
    causationId: null,
    actor: { subject: 'test', role: 'system' },
    data,
  };
};

const profile = (careerStartDate: string) => ({
  position: 'учитель',
  subjects: ['математика'],
  careerStartDate,
  qualificationCategory: 'FIRST',
});
const registered = (m: string, e: string, o: string, career: string, v = 1) =>
  ev(m, `educator-${e}`, v, 'directory.EducatorRegistered', { educatorId: e, municipalityId: m, organizationId: o, ...profile(career) });
const enrolment = (tenant: string, cohort: string, v: number, n: string, e: string, m: string, o: string, status: string, on: string, hours = 0) =>
  ev(tenant, `cohort-${cohort}`, v, 'pd.EnrolmentChanged', {
    enrolmentId: n,
    cohortId: cohort,
    programmeId: `p-${cohort}`,
    educatorId: e,
    municipalityId: m,
    organizationId: o,
    status,
    hours,
    competences: ['DIGITAL'],
    on,
  });
const deficits = (m: string, e: string, v: number, open: unknown) =>
  ev(m, `development-${e}`, v, 'pd.DeficitsChanged', { educatorId: e, municipalityId: m, open });
const route = (m: string, e: string, v: number, status: string) =>
  ev(m, `development-${e}`, v, 'pd.RouteChanged', { educatorId: e, municipalityId: m, status, items: 2, done: 0 });
const mentorship = (m: string, mentor: string, v: number, id: string, mentee: string, status: string) =>
  ev(m, `mentor-${mentor}`, v, 'pd.MentorshipChanged', {
    mentorshipId: id,
    mentorId: mentor,
    menteeId: mentee,
    municipalityId: m,
    status,
    from: '2025-09-01',
    to: '2026-05-31',
  });

/** In stream order per stream; streams interleave across partitions. */
const directoryEvents: EventEnvelope[] = [
  ...['m1', 'm2', 'm3'].map((m) =>
    ev(m, `municipality-${m}`, 1, 'directory.MunicipalityOnboarded', {
      municipalityId: m,
      name: m,
      oktmo: '04701000',
      onboardedAt: '2025-01-01T00:00:00Z',
    }),
  ),
  ...[
    ['o1', 'm1'],
    ['o2', 'm1'],
    ['o3', 'm2'],
    ['o4', 'm2'],
    ['o5', 'm2'],
  ].map(([o, m]) => ev(m!, `organization-${o}`, 1, 'directory.OrganizationRegistered', { organizationId: o, municipalityId: m, name: o, kind: 'SCHOOL' })),
  registered('m1', 'e1', 'o1', '2010-09-01'),
  registered('m1', 'e2', 'o1', '2024-09-01'),
  ev('m1', 'educator-e2', 2, 'directory.EducatorMoved', {
    educatorId: 'e2',
    municipalityId: 'm1',
    fromOrganizationId: 'o1',
    toOrganizationId: 'o2',
  }),
  // A transfer: the educator has a stream in each municipality, each counting from 1,
  // so m2's move (version 2) is not m1's move (version 2) seen again.
  registered('m1', 'e3', 'o1', '2015-09-01'),
  ev('m1', 'educator-e3', 2, 'directory.EducatorMoved', {
    educatorId: 'e3',
    municipalityId: 'm1',
    fromOrganizationId: 'o1',
    toOrganizationId: 'o2',
  }),
  ev('m1', 'educator-e3', 3, 'directory.EducatorLeftMunicipality', { educatorId: 'e3', municipalityId: 'm1', toMunicipalityId: 'm2' }),
  ev('m2', 'educator-e3', 1, 'directory.EducatorJoinedMunicipality', {
    educatorId: 'e3',
    municipalityId: 'm2',
    organizationId: 'o3',
    ...profile('2015-09-01'),
    fromMunicipalityId: 'm1',
  }),
  ev('m2', 'educator-e3', 2, 'directory.EducatorMoved', {
    educatorId: 'e3',
    municipalityId: 'm2',
    fromOrganizationId: 'o3',
    toOrganizationId: 'o4',
  }),
  registered('m1', 'e4', 'o2', '2012-01-10'),
  ev('m1', 'educator-e4', 2, 'directory.EducatorLeft', { educatorId: 'e4', municipalityId: 'm1' }),
  registered('m2', 'e5', 'o3', '2025-09-01'),
  registered('m1', 'e6', 'o1', '2020-09-01'),
  ev('m1', 'educator-e6', 2, 'directory.EducatorChanged', { educatorId: 'e6', municipalityId: 'm1', qualificationCategory: 'HIGHEST' }),
];

const pdEvents: EventEnvelope[] = [
  ev('region', 'programme-p1', 1, 'pd.ProgrammePublished', {
    programmeId: 'p1',
    level: 'REGIONAL',
    ownerMunicipalityId: null,
    title: 'ДПП',
    hours: 72,
    format: 'DISTANCE',
    competences: ['DIGITAL'],
  }),
  enrolment('region', 'c1', 1, 'n1', 'e1', 'm1', 'o1', 'APPLIED', '2025-10-01'),
  enrolment('region', 'c1', 2, 'n1', 'e1', 'm1', 'o1', 'ENROLLED', '2025-10-05'),
  enrolment('region', 'c1', 3, 'n2', 'e3', 'm2', 'o3', 'APPLIED', '2025-10-06'),
  enrolment('region', 'c1', 4, 'n1', 'e1', 'm1', 'o1', 'COMPLETED', '2025-11-20', 72),
  enrolment('region', 'c1', 5, 'n2', 'e3', 'm2', 'o3', 'COMPLETED', '2025-11-20', 36),
  enrolment('m1', 'c0', 1, 'n0', 'e6', 'm1', 'o1', 'COMPLETED', '2022-05-10', 100),
  deficits('m1', 'e1', 1, ['DIGITAL', 'SUBJECT']),
  route('m1', 'e1', 2, 'DRAFT'),
  route('m1', 'e1', 3, 'APPROVED'),
  deficits('m1', 'e1', 4, ['DIGITAL']),
  deficits('m1', 'e2', 1, ['DIGITAL', 'METHODICAL']),
  route('m1', 'e2', 2, 'DRAFT'),
  // One internal event announced as two public ones: same stream version, both must count.
  deficits('m1', 'e2', 3, ['METHODICAL']),
  route('m1', 'e2', 3, 'APPROVED'),
  deficits('m2', 'e5', 1, ['INCLUSIVE']),
  mentorship('m1', 'e1', 1, 'ms1', 'e2', 'ACTIVE'),
  mentorship('m2', 'e3', 1, 'ms2', 'e5', 'ACTIVE'),
  mentorship('m2', 'e3', 2, 'ms2', 'e5', 'ENDED'),
  // Breaks its contract (open is not a list): parked on the dead-letter topic, never applied.
  deficits('m1', 'e6', 1, 'SUBJECT'),
];

const claims = (role: UserClaims['role'], municipalityId: string | null): RequestContext => ({
  requestId: 'r',
  correlationId: 'c',
  user: { subject: role, role, municipalityId, organizationId: null, educatorId: null },
});
const operator = claims('regional_operator', null);
const period = { asOf: '2026-03-15', academicYear: '2025/2026' };

/** The group has committed every message written so far: the read model holds them all. */
const caughtUp = async (admin: MessagingAdmin, groupId: string, topics: string[]) => {
  for (const topic of topics) {
    const committed = new Map((await admin.groupOffsets(groupId, topic)).map((p) => [p.partition, BigInt(p.offset)]));
    for (const end of await admin.endOffsets(topic)) {
      if (BigInt(end.offset) > 0n && (committed.get(end.partition) ?? -1n) < BigInt(end.offset)) return false;
    }
  }
  return true;
};

describe('educator facts projection (real Kafka, real MongoDB-compatible server)', () => {
  it('computes indicators from public events, ignores redeliveries, heals school documents and rebuilds to the same figures', async () => {
    const t = await testDatabase('monitoring');
    const bus = testBus('monitoring-test');
    const topics = { directory: uniqueTopic('directory'), professionalDevelopment: uniqueTopic('pd') };
    const service = `monitoring-${topics.directory.slice(-8)}`;
    const runner = new ProjectionRunner({
      db: t.db,
      bus,
      service,
      projection: educatorFactsProjection(topics),
      upcasting: sourceUpcasting(),
      metaPollMs: 200,
    });
    // As the indicators module builds them, over this runner's active generation.
    const d: MonitoringDeps = {
      tables: generationTables(() => runner.readModel()),
      clock: fixedClock('2026-03-15'),
      cache: new SchoolIndicatorsCache(),
    };
    const producer = bus.producer();
    const admin = await bus.admin();
    const settled = async (generation: number) =>
      waitFor(() => caughtUp(admin, `${service}.${EDUCATOR_FACTS_PROJECTION}.g${generation}`, [topics.directory, topics.professionalDevelopment]), {
        what: `generation ${generation} to catch up`,
        timeoutMs: 60000,
      });
    const snapshot = async () => ({
      o1: await schoolIndicators(d, operator, 'o1', {}),
      o2: await schoolIndicators(d, operator, 'o2', {}),
      o3: await schoolIndicators(d, operator, 'o3', {}),
      o4: await schoolIndicators(d, operator, 'o4', {}),
      o5: await schoolIndicators(d, operator, 'o5', {}),
      m1: await municipalityIndicators(d, operator, 'm1', {}),
      regional: await regionalComparison(d, operator, {}),
    });
    // Every school document lists exactly its educators' facts as stored (what a refresh from scratch would write).
    const schoolsAsFacts = async () => {
      const rm = await runner.readModel();
      const facts = (await rm.collection<FactsDocument>(EDUCATORS).find({}).toArray()).map(factsOf);
      const stored = (await rm.collection<SchoolDocument>(SCHOOLS).find({}).toArray()).map((doc) => unpackRow(doc)!);
      expect(stored.length).toBeGreaterThan(0);
      for (const school of stored)
        expect([school._id, school.educators]).toEqual([school._id, schoolMembers(facts.filter((f) => f.organizationId === school._id))]);
    };
    try {
      // The directory first, then professional development: the second round meets the schools
      // this instance wrote (held) and brings them up to date without reading their educators.
      await producer.send(topics.directory, directoryEvents.map(toMessage));
      await runner.start();
      await settled(1);
      await schoolsAsFacts();
      const educatorsRead = jest.spyOn(Collection.prototype, 'find');
      await producer.send(topics.professionalDevelopment, pdEvents.map(toMessage));
      await settled(1);
      const bySchool = educatorsRead.mock.calls.filter(([filter]) => filter && 'organizationId' in filter).length;
      educatorsRead.mockRestore();
      expect(bySchool).toBe(0);
      await schoolsAsFacts();

      const first = await snapshot();
      expect(first.o1).toEqual({
        scope: 'SCHOOL',
        scopeId: 'o1',
        ...period,
        educators: 2,
        trainedInThreeYears: 1,
        coverage3y: 0.5,
        overdue: 1,
        trainingHours: 72,
        trainingHoursPerEducator: 36,
        youngTeachers: 0,
        youngWithMentor: 0,
        youngWithMentorShare: null,
        withApprovedRoute: 1,
        withApprovedRouteShare: 0.5,
        deficits: [{ area: 'DIGITAL', count: 1 }],
        topDeficits: [{ area: 'DIGITAL', count: 1 }],
      });
      expect(first.o2).toMatchObject({
        educators: 1,
        youngTeachers: 1,
        youngWithMentor: 1,
        withApprovedRoute: 1,
        topDeficits: [{ area: 'METHODICAL', count: 1 }],
      });
      expect(first.o3).toMatchObject({
        educators: 1,
        trainedInThreeYears: 0,
        youngTeachers: 1,
        youngWithMentor: 0,
        topDeficits: [{ area: 'INCLUSIVE', count: 1 }],
      });
      expect(first.o4).toMatchObject({ educators: 1, trainedInThreeYears: 1, trainingHours: 36, youngTeachers: 0 });
      // Registered, never staffed: a school with zeros, not an unknown one.
      expect(first.o5).toMatchObject({ scope: 'SCHOOL', scopeId: 'o5', educators: 0, coverage3y: null, topDeficits: [] });
      expect(first.m1).toMatchObject({
        scope: 'MUNICIPALITY',
        scopeId: 'm1',
        educators: 3,
        trainedInThreeYears: 1,
        coverage3y: 1 / 3,
        overdue: 1,
        trainingHours: 72,
        trainingHoursPerEducator: 24,
        youngTeachers: 1,
        youngWithMentorShare: 1,
        withApprovedRoute: 2,
        withApprovedRouteShare: 2 / 3,
        topDeficits: [
          { area: 'DIGITAL', count: 1 },
          { area: 'METHODICAL', count: 1 },
        ],
      });
      expect(first.regional.municipalities.map((r) => [r.municipalityId, r.rank, r.indicators.educators])).toEqual([
        ['m2', 1, 2],
        ['m1', 2, 3],
        ['m3', null, 0],
      ]);
      expect(first.regional.region).toMatchObject({
        scope: 'REGION',
        scopeId: null,
        educators: 5,
        trainedInThreeYears: 2,
        coverage3y: 0.4,
        overdue: 1,
        trainingHours: 108,
        trainingHoursPerEducator: 21.6,
        youngTeachers: 2,
        youngWithMentor: 1,
        youngWithMentorShare: 0.5,
        withApprovedRoute: 2,
        topDeficits: [
          { area: 'DIGITAL', count: 1 },
          { area: 'INCLUSIVE', count: 1 },
          { area: 'METHODICAL', count: 1 },
        ],
      });
      // Tenancy: a methodologist of m1 reads m1 by default and no school of m2.
      expect(await municipalityIndicators(d, claims('municipal_methodologist', 'm1'), null, {})).toEqual(first.m1);
      await expect(schoolIndicators(d, claims('municipal_methodologist', 'm1'), 'o3', {})).rejects.toThrow(ForbiddenError);

      // Redelivery of early events (every stream's first two): applied again, they would
      // pull e3 back to m1, reopen e1's draft route and e5's mentorship, drop e2's deficit.
      const early = (events: EventEnvelope[]) => events.filter((e) => e.streamVersion <= 2).map(toMessage);
      await producer.send(topics.directory, early(directoryEvents));
      await producer.send(topics.professionalDevelopment, early(pdEvents));
      await settled(1);
      expect(await snapshot()).toEqual(first);

      // A crash between the facts write and the school refresh leaves stale school
      // documents; redelivering the (already applied) move refreshes both schools.
      const rm = await runner.readModel();
      await rm.collection<SchoolDocument>(SCHOOLS).deleteOne({ _id: 'o2' });
      // (The list of educators is stored packed, as one JSON text.)
      await rm.collection<SchoolDocument>(SCHOOLS).updateOne({ _id: 'o1' }, { $set: { _packed: JSON.stringify({ educators: [] }) } });
      const e2 = await rm.collection<FactsDocument>(EDUCATORS).findOne({ _id: 'e2' });
      expect(e2).toMatchObject({ organizationId: 'o2', _previousOrganizationId: 'o1' });
      await producer.send(topics.directory, directoryEvents.filter((e) => e.streamId === 'educator-e2').map(toMessage));
      await settled(1);
      expect(await snapshot()).toEqual(first);
      await schoolsAsFacts();

      // An instance that does not hold e1's facts (after a restart) meets its registration again:
      // the insert it tries first is refused, the stored facts are read and win, nothing written.
      const stored = await rm.collection<FactsDocument>(EDUCATORS).findOne({ _id: 'e1' });
      const registration = directoryEvents.find((e) => e.streamId === 'educator-e1' && e.streamVersion === 1)!;
      expect(registration.type).toBe('directory.EducatorRegistered');
      await applyFacts(rm, [registration], 'e1', new HeldRows<FactsDocument>());
      expect(await rm.collection<FactsDocument>(EDUCATORS).findOne({ _id: 'e1' })).toEqual(stored);

      // Rebuild from the start of both topics into a new generation: the same figures.
      const { generation } = await runner.rebuild();
      expect(generation).toBe(2);
      expect(await runner.activeGeneration(0)).toBe(2);
      const rebuilt = await snapshot();
      expect(rebuilt.regional).toEqual(first.regional);
      expect(rebuilt).toEqual(first);
    } finally {
      await runner.stop();
      await producer.disconnect();
      await admin.close();
      await t.drop();
    }
  });
});
