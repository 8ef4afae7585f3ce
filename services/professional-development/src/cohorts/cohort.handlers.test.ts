import { fixedClock } from '@mms/service-kit/core';
import { as, anonymous, codeOf, memoryDeps } from '../pd.in-memory';
import { createProgramme, publishProgramme } from '../catalogue/programme.handlers';
import { PdDeps } from '../pd.deps';
import * as h from './cohort.handlers';
import * as q from './cohort.queries';

const operator = as('regional_operator');
const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const methodologistB = as('municipal_methodologist', { municipalityId: 'mun-b' });
const coordinatorA1 = as('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
const coordinatorA2 = as('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-2' });
const coordinatorB = as('school_coordinator', { municipalityId: 'mun-b', organizationId: 'school-1' });
const teacher = (educatorId: string, municipalityId = 'mun-a', organizationId = 'school-1') => as('teacher', { educatorId, municipalityId, organizationId });

const PROGRAMME = { title: 'Цифровая школа', provider: 'ЦНППМ', hours: 72, format: 'BLENDED' as const, competences: ['DIGITAL' as const] };

const setup = (clock = fixedClock('2026-09-15T09:00:00Z')) => {
  const m = memoryDeps(clock);
  m.place({ educatorId: 'e1', municipalityId: 'mun-a', organizationId: 'school-1' });
  m.place({ educatorId: 'e2', municipalityId: 'mun-a', organizationId: 'school-1' });
  m.place({ educatorId: 'e3', municipalityId: 'mun-a', organizationId: 'school-1' });
  m.place({ educatorId: 'b1', municipalityId: 'mun-b', organizationId: 'school-1' });
  return m;
};

const cohortOf = async (d: PdDeps, owner = operator, seats = 2, dates = { startDate: '2026-10-01', endDate: '2026-11-30' }) => {
  const p = await createProgramme(d, owner, PROGRAMME);
  await publishProgramme(d, owner, p.id);
  return h.scheduleCohort(d, owner, { programmeId: p.id, seats, ...dates });
};

describe('scheduling a cohort', () => {
  it('only for a published programme of the scheduler’s own offer (PROGRAMME_NOT_PUBLISHED, NOT_FOUND from the decider)', async () => {
    const { d, store } = setup();
    const draft = await createProgramme(d, operator, PROGRAMME);
    const mark = store.mark();
    expect(await codeOf(h.scheduleCohort(d, operator, { programmeId: draft.id, startDate: '2026-10-01', endDate: '2026-10-10', seats: 5 }))).toBe(
      'PROGRAMME_NOT_PUBLISHED',
    );
    // Another municipality's programme is not in this methodologist's offer.
    expect(await codeOf(h.scheduleCohort(d, methodologistA, { programmeId: draft.id, startDate: '2026-10-01', endDate: '2026-10-10', seats: 5 }))).toBe(
      'NOT_FOUND',
    );
    expect(store.since(mark)).toEqual([]);
    await publishProgramme(d, operator, draft.id);
    const cohort = await h.scheduleCohort(d, operator, { programmeId: draft.id, startDate: '2026-10-01', endDate: '2026-10-10', seats: 5 });
    expect(cohort).toMatchObject({ tenantId: 'region', seats: 5, free: 5, status: 'SCHEDULED', title: 'Цифровая школа' });
  });

  it('bad input is BAD_USER_INPUT naming the fields; teachers and coordinators may not schedule', async () => {
    const { d } = setup();
    const bad = h.scheduleCohort(d, operator, { programmeId: 'p1', startDate: '2026-10-10', endDate: '2026-10-01x', seats: 0 });
    await expect(bad).rejects.toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'endDate' }, { field: 'seats' }] });
    for (const who of [teacher('e1'), coordinatorA1, anonymous])
      expect(await codeOf(h.scheduleCohort(d, who, { programmeId: 'p1', startDate: '2026-10-01', endDate: '2026-10-02', seats: 1 }))).toBe('FORBIDDEN');
  });
});

