import { randomUUID } from 'node:crypto';
import { addDays, addYears, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { EventEnvelope, fromMessage, fromStored, StoredCommit, toMessage } from '@mms/eventsourcing';
import { testBus, waitFor } from '@mms/testing/infra';
import { claims, ok, PdService, startPdService } from '../../test/harness';

const RECORD = `mutation($i: RecordDiagnosticResultInput!) { recordDiagnosticResult(input: $i) { id deficits } }`;
const CREATE = `mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishProgramme(id: $id) { id } }`;
const SCHEDULE = `mutation($i: ScheduleCohortInput!) { scheduleCohort(input: $i) { id } }`;
const COHORTS = `query($f: CohortFilter) { cohorts(filter: $f) { id free } }`;
const PROPOSE = `mutation($id: ID!) { proposeRoute(educatorId: $id) { status items { id kind competence programmeId status } } }`;
const APPROVE = `mutation($id: ID!) { approveRoute(educatorId: $id) { status } }`;
const APPLY = `mutation($i: ApplyForCohortInput!) { applyForCohort(input: $i) { id } }`;
const APPROVE_ENROLMENT = `mutation($id: ID!) { approveEnrolment(enrolmentId: $id) { status } }`;
const COMPLETE = `mutation($i: CompleteEnrolmentInput!) { completeEnrolment(input: $i) { status certificate { number hours issuedOn } } }`;
const EDUCATOR = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Educator { route { status items { kind status } } trainingDueDate enrolments { status } } } }`;
const EXPORT = `query($from: String!, $to: String!) { certificateRegisterExport(from: $from, to: $to) { rows csv } }`;
const YOUNG = `query { youngTeachersWithoutMentor { id } }`;
const START_MENTORSHIP = `mutation($i: StartMentorshipInput!) { startMentorship(input: $i) { id status mentor { id } mentee { id } } }`;
const COMPLETE_MENTORSHIP = `mutation($i: CompleteMentorshipInput!) { completeMentorship(input: $i) { status outcome } }`;

describe('projections and the route-closing reaction (service on real Kafka and MongoDB-compatible server)', () => {
  let pd: PdService;
  const educatorId = randomUUID();
  const methodologist = claims('municipal_methodologist', { municipalityId: 'mun-a' });
  const coordinator = claims('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
  const today = todayIn(DEFAULT_REGION_TIME_ZONE);

  beforeAll(async () => {
    pd = await startPdService('route');
    await pd.registerEducator({ educatorId, municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: '2012-09-01' });
    await pd.educatorKnown(educatorId);
  });

  afterAll(async () => {
    await pd?.stop();
  });

  it('completing the programme of an approved route closes its item, once, and publishes only contract data', async () => {
    const published: EventEnvelope[] = [];
    const observer = testBus('pd-observer').consumer({
      groupId: `pd-observer-${randomUUID()}`,
      topics: [pd.topics.public],
      fromBeginning: true,
      handler: async (m) => void published.push(fromMessage(m)),
    });
    await observer.start();
    try {
      const recorded = ok(await pd.gql(methodologist, RECORD, { i: { educatorId, area: 'DIGITAL', score: 3, maxScore: 10, takenOn: today } }));
      expect(recorded.recordDiagnosticResult.deficits).toEqual(['DIGITAL']);

      const programme = ok(
        await pd.gql(methodologist, CREATE, {
          i: { title: 'Цифровые инструменты учителя', provider: 'ММС', hours: 72, format: 'IN_PERSON', competences: ['DIGITAL'] },
        }),
      );
      const programmeId = programme.createProgramme.id;
      ok(await pd.gql(methodologist, PUBLISH, { id: programmeId }));
      const cohortId = ok(await pd.gql(methodologist, SCHEDULE, { i: { programmeId, startDate: addDays(today, -5), endDate: addDays(today, 20), seats: 10 } }))
        .scheduleCohort.id;
      // The proposal reads the offer from the read model.
      await waitFor(async () => ok(await pd.gql(methodologist, COHORTS, { f: { competence: 'DIGITAL', withFreeSeats: true } })).cohorts.length === 1, {
        what: 'cohort in the read model',
      });

      const route = ok(await pd.gql(methodologist, PROPOSE, { id: educatorId })).proposeRoute;
      expect(route.status).toBe('DRAFT');
      expect(route.items.map((i: { kind: string }) => i.kind)).toEqual(['PROGRAMME', 'COMMUNITY']);
      expect(route.items[0]).toMatchObject({ programmeId, competence: 'DIGITAL', status: 'OPEN' });
      expect(ok(await pd.gql(methodologist, APPROVE, { id: educatorId })).approveRoute.status).toBe('APPROVED');

      const enrolmentId = ok(await pd.gql(coordinator, APPLY, { i: { cohortId, educatorId } })).applyForCohort.id;
      ok(await pd.gql(coordinator, APPROVE_ENROLMENT, { id: enrolmentId }));
      const done = ok(await pd.gql(coordinator, COMPLETE, { i: { enrolmentId, certificateNumber: 'ПК-000123', hours: 72, issuedOn: today } }));
      expect(done.completeEnrolment).toMatchObject({ status: 'COMPLETED', certificate: { number: 'ПК-000123', hours: 72, issuedOn: today } });

      const educator = await waitFor(
        async () => {
          const e = ok(await pd.gql(methodologist, EDUCATOR, { r: [{ __typename: 'Educator', id: educatorId }] }))._entities[0];
          return e.route.items[0].status === 'DONE' && e.trainingDueDate ? e : null;
        },
        { what: 'route item closed by the reaction' },
      );
      expect(educator.route).toEqual({
        status: 'APPROVED',
        items: [
          { kind: 'PROGRAMME', status: 'DONE' },
          { kind: 'COMMUNITY', status: 'OPEN' },
        ],
      });
      expect(educator.trainingDueDate).toBe(addYears(today, 3));
      expect(educator.enrolments).toEqual([{ status: 'COMPLETED' }]);
      expect(await pd.commits(`development-${educatorId}`)).toBe(4); // result, proposal, approval, closing

      // A redelivered completion finds nothing open: no new commit.
      const commits = await pd.db
        .collection<StoredCommit>('event_commits')
        .find({ streamId: `cohort-${cohortId}` })
        .map(fromStored)
        .toArray();
      const completed = commits.flatMap((c) => c.events).find((e: EventEnvelope) => e.type === 'EnrolmentCompleted')!;
      const producer = testBus('pd-redeliver').producer();
      await producer.send(pd.topics.internal, [toMessage(completed)]);
      await producer.disconnect();
      await new Promise((r) => setTimeout(r, 2000));
      expect(await pd.commits(`development-${educatorId}`)).toBe(4);

      const completion = await waitFor(
        async () => published.find((e) => e.type === 'pd.EnrolmentChanged' && (e.data as { status: string }).status === 'COMPLETED'),
        { what: 'pd.EnrolmentChanged COMPLETED on the public topic' },
      );
      expect(completion.data).toMatchObject({ enrolmentId, educatorId, municipalityId: 'mun-a', organizationId: 'school-1', hours: 72, on: today });
      await waitFor(async () => published.some((e) => e.type === 'pd.RouteChanged' && (e.data as { status: string }).status === 'APPROVED'), {
        what: 'pd.RouteChanged APPROVED',
      });
      expect(published.some((e) => e.type === 'pd.DeficitsChanged')).toBe(true);
      expect(JSON.stringify(published)).not.toContain('ПК-000123');

      // The certificate is in the issuer's register export.
      const exported = ok(await pd.gql(methodologist, EXPORT, { from: today, to: today })).certificateRegisterExport;
      expect(exported.rows).toBe(1);
      expect(exported.csv).toContain('ПК-000123');
      expect(exported.csv).toContain(educatorId);
    } finally {
      await observer.stop();
    }
  });

  it('a young teacher is listed without a mentor until paired, and again once the pair is complete', async () => {
    const young = randomUUID();
    const mentor = randomUUID();
    await pd.registerEducator({ educatorId: young, municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: addYears(today, -1) });
    await pd.registerEducator({ educatorId: mentor, municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: '2001-09-01' });
    await pd.educatorKnown(young);
    await pd.educatorKnown(mentor);
    const listed = async () => ok(await pd.gql(methodologist, YOUNG)).youngTeachersWithoutMentor.map((e: { id: string }) => e.id);
    expect(await listed()).toContain(young);
    expect(await listed()).not.toContain(mentor);

    const pair = ok(
      await pd.gql(methodologist, START_MENTORSHIP, {
        i: { mentorId: mentor, menteeId: young, from: today, to: addDays(today, 270), goals: ['Освоить ФГОС'] },
      }),
    ).startMentorship;
    expect(pair).toMatchObject({ status: 'ACTIVE', mentor: { id: mentor }, mentee: { id: young } });
    await waitFor(async () => !(await listed()).includes(young), { what: 'paired teacher off the list' });

    const completed = ok(await pd.gql(methodologist, COMPLETE_MENTORSHIP, { i: { mentorshipId: pair.id, outcome: 'Цели достигнуты' } }));
    expect(completed.completeMentorship).toEqual({ status: 'COMPLETED', outcome: 'Цели достигнуты' });
    await waitFor(async () => (await listed()).includes(young), { what: 'teacher back on the list' });
  });
});
