import { randomUUID } from 'node:crypto';
import { fromStored, physicalName, StoredCommit } from '@mms/eventsourcing';
import { waitFor } from '@mms/testing/infra';
import { claims, codeOf, ok, PdService, startPdService } from '../../test/harness';
import { CATALOGUE_PROJECTION } from '../pd.projection';

const CREATE = `mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id status level } }`;
const PUBLISH = `mutation($id: ID!) { publishProgramme(id: $id) { id status } }`;
const SCHEDULE = `mutation($i: ScheduleCohortInput!) { scheduleCohort(input: $i) { id seats held free status title format } }`;
const APPLY = `mutation($i: ApplyForCohortInput!) { applyForCohort(input: $i) { id status appliedBy cohortId } }`;

describe('enrolment (service on real Kafka and MongoDB-compatible server)', () => {
  let pd: PdService;
  const school = 'school-1';
  const educators = Array.from({ length: 9 }, () => randomUUID());
  const teacher = (i: number) => claims('teacher', { municipalityId: 'mun-a', organizationId: school, educatorId: educators[i]! });
  const operator = claims('regional_operator');

  const cohortWithSeats = async (seats: number) => {
    const p = ok(await pd.gql(operator, CREATE, { i: { title: 'Цифровая школа', provider: 'ЦНППМ', hours: 72, format: 'BLENDED', competences: ['DIGITAL'] } }));
    ok(await pd.gql(operator, PUBLISH, { id: p.createProgramme.id }));
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    return ok(await pd.gql(operator, SCHEDULE, { i: { programmeId: p.createProgramme.id, startDate: start, endDate: end, seats } })).scheduleCohort;
  };

  beforeAll(async () => {
    pd = await startPdService('enrolment');
    for (const educatorId of educators)
      await pd.registerEducator({ educatorId, municipalityId: 'mun-a', organizationId: school, careerStartDate: '2015-09-01' });
    for (const educatorId of educators) await pd.educatorKnown(educatorId);
  });

  afterAll(async () => {
    await pd?.stop();
  });

  it('two concurrent applications for the last seat: exactly one succeeds, the other gets COHORT_FULL', async () => {
    const cohort = await cohortWithSeats(2);
    expect(cohort).toMatchObject({ seats: 2, held: 0, free: 2, status: 'SCHEDULED', title: 'Цифровая школа', format: 'BLENDED' });
    ok(await pd.gql(teacher(0), APPLY, { i: { cohortId: cohort.id } }));

    const [a, b] = await Promise.all([1, 2].map((i) => pd.gql(teacher(i), APPLY, { i: { cohortId: cohort.id } })));
    const results = [a!, b!];
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => codeOf(r) === 'COHORT_FULL').length).toBe(1);
    expect(results.find((r) => !r.errors)!.data.applyForCohort).toMatchObject({ status: 'APPLIED', appliedBy: 'SELF', cohortId: cohort.id });

    // The stream holds exactly two applications, and the read model agrees.
    const stream = await pd.db
      .collection<StoredCommit>('event_commits')
      .find({ streamId: `cohort-${cohort.id}` })
      .map(fromStored)
      .toArray();
    expect(stream.flatMap((c) => c.events).filter((e) => e.type === 'EnrolmentApplied')).toHaveLength(2);
    const cohorts = pd.db.collection(physicalName(CATALOGUE_PROJECTION, 1, 'cohorts'));
    await waitFor(
      async () => {
        const row = await cohorts.findOne({ _id: cohort.id });
        return row?.['held'] === 2 && row?.['free'] === 0;
      },
      { what: 'cohort read model: 2 held, 0 free' },
    );
  });

  it('a burst of applicants never overbooks', async () => {
    const cohort = await cohortWithSeats(3);
    const results = await Promise.all([3, 4, 5, 6, 7, 8].map((i) => pd.gql(teacher(i), APPLY, { i: { cohortId: cohort.id } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    expect(results.filter((r) => codeOf(r) === 'COHORT_FULL')).toHaveLength(3);
  });

  it('refuses a second application of the same educator, and another school’s coordinator', async () => {
    const cohort = await cohortWithSeats(5);
    ok(await pd.gql(teacher(0), APPLY, { i: { cohortId: cohort.id } }));
    expect(codeOf(await pd.gql(teacher(0), APPLY, { i: { cohortId: cohort.id } }))).toBe('ALREADY_ENROLLED');
    const otherCoordinator = claims('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-2' });
    expect(codeOf(await pd.gql(otherCoordinator, APPLY, { i: { cohortId: cohort.id, educatorId: educators[1] } }))).toBe('FORBIDDEN');
    const coordinator = claims('school_coordinator', { municipalityId: 'mun-a', organizationId: school });
    expect(ok(await pd.gql(coordinator, APPLY, { i: { cohortId: cohort.id, educatorId: educators[1] } })).applyForCohort.appliedBy).toBe('COORDINATOR');
  });

  it('bad input is a BAD_USER_INPUT with every field problem, and writes nothing', async () => {
    const commits = () => pd.db.collection('event_commits').countDocuments();
    const before = await commits();
    const bad = await pd.gql(operator, CREATE, { i: { title: ' ', provider: 'ЦНППМ', hours: 0, format: 'DISTANCE', competences: [] } });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!['problems'].map((p: { field: string }) => p.field).sort()).toEqual(['competences', 'hours', 'title']);
    const badCohort = await pd.gql(operator, SCHEDULE, { i: { programmeId: 'p1', startDate: '2026-10-10', endDate: '2026-10-01x', seats: 0 } });
    expect(codeOf(badCohort)).toBe('BAD_USER_INPUT');
    expect(badCohort.errors![0]!.extensions!['problems'].map((p: { field: string }) => p.field).sort()).toEqual(['endDate', 'seats']);
    const unpublished = ok(
      await pd.gql(operator, CREATE, { i: { title: 'Черновик', provider: 'ЦНППМ', hours: 16, format: 'DISTANCE', competences: ['SUBJECT'] } }),
    );
    const refused = await pd.gql(operator, SCHEDULE, {
      i: { programmeId: unpublished.createProgramme.id, startDate: '2030-10-01', endDate: '2030-10-10', seats: 5 },
    });
    expect(codeOf(refused)).toBe('PROGRAMME_NOT_PUBLISHED');
    expect(await commits()).toBe(before + 1);
  });
});
