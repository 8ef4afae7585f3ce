import { addDays, addYears, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { waitFor } from '@mms/testing/infra';
import { ok, Platform, startPlatform } from '../platform-harness';

/**
 * The whole path across three services, through the gateway only:
 * catalogue → application → approval → completion → route item done → monitoring coverage.
 */
const ONBOARD = `mutation($input: OnboardMunicipalityInput!) { onboardMunicipality(input: $input) { id } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;
const REGISTER_EDU = `mutation($input: RegisterEducatorInput!) { registerEducator(input: $input) { id } }`;
const DUE = `query($id: ID!) { educator(id: $id) { id trainingDueDate } }`;
const CREATE_PROGRAMME = `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { id status } }`;
const PUBLISH = `mutation($id: ID!) { publishProgramme(id: $id) { id status } }`;
const SCHEDULE = `mutation($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id seats free } }`;
const RECORD = `mutation($input: RecordDiagnosticResultInput!) { recordDiagnosticResult(input: $input) { id deficits } }`;
const PROPOSE = `mutation($id: ID!) { proposeRoute(educatorId: $id) { status items { id kind competence programmeId status } } }`;
const APPROVE_ROUTE = `mutation($id: ID!) { approveRoute(educatorId: $id) { status } }`;
const APPLY = `mutation($input: ApplyForCohortInput!) { applyForCohort(input: $input) { id status } }`;
const APPROVE = `mutation($id: ID!) { approveEnrolment(enrolmentId: $id) { id status } }`;
const COMPLETE = `mutation($input: CompleteEnrolmentInput!) { completeEnrolment(input: $input) { id status certificate { number hours issuedOn } } }`;
const RECORD_EXTERNAL = `mutation($input: RecordExternalTrainingInput!) { recordExternalTraining(input: $input) { id educatorId hours issuedOn } }`;
const ROUTE = `query($id: ID!) { educator(id: $id) { id route { status items { id kind programmeId status } } enrolments { id status } } }`;
const INDICATORS = `query($m: ID) { municipalityIndicators(municipalityId: $m) { educators trainedInThreeYears coverage3y withApprovedRoute trainingHours } }`;

describe('training path: catalogue → enrolment → completion → route → monitoring (three services, via the gateway)', () => {
  let p: Platform;
  const M = `m-path-${Date.now().toString(36)}`;

  beforeAll(async () => {
    p = await startPlatform('path', ['directory', 'professional-development', 'monitoring']);
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('a completed programme closes the route item and moves the municipality coverage', async () => {
    const today = todayIn(DEFAULT_REGION_TIME_ZONE);
    const ro = await p.token('regional_operator');
    const meth = await p.token('municipal_methodologist', { municipality: M });
    ok(await p.gql(ro, ONBOARD, { input: { id: M, name: 'Городской округ Тестовый', oktmo: '04799000' } }));
    const org = ok<any>(await p.gql(meth, REGISTER_ORG, { input: { name: 'МБОУ СОШ № 1', kind: 'SCHOOL' } })).registerOrganization.id;
    const edu = ok<any>(
      await p.gql(meth, REGISTER_EDU, {
        input: {
          organizationId: org,
          fullName: 'Кузнецова Мария Ивановна',
          position: 'учитель информатики',
          subjects: ['информатика'],
          careerStartDate: '2015-09-01',
        },
      }),
    ).registerEducator.id;
    const coordinator = await p.token('school_coordinator', { municipality: M, organization: org });
    const teacher = await p.token('teacher', { municipality: M, organization: org, educator: edu });

    // professional development learns about the educator from the directory's public events
    await waitFor(async () => ok<any>(await p.gql(meth, DUE, { id: edu })).educator?.trainingDueDate, {
      what: 'PD knows the educator',
      timeoutMs: 60000,
    });
    // monitoring too: one educator, nobody trained yet
    await waitFor(async () => ok<any>(await p.gql(meth, INDICATORS, { m: M })).municipalityIndicators?.educators === 1, {
      what: 'monitoring sees the educator',
      timeoutMs: 60000,
    });
    expect(ok<any>(await p.gql(meth, INDICATORS, { m: M })).municipalityIndicators).toMatchObject({
      trainedInThreeYears: 0,
      coverage3y: 0,
    });

    // catalogue
    const programme = ok<any>(
      await p.gql(meth, CREATE_PROGRAMME, {
        input: { title: 'Цифровые инструменты учителя', provider: 'ММС', hours: 36, format: 'BLENDED', competences: ['DIGITAL'] },
      }),
    ).createProgramme.id;
    expect(ok<any>(await p.gql(meth, PUBLISH, { id: programme })).publishProgramme.status).toBe('PUBLISHED');
    const cohort = ok<any>(
      await p.gql(meth, SCHEDULE, {
        input: { programmeId: programme, startDate: addDays(today, -10), endDate: addDays(today, 20), seats: 2 },
      }),
    ).scheduleCohort;
    expect(cohort).toMatchObject({ seats: 2, free: 2 });

    // diagnostics → deficit → route proposed from it, approved by the methodologist
    const rec = ok<any>(await p.gql(meth, RECORD, { input: { educatorId: edu, area: 'DIGITAL', score: 30, maxScore: 100, takenOn: addDays(today, -30) } }));
    expect(rec.recordDiagnosticResult.deficits).toContain('DIGITAL');
    // the proposal reads the catalogue read model: wait until the cohort is searchable there
    let route: any;
    await waitFor(
      async () => {
        route = ok<any>(await p.gql(meth, PROPOSE, { id: edu })).proposeRoute;
        return route.items.some((i: any) => i.kind === 'PROGRAMME' && i.programmeId === programme);
      },
      { what: 'route proposes the programme', timeoutMs: 30000 },
    );
    const item = route.items.find((i: any) => i.kind === 'PROGRAMME' && i.programmeId === programme);
    expect(item.status).toBe('OPEN');
    expect(ok<any>(await p.gql(meth, APPROVE_ROUTE, { id: edu })).approveRoute.status).toBe('APPROVED');

    // enrolment: the teacher applies, the school coordinator approves and completes
    const enrolment = ok<any>(await p.gql(teacher, APPLY, { input: { cohortId: cohort.id } })).applyForCohort;
    expect(enrolment.status).toBe('APPLIED');
    expect(ok<any>(await p.gql(coordinator, APPROVE, { id: enrolment.id })).approveEnrolment.status).toBe('ENROLLED');
    const done = ok<any>(
      await p.gql(coordinator, COMPLETE, {
        input: { enrolmentId: enrolment.id, certificateNumber: 'УД-000123', hours: 36, issuedOn: today },
      }),
    ).completeEnrolment;
    expect(done).toMatchObject({ status: 'COMPLETED', certificate: { number: 'УД-000123', hours: 36 } });

    // the reaction closes the route item by itself
    await waitFor(
      async () => {
        const r = ok<any>(await p.gql(meth, ROUTE, { id: edu })).educator;
        return r.route.items.find((i: any) => i.id === item.id)?.status === 'DONE';
      },
      { what: 'route item closed by the completion', timeoutMs: 60000 },
    );

    // monitoring: the municipality is now fully covered, with an approved route
    await waitFor(async () => ok<any>(await p.gql(meth, INDICATORS, { m: M })).municipalityIndicators.trainedInThreeYears === 1, {
      what: 'coverage moves',
      timeoutMs: 60000,
    });
    expect(ok<any>(await p.gql(meth, INDICATORS, { m: M })).municipalityIndicators).toMatchObject({
      educators: 1,
      trainedInThreeYears: 1,
      coverage3y: 1,
      withApprovedRoute: 1,
    });
    // a teacher cannot read monitoring
    expect((await p.gql(teacher, INDICATORS, { m: M })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a training completed elsewhere, entered by the coordinator, moves the due date and the coverage', async () => {
    const today = todayIn(DEFAULT_REGION_TIME_ZONE);
    const M2 = `${M}-h`;
    const ro = await p.token('regional_operator');
    const meth = await p.token('municipal_methodologist', { municipality: M2 });
    ok(await p.gql(ro, ONBOARD, { input: { id: M2, name: 'Муниципальный округ Исторический', oktmo: '04798000' } }));
    const org = ok<any>(await p.gql(meth, REGISTER_ORG, { input: { name: 'МБОУ ООШ № 3', kind: 'SCHOOL' } })).registerOrganization.id;
    const edu = ok<any>(
      await p.gql(meth, REGISTER_EDU, {
        input: {
          organizationId: org,
          fullName: 'Орлов Пётр Сергеевич',
          position: 'учитель истории',
          subjects: ['история'],
          careerStartDate: '2001-09-01',
        },
      }),
    ).registerEducator.id;
    const coordinator = await p.token('school_coordinator', { municipality: M2, organization: org });
    await waitFor(async () => ok<any>(await p.gql(meth, DUE, { id: edu })).educator?.trainingDueDate === '2004-09-01', {
      what: 'PD knows the educator (overdue since career start + 3 years)',
      timeoutMs: 60000,
    });
    await waitFor(async () => ok<any>(await p.gql(meth, INDICATORS, { m: M2 })).municipalityIndicators?.educators === 1, {
      what: 'monitoring sees the educator',
      timeoutMs: 60000,
    });

    const issuedOn = addDays(today, -400);
    const recorded = ok<any>(
      await p.gql(coordinator, RECORD_EXTERNAL, {
        input: {
          educatorId: edu,
          title: 'Историко-культурный стандарт в школе',
          provider: 'Академия Минпросвещения России',
          hours: 72,
          competences: ['SUBJECT'],
          certificateNumber: 'ПК 7701-55',
          issuedOn,
        },
      }),
    ).recordExternalTraining;
    expect(recorded).toMatchObject({ educatorId: edu, hours: 72, issuedOn });

    await waitFor(async () => ok<any>(await p.gql(meth, DUE, { id: edu })).educator?.trainingDueDate === addYears(issuedOn, 3), {
      what: 'the due date moves to the certificate + 3 years',
      timeoutMs: 60000,
    });
    await waitFor(async () => ok<any>(await p.gql(meth, INDICATORS, { m: M2 })).municipalityIndicators.trainedInThreeYears === 1, {
      what: 'coverage moves',
      timeoutMs: 60000,
    });
  });
});
