import { addDays, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { waitFor } from '@mms/testing/infra';
import { ok, Platform, startPlatform } from '../platform-harness';

/**
 * Professional development's list commands through the gateway, on the real services and store:
 * a school's applications, a coordinator's approvals, a results sheet, routes after a
 * diagnostics campaign, the year's mentoring pairs. Each entry answers as its single command
 * would, in its place; a client's retry under the same Idempotency-Key gets the same answers.
 */
const ONBOARD = `mutation($input: OnboardMunicipalityInput!) { onboardMunicipality(input: $input) { id } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;
const REGISTER_EDU = `mutation($input: RegisterEducatorInput!) { registerEducator(input: $input) { id } }`;
const DUE = `query($id: ID!) { educator(id: $id) { id trainingDueDate } }`;
const OUTCOME = `index error { code fields }`;
const APPLY_ALL = `mutation($i: [ApplyForCohortInput!]!) { applyForCohorts(input: $i) { ${OUTCOME} enrolment { id status educator { id } } } }`;
const APPROVE_ALL = `mutation($ids: [ID!]!) { approveEnrolments(enrolmentIds: $ids) { ${OUTCOME} enrolment { status } } }`;
const COMPLETE_ALL = `mutation($i: [CompleteEnrolmentInput!]!) { completeEnrolments(input: $i) { ${OUTCOME} enrolment { status certificate { number } } } }`;
const PROPOSE_ALL = `mutation($ids: [ID!]!) { proposeRoutes(educatorIds: $ids) { ${OUTCOME} route { status } } }`;
const APPROVE_ROUTES = `mutation($ids: [ID!]!) { approveRoutes(educatorIds: $ids) { ${OUTCOME} route { status } } }`;
const PAIR_ALL = `mutation($i: [StartMentorshipInput!]!) { startMentorships(input: $i) { ${OUTCOME} mentorship { status } } }`;

describe('professional development lists through the gateway', () => {
  let p: Platform;
  const M = `m-lists-${Date.now().toString(36)}`;

  beforeAll(async () => {
    p = await startPlatform('pd-lists', ['directory', 'professional-development']);
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('applications, approvals, a results sheet, routes and pairs: each entry as its single command, refusals in place, retries answered alike', async () => {
    const today = todayIn(DEFAULT_REGION_TIME_ZONE);
    const ro = await p.token('regional_operator');
    const meth = await p.token('municipal_methodologist', { municipality: M });
    ok(await p.gql(ro, ONBOARD, { input: { id: M, name: 'Городской округ Списочный', oktmo: '04798000' } }));
    const org = ok<any>(await p.gql(meth, REGISTER_ORG, { input: { name: 'МБОУ СОШ № 7', kind: 'SCHOOL' } })).registerOrganization.id;
    const register = async (fullName: string, careerStartDate: string) =>
      ok<any>(await p.gql(meth, REGISTER_EDU, { input: { organizationId: org, fullName, position: 'учитель', subjects: ['математика'], careerStartDate } }))
        .registerEducator.id as string;
    const [e1, e2, e3] = [await register('Орлова Анна', '2005-09-01'), await register('Белов Иван', '2012-09-01'), await register('Седова Юлия', '2025-09-01')];
    const coordinator = await p.token('school_coordinator', { municipality: M, organization: org });
    for (const id of [e1, e2, e3])
      await waitFor(async () => ok<any>(await p.gql(meth, DUE, { id })).educator?.trainingDueDate, { what: 'PD knows the educator', timeoutMs: 60000 });

    const programme = ok<any>(
      await p.gql(meth, `mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }`, {
        i: { title: 'Функциональная грамотность', provider: 'ММС', hours: 36, format: 'BLENDED', competences: ['DIGITAL'] },
      }),
    ).createProgramme.id;
    ok(await p.gql(meth, `mutation($id: ID!) { publishProgramme(id: $id) { id } }`, { id: programme }));
    const cohort = ok<any>(
      await p.gql(meth, `mutation($i: ScheduleCohortInput!) { scheduleCohort(input: $i) { id } }`, {
        i: { programmeId: programme, startDate: addDays(today, -10), endDate: addDays(today, 20), seats: 2 },
      }),
    ).scheduleCohort.id;

    // The school's applications: two seats, three educators, one unknown id.
    const list = [e1, e2, e3, 'no-such-educator'].map((educatorId) => ({ cohortId: cohort, educatorId }));
    const key = { 'idempotency-key': `apply-${M}` };
    const applied = ok<any>(await p.gql(coordinator, APPLY_ALL, { i: list }, key)).applyForCohorts;
    expect(applied.map((o: any) => o.enrolment?.status ?? o.error.code)).toEqual(['APPLIED', 'APPLIED', 'COHORT_FULL', 'NOT_FOUND']);
    expect(applied[3].error.fields).toEqual(['input.3.educatorId']);
    // The client's retry (a lost answer) gets the same enrolments, and nothing is applied twice.
    const again = ok<any>(await p.gql(coordinator, APPLY_ALL, { i: list }, key)).applyForCohorts;
    expect(again.map((o: any) => o.enrolment?.id ?? o.error.code)).toEqual(applied.map((o: any) => o.enrolment?.id ?? o.error.code));
    const ids = applied.slice(0, 2).map((o: any) => o.enrolment.id as string);

    expect(ok<any>(await p.gql(meth, APPROVE_ALL, { ids })).approveEnrolments.map((o: any) => o.error?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(ok<any>(await p.gql(coordinator, APPROVE_ALL, { ids })).approveEnrolments.map((o: any) => o.enrolment.status)).toEqual(['ENROLLED', 'ENROLLED']);

    const sheet = [
      { enrolmentId: ids[0], certificateNumber: 'ПК-1', hours: 36, issuedOn: today },
      { enrolmentId: ids[1], certificateNumber: 'ПК-2', hours: 99, issuedOn: today }, // over the programme's hours: the rules' refusal
    ];
    const results = ok<any>(await p.gql(meth, COMPLETE_ALL, { i: sheet })).completeEnrolments;
    expect(results.map((o: any) => [o.enrolment?.status ?? null, o.error?.code ?? null, o.error?.fields ?? []])).toEqual([
      ['COMPLETED', null, []],
      [null, 'BAD_USER_INPUT', ['input.1.hours']],
    ]);

    // Routes after a diagnostics campaign: deficits for two, a route for each, approved together.
    for (const educatorId of [e2, e3])
      ok(
        await p.gql(meth, `mutation($i: RecordDiagnosticResultInput!) { recordDiagnosticResult(input: $i) { id } }`, {
          i: { educatorId, area: 'DIGITAL', score: 2, maxScore: 10, takenOn: addDays(today, -5) },
        }),
      );
    const proposed = ok<any>(await p.gql(meth, PROPOSE_ALL, { ids: [e2, e3, 'bad id!'] })).proposeRoutes;
    expect(proposed.map((o: any) => o.route?.status ?? o.error.code)).toEqual(['DRAFT', 'DRAFT', 'BAD_USER_INPUT']);
    expect(ok<any>(await p.gql(meth, APPROVE_ROUTES, { ids: [e2, e3] })).approveRoutes.map((o: any) => o.route.status)).toEqual(['APPROVED', 'APPROVED']);

    // The year's pairs: the young teacher once; the second pairing of her in the list is refused.
    const pairs = [e1, e2].map((mentorId) => ({ mentorId, menteeId: e3, from: today, to: addDays(today, 270), goals: ['адаптация'] }));
    const paired = ok<any>(await p.gql(meth, PAIR_ALL, { i: pairs })).startMentorships;
    expect(paired.map((o: any) => o.mentorship?.status ?? o.error.code)).toEqual(['ACTIVE', 'MENTEE_ALREADY_PAIRED']);
  });
});
