import { addDays, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { waitFor } from '@mms/testing/infra';
import { ok, Platform, startPlatform } from '../platform-harness';

/**
 * Issue 11's path through the gateway, two service processes (directory, contests):
 * register → consent → codes → jury without conflicts → double scoring with a third check →
 * preliminary protocol → an appeal raises a score and moves another participant's status →
 * final → admission list → public results masked; another municipality reads nothing.
 */
const ONBOARD = `mutation($input: OnboardMunicipalityInput!) { onboardMunicipality(input: $input) { id } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;
const REGISTER_EDU = `mutation($input: RegisterEducatorInput!) { registerEducator(input: $input) { id } }`;
const SCHEDULE = `mutation($input: ScheduleOlympiadStageInput!) { scheduleOlympiadStage(input: $input) { id consentDeadline } }`;
const JURY = `mutation($input: AppointOlympiadJuryInput!) { appointOlympiadJury(input: $input) { id jury { jurorId chair organization { id } } } }`;
const REGISTER_STUDENT = `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { id fullName } }`;
const CONSENT = `mutation($input: RecordParentalConsentInput!) { recordParentalConsent(input: $input) { id consent { participation } } }`;
const ENTER = `mutation($input: EnterStudentInput!) { enterStudentForStage(input: $input) { id groupId status } }`;
const CODES = `mutation($stageId: ID!) { issueParticipantCodes(stageId: $stageId) { studentId: id code groupId } }`;
const ASSIGN = `mutation($stageId: ID!) { assignOlympiadWorks(stageId: $stageId) { id assignments { code jurorIds } } }`;
const MY_WORKS = `query { myJuryWorks { partitionId code tasks { taskId myScore thirdCheck } } }`;
const SCORE = `mutation($input: RecordOlympiadScoreInput!) { recordOlympiadScore(input: $input) { code } }`;
const PUBLISH = `mutation($id: ID!) { publishPreliminaryProtocol(partitionId: $id) { status version appealsUntil rows { code score rank status } } }`;
const APPEAL = `mutation($input: FileOlympiadAppealInput!) { fileOlympiadAppeal(input: $input) { appeals { id code } } }`;
const PREVIEW = `query($p: ID!, $a: ID!, $s: Float) { olympiadAppealPreview(partitionId: $p, appealId: $a, decision: RAISE, score: $s) { code before { rank status } after { rank status } } }`;
const DECIDE = `mutation($input: DecideOlympiadAppealInput!) { decideOlympiadAppeal(input: $input) { version rows { code score rank status } } }`;
const APPROVE = `mutation($id: ID!) { approveFinalProtocol(partitionId: $id) { status version } }`;
const PARTITION = `query($id: ID!) { olympiadPartition(id: $id) { status rows { code student { fullName } score } } }`;
const PASSING = `mutation($input: SetOlympiadPassingScoresInput!) { setOlympiadPassingScores(input: $input) { id } }`;
const ADMISSION = `query($id: ID!) { olympiadAdmissionList(stageId: $id) { studentId grade reasons score } }`;
const PUBLIC = `query($id: ID!) { olympiadPublicResults(stageId: $id) { groupId status rows { participant grade score rank status } } }`;
const AUDIT = `query($id: ID!, $code: String) { olympiadPartition(id: $id) { workAudit(code: $code) { code action jurorId taskId score at by byRole } } }`;
const SCHOOL_RESULTS = `query($id: ID!, $year: String) { organization(id: $id) { olympiadResults(academicYear: $year) { subject level grade score status student { id } } } }`;
const STUDENTS = `query($org: ID) { studentsPage(organizationId: $org) { nodes { id fullName } } }`;

describe('olympiad: from registration to public results (directory + contests, via the gateway)', () => {
  let p: Platform;
  const stamp = Date.now().toString(36);
  const M = `m-olymp-${stamp}`;
  const OTHER = `m-olymp2-${stamp}`;

  beforeAll(async () => {
    p = await startPlatform('olymp', ['directory', 'contests']);
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('runs a school stage end to end and hands the admission list to the municipal stage', async () => {
    const today = todayIn(DEFAULT_REGION_TIME_ZONE);
    const ro = await p.token('regional_operator');
    const meth = await p.token('municipal_methodologist', { municipality: M });
    const other = await p.token('municipal_methodologist', { municipality: OTHER });
    ok(await p.gql(ro, ONBOARD, { input: { id: M, name: 'Олимпийский округ', oktmo: '04701000' } }));
    ok(await p.gql(ro, ONBOARD, { input: { id: OTHER, name: 'Соседний округ', oktmo: '04702000' } }));
    const schools: string[] = [];
    for (const n of [1, 2, 3])
      schools.push(ok<any>(await p.gql(meth, REGISTER_ORG, { input: { name: `МБОУ СОШ № ${n}`, kind: 'SCHOOL' } })).registerOrganization.id);
    const jurors: string[] = [];
    for (const [i, school] of [schools[0], schools[1], schools[2], schools[2]].entries()) {
      const input = {
        organizationId: school,
        fullName: `Жюри Член ${'АБВГ'[i]}`,
        position: 'учитель математики',
        subjects: ['математика'],
        careerStartDate: '2010-09-01',
      };
      jurors.push(ok<any>(await p.gql(meth, REGISTER_EDU, { input })).registerEducator.id);
    }

    const group = {
      groupId: '9',
      grades: [9],
      tasks: [
        { taskId: 't1', maxPoints: 10 },
        { taskId: 't2', maxPoints: 10 },
      ],
    };
    const stage = ok<any>(
      await p.gql(meth, SCHEDULE, {
        input: {
          kind: 'VSOSH',
          title: 'ВсОШ по математике, школьный этап',
          academicYear: academicYear(today),
          subject: 'MATHEMATICS',
          level: 'SCHOOL',
          startsOn: addDays(today, 40),
          endsOn: addDays(today, 40),
          registrationFrom: addDays(today, -1),
          registrationTo: addDays(today, 20),
          groups: [group],
          settings: { scoringMode: 'DOUBLE' },
        },
      }),
    ).scheduleOlympiadStage;
    // The jury: three schools' teachers (contests learns where they work from the directory's events).
    const members = jurors.map((id, i) => ({ educatorId: id, chair: i === 0, appealCommission: i === 3 }));
    await waitFor(async () => !(await p.gql(meth, JURY, { input: { stageId: stage.id, members } })).body.errors, {
      what: 'contests knows the jurors',
      timeoutMs: 60000,
    });

    // Each school registers a student, records the parent's consent (only the first publishes the name), enters and prints the code.
    const kids: { id: string; school: string; code: string; coordinator: string }[] = [];
    for (const [i, school] of schools.entries()) {
      const coordinator = await p.token('school_coordinator', { municipality: M, organization: school });
      const kid = ok<any>(
        await p.gql(coordinator, REGISTER_STUDENT, {
          input: { surname: ['Орлова', 'Соколов', 'Белова'][i], name: 'Анна', patronymic: 'Ивановна', birthDate: '2011-05-0' + (i + 1), grade: 9 },
        }),
      ).registerStudent;
      expect(kid.fullName).toMatch(/Анна Ивановна$/);
      ok(
        await p.gql(coordinator, CONSENT, { input: { studentId: kid.id, signedOn: today, participation: true, publishResults: i === 0, publishWork: false } }),
      );
      expect(ok<any>(await p.gql(coordinator, ENTER, { input: { stageId: stage.id, studentId: kid.id } })).enterStudentForStage).toMatchObject({
        groupId: '9',
        status: 'ENTERED',
      });
      const [coded] = ok<any>(await p.gql(coordinator, CODES, { stageId: stage.id })).issueParticipantCodes;
      expect(coded.code).toMatch(/^9-[A-Z2-9]{6}$/);
      kids.push({ id: kid.id, school, code: coded.code, coordinator });
    }

    // Works to the jury, never to a juror of the work's school.
    const partitionId = `${stage.id}~9`;
    const assigned = await waitFor(
      async () => {
        const r = ok<any>(await p.gql(meth, ASSIGN, { stageId: stage.id })).assignOlympiadWorks;
        return r[0]?.assignments.length === 3 ? r[0].assignments : null;
      },
      { what: 'the entries reach the read model', timeoutMs: 60000 },
    );
    const schoolOfJuror = (j: string) => schools[Math.min(jurors.indexOf(j), 2)];
    for (const a of assigned) expect(a.jurorIds.map(schoolOfJuror)).not.toContain(kids.find((k) => k.code === a.code)!.school);

    // Double scoring: the first work's t1 is 4 points apart: a third juror decides it.
    const target: Record<string, [number, number]> = { [kids[0]!.code]: [9, 9], [kids[1]!.code]: [8, 8], [kids[2]!.code]: [5, 10] };
    const jurorToken = (j: string) => p.token('juror', { municipality: M, educator: j, subject: `juror-${j}` });
    for (const a of assigned) {
      for (const [n, j] of (a.jurorIds as string[]).entries()) {
        const [t1, t2] = target[a.code]!;
        const t = await jurorToken(j);
        ok(await p.gql(t, SCORE, { input: { code: a.code, taskId: 't1', score: a.code === kids[0]!.code && n === 1 ? t1 - 4 : t1 } }));
        ok(await p.gql(t, SCORE, { input: { code: a.code, taskId: 't2', score: t2 } }));
      }
    }
    let thirdJuror: string | undefined;
    for (const j of jurors) {
      const works = ok<any>(await p.gql(await jurorToken(j), MY_WORKS, {})).myJuryWorks;
      if (works.some((w: any) => w.code === kids[0]!.code && w.tasks.some((t: any) => t.thirdCheck))) thirdJuror = j;
    }
    expect(thirdJuror).toBeDefined();
    expect(schoolOfJuror(thirdJuror!)).not.toBe(kids[0]!.school);
    ok(await p.gql(await jurorToken(thirdJuror!), SCORE, { input: { code: kids[0]!.code, taskId: 't1', score: 10 } }));

    // The audit trail of blind scoring: who was given and who scored the code, when; the organiser's only.
    const audit = ok<any>(await p.gql(meth, AUDIT, { id: partitionId, code: kids[0]!.code.toLowerCase() })).olympiadPartition.workAudit;
    const first = assigned.find((a: any) => a.code === kids[0]!.code).jurorIds as string[];
    expect(audit.filter((e: any) => e.action === 'ASSIGNED').map((e: any) => e.jurorId)).toEqual(first);
    expect(audit.filter((e: any) => e.action === 'SCORED')).toHaveLength(4);
    expect(audit.filter((e: any) => e.action.startsWith('THIRD')).map((e: any) => [e.action, e.jurorId, e.taskId, e.score])).toEqual([
      ['THIRD_CHECK_DESIGNATED', thirdJuror, 't1', null],
      ['THIRD_CHECK_SCORED', thirdJuror, 't1', 10],
    ]);
    expect(audit.every((e: any) => e.code === kids[0]!.code && e.at && e.byRole)).toBe(true);
    expect(
      ok<any>(await p.gql(await jurorToken(thirdJuror!), AUDIT, { id: partitionId, code: kids[0]!.code })).olympiadPartition?.workAudit ?? null,
    ).toBeNull();

    // Preliminary protocol: 19, 16, 15 of 20; one winner (the quota's minimum), no prize-winner room at 45 % of 3.
    const published = ok<any>(await p.gql(meth, PUBLISH, { id: partitionId })).publishPreliminaryProtocol;
    expect(published.rows.map((r: any) => [r.code, r.score, r.rank, r.status])).toEqual([
      [kids[0]!.code, 19, 1, 'WINNER'],
      [kids[1]!.code, 16, 2, 'PARTICIPANT'],
      [kids[2]!.code, 15, 3, 'PARTICIPANT'],
    ]);

    // The third school appeals t1; the commission sees who would move, then raises it to 10 + 10 = 20.
    const filed = ok<any>(
      await p.gql(kids[2]!.coordinator, APPEAL, {
        input: { stageId: stage.id, studentId: kids[2]!.id, taskId: 't1', kind: 'DISAGREEMENT', statement: 'решение полное' },
      }),
    );
    const appealId = filed.fileOlympiadAppeal.appeals[0].id;
    const commission = await jurorToken(jurors[3]!);
    const preview = ok<any>(await p.gql(commission, PREVIEW, { p: partitionId, a: appealId, s: 10 })).olympiadAppealPreview;
    expect(preview).toEqual([
      { code: kids[2]!.code, before: { rank: 3, status: 'PARTICIPANT' }, after: { rank: 1, status: 'WINNER' } },
      { code: kids[0]!.code, before: { rank: 1, status: 'WINNER' }, after: { rank: 2, status: 'PARTICIPANT' } },
      { code: kids[1]!.code, before: { rank: 2, status: 'PARTICIPANT' }, after: { rank: 3, status: 'PARTICIPANT' } },
    ]);
    const decided = ok<any>(
      await p.gql(commission, DECIDE, { input: { partitionId, appealId, decision: 'RAISE', score: 10, reason: 'решение полное и верное' } }),
    ).decideOlympiadAppeal;
    expect(decided.version).toBe(2);
    expect(decided.rows.find((r: any) => r.code === kids[0]!.code).status).toBe('PARTICIPANT');

    // Not final before the deadline; two days later it is.
    expect((await p.gql(meth, APPROVE, { id: partitionId })).body.errors?.[0]?.extensions?.code).toBe('APPEALS_OPEN');
    await p.kill('contests', 'SIGTERM');
    await p.restart('contests', { env: { CLOCK_OFFSET_DAYS: '2' } });
    expect(ok<any>(await p.gql(meth, APPROVE, { id: partitionId })).approveFinalProtocol).toMatchObject({ status: 'FINAL', version: 3 });

    // The municipal stage admits by its passing score (17 of 20 for grade 9).
    const municipal = ok<any>(
      await p.gql(meth, SCHEDULE, {
        input: {
          kind: 'VSOSH',
          title: 'ВсОШ по математике, муниципальный этап',
          academicYear: academicYear(today),
          subject: 'MATHEMATICS',
          level: 'MUNICIPAL',
          startsOn: addDays(today, 70),
          endsOn: addDays(today, 70),
          registrationFrom: addDays(today, 1),
          registrationTo: addDays(today, 60),
          groups: [group],
        },
      }),
    ).scheduleOlympiadStage;
    ok(await p.gql(meth, PASSING, { input: { stageId: municipal.id, scores: [{ groupId: '9', score: 17 }] } }));
    const admitted = await waitFor(
      async () => {
        const list = ok<any>(await p.gql(meth, ADMISSION, { id: municipal.id })).olympiadAdmissionList;
        return list.length === 2 ? list : null;
      },
      { what: 'the final protocol and passing score reach the admission list', timeoutMs: 60000 },
    );
    expect(admitted.map((a: any) => a.studentId).sort()).toEqual([kids[0]!.id, kids[2]!.id].sort());

    // Public: the first by surname and initials (consent), the others by code; never a full name.
    const pub = await waitFor(
      async () => {
        const r = ok<any>(await p.gql(null, PUBLIC, { id: stage.id })).olympiadPublicResults;
        return r[0]?.status === 'FINAL' ? r : null;
      },
      { what: 'the final protocol is public', timeoutMs: 60000 },
    );
    expect(pub[0].rows.map((r: any) => r.participant)).toEqual([kids[2]!.code, 'Орлова А. И.', kids[1]!.code]);
    expect(JSON.stringify(pub)).not.toMatch(/Анна|Ивановна|2011-/);

    // A school's results on the organisation (federated from the directory): its own participant only.
    const results = ok<any>(await p.gql(meth, SCHOOL_RESULTS, { id: kids[0]!.school, year: academicYear(today) })).organization.olympiadResults;
    expect(results).toEqual([{ subject: 'MATHEMATICS', level: 'SCHOOL', grade: 9, score: 19, status: 'PARTICIPANT', student: { id: kids[0]!.id } }]);

    // Another municipality's methodologist reads nothing of it.
    expect(ok<any>(await p.gql(other, SCHOOL_RESULTS, { id: kids[0]!.school, year: academicYear(today) })).organization?.olympiadResults ?? []).toEqual([]);
    expect(ok<any>(await p.gql(other, PARTITION, { id: partitionId })).olympiadPartition).toBeNull();
    expect(ok<any>(await p.gql(other, ADMISSION, { id: municipal.id })).olympiadAdmissionList).toEqual([]);
    expect(ok<any>(await p.gql(other, STUDENTS, { org: schools[0] })).studentsPage.nodes).toEqual([]);
    const own = ok<any>(await p.gql(meth, PARTITION, { id: partitionId })).olympiadPartition;
    expect(own.rows.map((r: any) => r.student.fullName)).toContain('Орлова Анна Ивановна');
  });
});

const academicYear = (iso: string) => {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}/${start + 1}`;
};
