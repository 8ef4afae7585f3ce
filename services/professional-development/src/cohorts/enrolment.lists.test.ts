import { createProgramme, publishProgramme } from '../catalogue/programme.handlers';
import { PdDeps } from '../pd.deps';
import { as, codeOf, memoryDeps } from '../pd.in-memory';
import * as h from './cohort.handlers';
import { approveEnrolments, completeEnrolments, MAX_ENROLMENTS, nominateForCohort } from './enrolment.lists';

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

const answers = (out: Awaited<ReturnType<typeof nominateForCohort>>) =>
  out.map((o) => [o.index, o.enrolment?.educatorId ?? null, o.enrolment?.status ?? null, o.error?.code ?? null, o.error?.fields ?? []]);

describe('nominateForCohort (a school’s list of nominees)', () => {
  it('takes the list in order into one commit of the cohort, each refused entry answered in its place', async () => {
    const { d, store } = setup();
    const cohort = await cohortOf(d, 2);
    const mark = store.mark();
    const out = await nominateForCohort(d, coordinatorA1, { cohortId: cohort.id, educatorIds: ['e1', 'b1', 'ghost', 'bad id!', 'e2', 'e1', 'e3'] });
    expect(answers(out)).toEqual([
      [0, 'e1', 'APPLIED', null, []],
      [1, null, null, 'FORBIDDEN', []], // another municipality's educator
      [2, null, null, 'NOT_FOUND', ['educatorIds.2']],
      [3, null, null, 'BAD_USER_INPUT', ['educatorIds.3']],
      [4, 'e2', 'APPLIED', null, []],
      [5, null, null, 'ALREADY_ENROLLED', []],
      [6, null, null, 'COHORT_FULL', []], // two seats, both taken by the entries before it
    ]);
    expect(out[0]!.enrolment).toMatchObject({ appliedBy: 'COORDINATOR', appliedOn: '2026-09-15', cohortId: cohort.id });
    expect(
      store.commits
        .filter((c) => c.streamId === `cohort-${cohort.id}`)
        .at(-1)!
        .events.map((e) => e.type),
    ).toEqual(['EnrolmentApplied', 'EnrolmentApplied']);
    expect(store.since(mark)).toHaveLength(2);
  });

  it('the same list again takes nothing twice; a teacher may nominate only themselves; 1 to 500 entries', async () => {
    const { d, store } = setup();
    const cohort = await cohortOf(d, 10);
    await nominateForCohort(d, coordinatorA1, { cohortId: cohort.id, educatorIds: ['e1', 'e2'] });
    const mark = store.mark();
    const again = await nominateForCohort(d, coordinatorA1, { cohortId: cohort.id, educatorIds: ['e1', 'e2'] });
    expect(again.map((o) => o.error?.code)).toEqual(['ALREADY_ENROLLED', 'ALREADY_ENROLLED']);
    expect(store.since(mark)).toEqual([]);
    const mine = await nominateForCohort(d, teacher('e3'), { cohortId: cohort.id, educatorIds: ['e3', 'e1'] });
    expect(mine.map((o) => o.enrolment?.appliedBy ?? o.error?.code)).toEqual(['SELF', 'FORBIDDEN']);
    expect(await codeOf(nominateForCohort(d, coordinatorA1, { cohortId: cohort.id, educatorIds: [] }))).toBe('BAD_USER_INPUT');
    const tooMany = Array.from({ length: MAX_ENROLMENTS + 1 }, () => 'e1');
    expect(await codeOf(nominateForCohort(d, coordinatorA1, { cohortId: cohort.id, educatorIds: tooMany }))).toBe('BAD_USER_INPUT');
    // An unknown cohort refuses every entry as the single application would.
    const lost = await nominateForCohort(d, coordinatorA1, { cohortId: 'no-such-cohort', educatorIds: ['e1'] });
    expect(lost.map((o) => [o.error?.code, o.error?.fields])).toEqual([['NOT_FOUND', ['cohortId']]]);
  });
});

describe('approveEnrolments and completeEnrolments (a coordinator’s pending list, a cohort’s results sheet)', () => {
  const nominated = async () => {
    const m = setup();
    const first = await cohortOf(m.d, 5);
    const second = await cohortOf(m.d, 5);
    const a = await nominateForCohort(m.d, coordinatorA1, { cohortId: first.id, educatorIds: ['e1', 'e2'] });
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