describe('applying for a cohort', () => {
  it('a teacher for themselves, a coordinator for their school; nobody else', async () => {
    const { d } = setup();
    const cohort = await cohortOf(d, operator, 10);
    expect(await h.applyForCohort(d, teacher('e1'), { cohortId: cohort.id })).toMatchObject({
      status: 'APPLIED',
      appliedBy: 'SELF',
      educatorId: 'e1',
      appliedOn: '2026-09-15',
    });
    expect(await h.applyForCohort(d, coordinatorA1, { cohortId: cohort.id, educatorId: 'e2' })).toMatchObject({ appliedBy: 'COORDINATOR' });
    for (const who of [teacher('e1'), coordinatorA2, coordinatorB, methodologistA, operator, anonymous]) {
      expect(await codeOf(h.applyForCohort(d, who, { cohortId: cohort.id, educatorId: 'e3' }))).toBe('FORBIDDEN');
    }
  });

  it('the regional offer is open to every municipality; a municipal cohort only to its own educators', async () => {
    const { d } = setup();
    const regional = await cohortOf(d, operator);
    expect(await h.applyForCohort(d, teacher('b1', 'mun-b'), { cohortId: regional.id })).toMatchObject({ tenantId: 'region', municipalityId: 'mun-b' });
    const municipal = await cohortOf(d, methodologistA);
    expect(municipal.tenantId).toBe('mun-a');
    expect(await codeOf(h.applyForCohort(d, teacher('b1', 'mun-b'), { cohortId: municipal.id }))).toBe('COHORT_NOT_OPEN_TO_EDUCATOR');
    expect(await h.applyForCohort(d, teacher('e1'), { cohortId: municipal.id })).toMatchObject({ tenantId: 'mun-a' });
  });

  it('the learner must be placed and active (NOT_FOUND, EDUCATOR_NOT_ACTIVE); an unknown cohort is NOT_FOUND', async () => {
    const m = setup();
    const cohort = await cohortOf(m.d);
    expect(await codeOf(h.applyForCohort(m.d, teacher('ghost'), { cohortId: cohort.id }))).toBe('NOT_FOUND');
    m.leave('e3', 'mun-a');
    expect(await codeOf(h.applyForCohort(m.d, teacher('e3'), { cohortId: cohort.id }))).toBe('EDUCATOR_NOT_ACTIVE');
    expect(await codeOf(h.applyForCohort(m.d, teacher('e1'), { cohortId: 'no-such-cohort' }))).toBe('NOT_FOUND');
  });

  it('two applications for the last seat: one succeeds, the other gets COHORT_FULL; the stream is read once per attempt', async () => {
    const { d, store } = setup();
    const cohort = await cohortOf(d, operator, 2);
    await h.applyForCohort(d, teacher('e1'), { cohortId: cohort.id });
    const reads = jest.spyOn(store, 'locateStream');
    const results = await Promise.allSettled([
      h.applyForCohort(d, teacher('e2'), { cohortId: cohort.id }),
      h.applyForCohort(d, teacher('e3'), { cohortId: cohort.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['COHORT_FULL']);
    expect(store.events.filter((e) => e.type === 'EnrolmentApplied')).toHaveLength(2);
    // Two commands, one conflict: three attempts, one read each.
    expect(reads).toHaveBeenCalledTimes(3);
  });

  it('"today" is the region’s: a cohort ending 2026-11-30 is closed at 00:30 on 1 December in Krasnoyarsk (still 30 November in UTC)', async () => {
    const { d } = setup(fixedClock('2026-11-30T17:30:00Z', 'Asia/Krasnoyarsk'));
    const cohort = await cohortOf(d, operator, 5, { startDate: '2026-10-01', endDate: '2026-11-30' });
    expect(await codeOf(h.applyForCohort(d, teacher('e1'), { cohortId: cohort.id }))).toBe('COHORT_CLOSED');
    const earlier = setup(fixedClock('2026-11-30T16:30:00Z', 'Asia/Krasnoyarsk'));
    const open = await cohortOf(earlier.d, operator, 5, { startDate: '2026-10-01', endDate: '2026-11-30' });
    expect(await h.applyForCohort(earlier.d, teacher('e1'), { cohortId: open.id })).toMatchObject({ appliedOn: '2026-11-30' });
  });
});

describe('changing an enrolment (access against the enrolment’s own record)', () => {
  it('only the coordinator of the learner’s school approves or rejects; a retry changes nothing', async () => {
    const { d, store } = setup();
    const cohort = await cohortOf(d, operator);
    const e = await h.applyForCohort(d, teacher('e1'), { cohortId: cohort.id });
    for (const who of [teacher('e1'), coordinatorA2, coordinatorB, methodologistA, operator])
      expect(await codeOf(h.approveEnrolment(d, who, e.id))).toBe('FORBIDDEN');
    expect(await h.approveEnrolment(d, coordinatorA1, e.id)).toMatchObject({ status: 'ENROLLED' });
    const mark = store.mark();
    expect(await h.approveEnrolment(d, coordinatorA1, e.id)).toMatchObject({ status: 'ENROLLED' });
    expect(store.since(mark)).toEqual([]);
    expect(await codeOf(h.rejectEnrolment(d, coordinatorA1, { enrolmentId: e.id, reason: ' ' }))).toBe('BAD_USER_INPUT');
  });

  it('the teacher withdraws while APPLIED, the coordinator also while ENROLLED', async () => {
    const { d } = setup();
    const cohort = await cohortOf(d, operator, 5);
    const a = await h.applyForCohort(d, teacher('e1'), { cohortId: cohort.id });
    expect(await codeOf(h.withdrawEnrolment(d, teacher('e2'), { enrolmentId: a.id }))).toBe('FORBIDDEN');
    expect(await h.withdrawEnrolment(d, teacher('e1'), { enrolmentId: a.id, reason: 'передумал' })).toMatchObject({ status: 'WITHDRAWN', reason: 'передумал' });
    const b = await h.applyForCohort(d, teacher('e2'), { cohortId: cohort.id });
    await h.approveEnrolment(d, coordinatorA1, b.id);
    expect(await codeOf(h.withdrawEnrolment(d, teacher('e2'), { enrolmentId: b.id }))).toBe('INVALID_TRANSITION');
    expect(await h.withdrawEnrolment(d, coordinatorA1, { enrolmentId: b.id })).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('the result is recorded by the school’s coordinator or the cohort’s owner (the operator for a regional cohort)', async () => {
    const { d } = setup();
    const cohort = await cohortOf(d, operator, 5);
    const e = await h.applyForCohort(d, teacher('e1'), { cohortId: cohort.id });
    await h.approveEnrolment(d, coordinatorA1, e.id);
    const complete = { enrolmentId: e.id, certificateNumber: 'ПК-1', hours: 72, issuedOn: '2026-11-30' };
    expect(await codeOf(h.completeEnrolment(d, methodologistA, complete))).toBe('FORBIDDEN');
    expect(await h.completeEnrolment(d, operator, complete)).toMatchObject({ status: 'COMPLETED', statusOn: '2026-11-30', certificate: { number: 'ПК-1' } });
  });

  it('an enrolment id of a cohort that does not exist, or not in it, is NOT_FOUND; a malformed one BAD_USER_INPUT', async () => {
    const { d } = setup();
    const cohort = await cohortOf(d, operator);
    expect(await codeOf(h.approveEnrolment(d, coordinatorA1, 'nope~x'))).toBe('NOT_FOUND');
    expect(await codeOf(h.approveEnrolment(d, coordinatorA1, `${cohort.id}~x`))).toBe('NOT_FOUND');
    expect(await codeOf(h.approveEnrolment(d, coordinatorA1, 'no-tilde'))).toBe('BAD_USER_INPUT');
  });
});

describe('reading enrolments (the caller’s scope inside the query)', () => {
  it('by the learner’s placement: another municipality’s methodologist and coordinator see none of them', async () => {
    const m = setup();
    const cohort = await cohortOf(m.d, operator, 10);
    await h.applyForCohort(m.d, teacher('e1'), { cohortId: cohort.id });
    await h.applyForCohort(m.d, teacher('b1', 'mun-b'), { cohortId: cohort.id });
    m.project();
    const ids = async (who: ReturnType<typeof as>) => (await q.enrolments(m.d, who, { cohortId: cohort.id })).map((e) => e.educatorId).sort();
    expect(await ids(operator)).toEqual(['b1', 'e1']);
    expect(await ids(methodologistA)).toEqual(['e1']);
    expect(await ids(methodologistB)).toEqual(['b1']);
    expect(await ids(coordinatorB)).toEqual(['b1']);
    expect(await ids(coordinatorA2)).toEqual([]);
    expect(await ids(teacher('e1'))).toEqual(['e1']);
    expect((await q.enrolments(m.d, teacher('e1'), { cohortId: cohort.id }))[0]).toMatchObject({
      programmeTitle: 'Цифровая школа',
      cohortEndDate: '2026-11-30',
    });
    expect(await codeOf(q.enrolments(m.d, methodologistA, { municipalityId: 'mun-b' }))).toBe('FORBIDDEN');
  });
});
