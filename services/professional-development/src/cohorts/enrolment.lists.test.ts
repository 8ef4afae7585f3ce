import { createProgramme, publishProgramme } from '../catalogue/programme.handlers';
import { PdDeps } from '../pd.deps';
import { as, codeOf, memoryDeps } from '../pd.in-memory';
import * as h from './cohort.handlers';
import { applyForCohorts, approveEnrolments, completeEnrolments, MAX_ENROLMENTS } from './enrolment.lists';

const operator = as('regional_operator');
const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const coordinatorA1 = as('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
const coordinatorB = as('school_coordinator', { municipalityId: 'mun-b', organizationId: 'school-1' });
const teacher = (educatorId: string) => as('teacher', { educatorId, municipalityId: 'mun-a', organizationId: 'school-1' });

const setup = () => {
  const m = memoryDeps();
  for (const id of ['e1', 'e2', 'e3']) m.place({ educatorId: id, municipalityId: 'mun-a', organizationId: 'school-1' });
  m.place({ educatorId: 'b1', municipalityId: 'mun-b', organizationId: 'school-1' });
  return m;
};

const cohortOf = async (d: PdDeps, seats: number) => {
  const p = await createProgramme(d, operator, { title: 'Цифровая школа', provider: 'ЦНППМ', hours: 72, format: 'BLENDED', competences: ['DIGITAL'] });
  await publishProgramme(d, operator, p.id);
  return h.scheduleCohort(d, operator, { programmeId: p.id, seats, startDate: '2026-10-01', endDate: '2026-11-30' });
};

const answers = (out: Awaited<ReturnType<typeof applyForCohorts>>) =>
  out.map((o) => [o.index, o.enrolment?.educatorId ?? null, o.enrolment?.status ?? null, o.error?.code ?? null, o.error?.fields ?? []]);

describe('applyForCohorts (a school coordinator’s applications for the term)', () => {
  it('takes the list in order, one commit per cohort, each refused entry answered in its place', async () => {
    const { d, store } = setup();
    const cohort = await cohortOf(d, 2);
    const other = await cohortOf(d, 5);
    const mark = store.mark();
    const to = (educatorId: string, cohortId = cohort.id) => ({ cohortId, educatorId });
    const out = await applyForCohorts(d, coordinatorA1, [
      to('e1'),
      to('b1'), // another municipality's educator
      to('ghost'),
      to('bad id!'),
      to('e2'),
      to('e1'), // already applied above
      to('e3'), // two seats, both taken by the entries before it
      to('e3', other.id),
      to('e1', 'no-such-cohort'),
    ]);
    expect(answers(out)).toEqual([
      [0, 'e1', 'APPLIED', null, []],
      [1, null, null, 'FORBIDDEN', []],
      [2, null, null, 'NOT_FOUND', ['input.2.educatorId']],
      [3, null, null, 'BAD_USER_INPUT', ['input.3.educatorId']],
      [4, 'e2', 'APPLIED', null, []],
      [5, null, null, 'ALREADY_ENROLLED', []],
      [6, null, null, 'COHORT_FULL', []],
      [7, 'e3', 'APPLIED', null, []],
      [8, null, null, 'NOT_FOUND', ['input.8.cohortId']],
    ]);
    expect(out[0]!.enrolment).toMatchObject({ appliedBy: 'COORDINATOR', appliedOn: '2026-09-15', cohortId: cohort.id });
    expect(store.since(mark).map((e) => [e.streamId, e.type])).toEqual([
      [`cohort-${cohort.id}`, 'EnrolmentApplied'],
      [`cohort-${cohort.id}`, 'EnrolmentApplied'],
      [`cohort-${other.id}`, 'EnrolmentApplied'],
    ]);
  });

  it('the same list again takes nothing twice; a teacher applies only for themselves (educatorId left out); 1 to 500 entries', async () => {
    const { d, store } = setup();
    const cohort = await cohortOf(d, 10);
    const list = [
      { cohortId: cohort.id, educatorId: 'e1' },
      { cohortId: cohort.id, educatorId: 'e2' },
    ];
    await applyForCohorts(d, coordinatorA1, list);
    const mark = store.mark();
    expect((await applyForCohorts(d, coordinatorA1, list)).map((o) => o.error?.code)).toEqual(['ALREADY_ENROLLED', 'ALREADY_ENROLLED']);
    expect(store.since(mark)).toEqual([]);
    const mine = await applyForCohorts(d, teacher('e3'), [{ cohortId: cohort.id }, { cohortId: cohort.id, educatorId: 'e1' }]);
    expect(mine.map((o) => o.enrolment?.appliedBy ?? o.error?.code)).toEqual(['SELF', 'FORBIDDEN']);
    expect((await applyForCohorts(d, methodologistA, [{ cohortId: cohort.id }])).map((o) => o.error?.fields)).toEqual([['input.0.educatorId']]);
    expect(await codeOf(applyForCohorts(d, coordinatorA1, []))).toBe('BAD_USER_INPUT');
    const tooMany = Array.from({ length: MAX_ENROLMENTS + 1 }, () => list[0]!);
    expect(await codeOf(applyForCohorts(d, coordinatorA1, tooMany))).toBe('BAD_USER_INPUT');
  });
});

describe('approveEnrolments and completeEnrolments (a coordinator’s pending list, a cohort’s results sheet)', () => {
  const nominated = async () => {
    const m = setup();
    const first = await cohortOf(m.d, 5);
    const second = await cohortOf(m.d, 5);
    const a = await applyForCohorts(m.d, coordinatorA1, [
      { cohortId: first.id, educatorId: 'e1' },
      { cohortId: first.id, educatorId: 'e2' },
    ]);
    const b = await h.applyForCohort(m.d, teacher('e3'), { cohortId: second.id });
    const other = await h.applyForCohort(m.d, as('teacher', { educatorId: 'b1', municipalityId: 'mun-b', organizationId: 'school-1' }), {
      cohortId: second.id,
    });
    return { ...m, first, second, ids: [a[0]!.enrolment!.id, a[1]!.enrolment!.id, b.id], other: other.id };
  };

  it('approves across cohorts, one commit per cohort; another school’s, unknown and malformed ids refused in their place', async () => {
    const { d, store, ids, other, first } = await nominated();
    const mark = store.mark();
    const out = await approveEnrolments(d, coordinatorA1, [ids[0]!, other, `${first.id}~nobody`, 'no-tilde', ids[1]!, ids[2]!]);
    expect(answers(out)).toEqual([
      [0, 'e1', 'ENROLLED', null, []],
      [1, null, null, 'FORBIDDEN', []],
      [2, null, null, 'NOT_FOUND', ['enrolmentIds.2']],
      [3, null, null, 'BAD_USER_INPUT', ['enrolmentIds.3']],
      [4, 'e2', 'ENROLLED', null, []],
      [5, 'e3', 'ENROLLED', null, []],
    ]);
    expect(store.since(mark).map((e) => [e.streamId, e.type])).toEqual([
      [`cohort-${first.id}`, 'EnrolmentApproved'],
      [`cohort-${first.id}`, 'EnrolmentApproved'],
      [expect.stringMatching(/^cohort-/), 'EnrolmentApproved'],
    ]);
    const again = store.mark();
    expect((await approveEnrolments(d, coordinatorA1, ids)).map((o) => o.enrolment?.status)).toEqual(['ENROLLED', 'ENROLLED', 'ENROLLED']);
    expect(store.since(again)).toEqual([]);
  });

  it('records a results sheet by the cohort’s owner; bad entries name their fields, others’ entries are FORBIDDEN', async () => {
    const { d, ids } = await nominated();
    await approveEnrolments(d, coordinatorA1, ids);
    const sheet = [
      { enrolmentId: ids[0]!, certificateNumber: 'ПК-1', hours: 72, issuedOn: '2026-11-30' },
      { enrolmentId: ids[1]!, certificateNumber: '', hours: 0, issuedOn: '2026-11-31' },
      { enrolmentId: ids[2]!, certificateNumber: 'ПК-3', hours: 72, issuedOn: '2026-11-30' },
      { enrolmentId: ids[1]!, certificateNumber: 'ПК-2', hours: 80, issuedOn: '2026-09-01' }, // the rules: over the programme's hours, before the start
    ];
    expect((await completeEnrolments(d, methodologistA, [sheet[0]!])).map((o) => o.error?.code)).toEqual(['FORBIDDEN']);
    const out = await completeEnrolments(d, operator, sheet);
    expect(out.map((o) => [o.enrolment?.status ?? null, o.enrolment?.statusOn ?? null, o.error?.code ?? null, o.error?.fields ?? []])).toEqual([
      ['COMPLETED', '2026-11-30', null, []],
      [null, null, 'BAD_USER_INPUT', ['input.1.certificateNumber', 'input.1.hours', 'input.1.issuedOn']],
      ['COMPLETED', '2026-11-30', null, []],
      [null, null, 'BAD_USER_INPUT', ['input.3.hours', 'input.3.issuedOn']],
    ]);
    expect(out[0]!.enrolment).toMatchObject({ certificate: { number: 'ПК-1', hours: 72 } });
    expect((await completeEnrolments(d, coordinatorB, [sheet[2]!])).map((o) => o.error?.code)).toEqual(['FORBIDDEN']);
  });
});
