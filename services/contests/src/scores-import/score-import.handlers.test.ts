import { importRecordId } from '@mms/service-kit/core';
import { fixedClock } from '@mms/service-kit/core';
import { as, memoryDeps } from '../contests.in-memory';
import * as entries from '../entries/entries.handlers';
import * as parts from '../partitions/partition.handlers';
import * as pq from '../partitions/partition.queries';
import * as stages from '../stages/stage.handlers';
import * as students from '../students/student.handlers';
import { scoresImportKind, SCORES_IMPORT } from './score-import.kind';

const methodologist = as('municipal_methodologist', { municipalityId: 'mun-a' });
const coordinator = (school: string) => as('school_coordinator', { municipalityId: 'mun-a', organizationId: school });
const task = (taskId: string) => ({ taskId, maxPoints: 10 });
const SURNAMES: Record<string, string> = { 'school-1 9': 'Антонов', 'school-1 10': 'Борисов', 'school-2 9': 'Васильев', 'school-2 10': 'Григорьев' };

/** A single-scored school stage with grade groups 9 and 10; two students per school, the first of each with the publication consent. */
const setUp = async () => {
  const m = memoryDeps(fixedClock('2026-09-10T05:00:00Z'));
  const stage = await stages.scheduleStage(m.d, methodologist, {
    kind: 'VSOSH',
    title: 'ВсОШ, физика, школьный этап',
    academicYear: '2026/2027',
    subject: 'PHYSICS',
    level: 'SCHOOL',
    startsOn: '2026-10-06',
    endsOn: '2026-10-06',
    registrationFrom: '2026-09-01',
    registrationTo: '2026-10-01',
    groups: [
      { groupId: '9', grades: [9], tasks: [task('t1'), task('t2')] },
      { groupId: '10', grades: [10], tasks: [task('t1'), task('t2')] },
    ],
  });
  const kids: { id: string; school: string; grade: number; code: string }[] = [];
  for (const school of ['school-1', 'school-2']) {
    for (const [i, grade] of [9, 10].entries()) {
      const s = await students.registerStudent(m.d, coordinator(school), { surname: SURNAMES[`${school} ${grade}`]!, name: 'Пётр', grade });
      await students.recordConsent(m.d, coordinator(school), {
        studentId: s.id,
        signedOn: '2026-09-05',
        participation: true,
        publishResults: i === 0,
        publishWork: false,
      });
      await entries.enterStudent(m.d, coordinator(school), { stageId: stage.id, studentId: s.id });
      kids.push({ id: s.id, school, grade, code: '' });
    }
    for (const e of await entries.issueCodes(m.d, coordinator(school), stage.id)) kids.find((k) => k.id === e.studentId)!.code = e.code!;
  }
  await m.project();
  const kind = scoresImportKind(m.d);
  const caller = await kind.authorize(methodologist, { stageId: stage.id });
  const upload = async (importId: string, lines: string[]) => {
    await m.imports.receive(kind, caller, importId, [['code;task;score', ...lines].join('\n')]);
    return (await m.imports.run(kind, importRecordId(SCORES_IMPORT, caller.tenantId, importId)))!;
  };
  return { m, stage, kids, upload };
};

describe('score file import (handlers over memory)', () => {
  it('applies each grade group from its entries, refuses unknown codes by line, reads the stage once per run', async () => {
    const { m, stage, kids, upload } = await setUp();
    const stageLoads = jest.spyOn(m.d.commands, 'load');
    const lines = kids.flatMap((k, i) => [`${k.code};t1;${i + 2}`, `${k.code};t2;${i + 1}`]);
    const done = await upload('f1', [...lines, '9-ZZZZZZ;t1;5']);
    expect(done).toMatchObject({ status: 'DONE', counts: { applied: 8, rejected: 1 } });
    expect(await m.imports.problems(done, 0, 10)).toEqual([{ line: 10, message: 'unknown code 9-ZZZZZZ: no participant of this stage has it' }]);
    // Two grade groups, each checked and applied: one load of the stage's stream for the whole run.
    expect(stageLoads.mock.calls.filter(([, , streamId]) => streamId === `stage-${stage.id}`)).toHaveLength(1);

    // A re-run of the same file adds nothing.
    await m.project();
    const marks = (await m.tables.partitions.find({ stageId: stage.id })).map((p) => p.marks);
    expect(await upload('f2', lines)).toMatchObject({ status: 'DONE', counts: { rejected: 0 } });
    await m.project();
    expect((await m.tables.partitions.find({ stageId: stage.id })).map((p) => p.marks)).toEqual(marks);
  });

  it('publishes masked public results that a disqualification and a withdrawn consent retract', async () => {
    const { m, stage, kids, upload } = await setUp();
    await upload(
      'f1',
      kids.flatMap((k, i) => [`${k.code};t1;${i + 2}`, `${k.code};t2;${i + 1}`]),
    );
    for (const g of ['9', '10']) await parts.publishPreliminary(m.d, methodologist, `${stage.id}~${g}`);
    await m.project();
    const participants = async () => (await pq.publicResults(m.d, stage.id)).map((g) => [g.groupId, g.rows.map((r) => r.participant)]);
    const [s1g9, s1g10, s2g9, s2g10] = kids;
    // Scores rise with the file's order, so the second school ranks first; the first of each school is named.
    expect(await participants()).toEqual([
      ['10', [s2g10!.code, s1g10!.code]],
      ['9', ['Васильев П.', 'Антонов П.']],
    ]);
    expect(await m.tables.publicStudents.get(s1g9!.id)).not.toHaveProperty('personal');

    // A partition read twice is the same while nothing moved, and the new version once its revision does.
    expect((await pq.olympiadPartition(m.d, methodologist, `${stage.id}~9`))!.version).toBe(1);
    expect((await pq.olympiadPartition(m.d, methodologist, `${stage.id}~9`))!.rows).toHaveLength(2);
    await parts.disqualifyWork(m.d, methodologist, { partitionId: `${stage.id}~9`, code: s2g9!.code, reason: 'списывание' });
    await students.withdrawConsent(m.d, coordinator('school-1'), s1g10!.id);
    await m.project();
    expect(await pq.olympiadPartition(m.d, methodologist, `${stage.id}~9`)).toMatchObject({ version: 2, rows: [{ code: s1g9!.code }] });
    expect(await participants()).toEqual([
      ['10', [s2g10!.code]],
      ['9', ['Антонов П.']],
    ]);
  });
});
