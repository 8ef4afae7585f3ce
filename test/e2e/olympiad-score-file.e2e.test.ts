import { addDays, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { waitFor } from '@mms/testing/infra';
import { workbook } from '../../packages/service-kit/src/imports/__tests__/xlsx-files';
import { ok, Platform, startPlatform } from '../platform-harness';

/**
 * A stage's score file through the gateway's upload route (POST /imports/olympiad-scores?stageId=):
 * good lines applied in one commit per grade group, bad lines reported by line with the reason
 * (unknown code, unknown task, points above the maximum, a repeated line, not a number), the
 * same file again adds nothing, an XLSX of the same scores is read alike, progress queryable.
 */
const ONBOARD = `mutation($input: OnboardMunicipalityInput!) { onboardMunicipality(input: $input) { id } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;
const SCHEDULE = `mutation($input: ScheduleOlympiadStageInput!) { scheduleOlympiadStage(input: $input) { id } }`;
const REGISTER_STUDENT = `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { id } }`;
const CONSENT = `mutation($input: RecordParentalConsentInput!) { recordParentalConsent(input: $input) { id } }`;
const ENTER = `mutation($input: EnterStudentInput!) { enterStudentForStage(input: $input) { id } }`;
const CODES = `mutation($stageId: ID!) { issueParticipantCodes(stageId: $stageId) { code groupId } }`;
const IMPORT = `query($id: ID!) { olympiadScoreImport(importId: $id) { status receivedLines applied rejected problems { line message } } }`;
const DRAFT = `query($id: ID!) { olympiadPartitionDraft(partitionId: $id) { incomplete rows { code score rank status } } }`;
const PUBLISH = `mutation($id: ID!) { publishPreliminaryProtocol(partitionId: $id) { status rows { code score rank } } }`;
const PUBLISH_ALL = `mutation($stageId: ID!) { publishPreliminaryProtocols(stageId: $stageId) { partitions { groupId status version rows { code } } refused { groupId error { code message } } } }`;

describe('olympiad score files (directory + contests, via the gateway’s upload route)', () => {
  let p: Platform;
  const M = `m-scores-${Date.now().toString(36)}`;

  beforeAll(async () => {
    p = await startPlatform('scores', ['directory', 'contests']);
  });
  afterAll(async () => {
    await p?.stop();
  });

  const upload = async (token: string, stageId: string, importId: string, body: Buffer | string, type = 'text/csv') => {
    const res = await fetch(`${p.gateway.url}/imports/olympiad-scores?stageId=${stageId}&importId=${importId}&wait=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('applies good lines, reports bad ones by line, adds nothing on a re-run, reads XLSX alike', async () => {
    const today = todayIn(DEFAULT_REGION_TIME_ZONE);
    const start = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 9 ? 0 : 1);
    const ro = await p.token('regional_operator');
    const meth = await p.token('municipal_methodologist', { municipality: M });
    ok(await p.gql(ro, ONBOARD, { input: { id: M, name: 'Округ файлов', oktmo: '04703000' } }));
    const school = ok<any>(await p.gql(meth, REGISTER_ORG, { input: { name: 'МБОУ Гимназия № 2', kind: 'SCHOOL' } })).registerOrganization.id;
    const coordinator = await p.token('school_coordinator', { municipality: M, organization: school });
    const stage = ok<any>(
      await p.gql(meth, SCHEDULE, {
        input: {
          kind: 'LOCAL',
          title: 'Олимпиада «Юный математик»',
          academicYear: `${start}/${start + 1}`,
          subject: 'Математика (местная)',
          level: 'SCHOOL',
          startsOn: addDays(today, 40),
          endsOn: addDays(today, 40),
          registrationFrom: addDays(today, -1),
          registrationTo: addDays(today, 20),
          groups: [
            {
              groupId: '5',
              grades: [5],
              tasks: [
                { taskId: 't1', maxPoints: 10 },
                { taskId: 't2', maxPoints: 5 },
              ],
            },
            { groupId: '6', grades: [6], tasks: [{ taskId: 't1', maxPoints: 10 }] },
          ],
        },
      }),
    ).scheduleOlympiadStage;
    for (const [i, grade] of [5, 5, 5, 6, 6].entries()) {
      const kid = ok<any>(
        await p.gql(coordinator, REGISTER_STUDENT, { input: { surname: 'Учеников', name: ['Антон', 'Борис', 'Вера', 'Галина', 'Дарья'][i]!, grade } }),
      ).registerStudent;
      ok(await p.gql(coordinator, CONSENT, { input: { studentId: kid.id, signedOn: today, participation: true, publishResults: false, publishWork: false } }));
      ok(await p.gql(coordinator, ENTER, { input: { stageId: stage.id, studentId: kid.id } }));
    }
    const codes: { code: string; groupId: string }[] = ok<any>(await p.gql(coordinator, CODES, { stageId: stage.id })).issueParticipantCodes;
    const five = codes.filter((c) => c.groupId === '5').map((c) => c.code);
    const six = codes.filter((c) => c.groupId === '6').map((c) => c.code);
    await waitFor(async () => (await upload(meth, stage.id, `probe-${Date.now()}`, 'code;task;score\n')).status === 200, {
      what: 'contests up',
      timeoutMs: 30000,
    });

    const lines = [
      'code;task;score',
      `${five[0]};t1;8`, // 2
      `${five[0]};t2;4,5`, // 3: a decimal comma
      `${five[1]};t1;7`, // 4
      `${five[1]};t2;5`, // 5
      `${five[2]};t1;3`, // 6
      `${five[2]};t2;6`, // 7: above the maximum (5)
      `${six[0]};t1;9`, // 8
      `${six[1]};t1;10`, // 9
      `5-ZZZZZZ;t1;3`, // 10: unknown code
      `${five[0]};t9;3`, // 11: unknown task
      `${five[2]};t2;2`, // 12: the corrected line 7
      `${six[0]};t1;9`, // 13: repeated
      `${six[1]};t1;много`, // 14: not a number
    ];
    const first = await upload(meth, stage.id, 'file-1', lines.join('\n'));
    expect(first.status).toBe(200);
    const report = ok<any>(await p.gql(meth, IMPORT, { id: 'file-1' })).olympiadScoreImport;
    expect(report).toMatchObject({ status: 'DONE', receivedLines: 13, applied: 8, rejected: 5 });
    expect(report.problems.map((x: any) => x.line)).toEqual([7, 10, 11, 13, 14]);
    expect(report.problems[0].message).toMatch(/0–5/);
    expect(report.problems[1].message).toMatch(/unknown code/);
    expect(report.problems[2].message).toMatch(/t9/);
    expect(report.problems[3].message).toMatch(/duplicate of line 8/);
    expect(report.problems[4].message).toMatch(/много/);

    const draft = ok<any>(await p.gql(meth, DRAFT, { id: `${stage.id}~5` })).olympiadPartitionDraft;
    expect(draft.incomplete).toEqual([]);
    expect(draft.rows.map((r: any) => [r.code, r.score])).toEqual([
      [five[0], 12.5],
      [five[1], 12],
      [five[2], 5],
    ]);

    // The same scores again (another import id), and as an XLSX workbook: nothing changes.
    const again = await upload(meth, stage.id, 'file-2', lines.join('\n'));
    expect(again.status).toBe(200);
    const xlsx = workbook([
      ['code', 'task', 'score'],
      [five[0]!, 't1', 8],
      [five[0]!, 't2', 4.5],
      [six[1]!, 't1', 10],
    ]);
    const asXlsx = await upload(meth, stage.id, 'file-3', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(asXlsx.status).toBe(200);
    expect(ok<any>(await p.gql(meth, IMPORT, { id: 'file-3' })).olympiadScoreImport).toMatchObject({ status: 'DONE', applied: 3, rejected: 0 });
    expect(ok<any>(await p.gql(meth, DRAFT, { id: `${stage.id}~5` })).olympiadPartitionDraft.rows.map((r: any) => r.score)).toEqual([12.5, 12, 5]);

    // Published, the scores are locked: a later file's group is refused whole, by its lines.
    ok(await p.gql(meth, PUBLISH, { id: `${stage.id}~5` }));
    await upload(meth, stage.id, 'file-4', `code;task;score\n${five[2]};t1;9\n${six[0]};t1;8\n`);
    const late = ok<any>(await p.gql(meth, IMPORT, { id: 'file-4' })).olympiadScoreImport;
    expect(late).toMatchObject({ applied: 1, rejected: 1 });
    expect(late.problems[0]).toMatchObject({ line: 2 });
    expect(late.problems[0].message).toMatch(/appeal/);

    // The rest of the stage at once: grade 6 is published now, grade 5 stays as it was published.
    expect(((await p.gql(coordinator, PUBLISH_ALL, { stageId: stage.id })).body as any).errors[0].extensions.code).toBe('FORBIDDEN');
    const all = ok<any>(await p.gql(meth, PUBLISH_ALL, { stageId: stage.id })).publishPreliminaryProtocols;
    expect(all.refused).toEqual([]);
    expect(all.partitions.map((x: any) => [x.groupId, x.status, x.version, x.rows.length])).toEqual([
      ['5', 'PRELIMINARY', 1, 3],
      ['6', 'PRELIMINARY', 1, 2],
    ]);

    // Only the organiser uploads: a coordinator is refused.
    expect((await upload(coordinator, stage.id, 'file-5', lines.join('\n'))).status).toBe(403);
  });
});
