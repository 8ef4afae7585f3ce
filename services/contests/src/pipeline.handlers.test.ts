import { fixedClock } from '@mms/service-kit/core';
import { as, anonymous, codeOf, memoryDeps } from './contests.in-memory';
import * as entries from './entries/entries.handlers';
import * as parts from './partitions/partition.handlers';
import * as pq from './partitions/partition.queries';
import * as stages from './stages/stage.handlers';
import * as students from './students/student.handlers';

const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const methodologistB = as('municipal_methodologist', { municipalityId: 'mun-b' });
const coordinator = (school: string) => as('school_coordinator', { municipalityId: 'mun-a', organizationId: school });
const juror = (educatorId: string) => as('juror', { educatorId, municipalityId: 'mun-a' });

/** A school stage in mun-a: one grade group (9) with two tasks of 10 points, double scoring (and `alsoGroup10`: a group nobody entered). */
const setUp = async ({ alsoGroup10 = false } = {}) => {
  const m = memoryDeps(fixedClock('2026-09-10T05:00:00Z'));
  m.place({ educatorId: 'j1', municipalityId: 'mun-a', organizationId: 'school-1' });
  m.place({ educatorId: 'j2', municipalityId: 'mun-a', organizationId: 'school-2' });
  m.place({ educatorId: 'j3', municipalityId: 'mun-a', organizationId: 'school-3' });
  await m.project();
  const stage = await stages.scheduleStage(m.d, methodologistA, {
    kind: 'VSOSH',
    title: 'ВсОШ, математика, школьный этап',
    academicYear: '2026/2027',
    subject: 'MATHEMATICS',
    level: 'SCHOOL',
    startsOn: '2026-10-06',
    endsOn: '2026-10-06',
    registrationFrom: '2026-09-01',
    registrationTo: '2026-10-01',
    groups: [
      {
        groupId: '9',
        grades: [9],
        tasks: [
          { taskId: 't1', maxPoints: 10 },
          { taskId: 't2', maxPoints: 10 },
        ],
      },
      ...(alsoGroup10 ? [{ groupId: '10', grades: [10], tasks: [{ taskId: 't1', maxPoints: 10 }] }] : []),
    ],
    settings: { scoringMode: 'DOUBLE' },
  });
  await stages.appointJury(m.d, methodologistA, {
    stageId: stage.id,
    members: [{ educatorId: 'j1', chair: true }, { educatorId: 'j2' }, { educatorId: 'j3', appealCommission: true }, { expertId: 'x1' }],
  });
  const kids = [];
  for (const [i, school] of ['school-1', 'school-2', 'school-3'].entries()) {
    const s = await students.registerStudent(m.d, coordinator(school), {
      surname: ['Иванов', 'Петров', 'Сидоров'][i]!,
      name: 'Пётр',
      patronymic: 'Сергеевич',
      birthDate: '2011-03-0' + (i + 1),
      grade: 9,
    });
    await students.recordConsent(m.d, coordinator(school), {
      studentId: s.id,
      signedOn: '2026-09-05',
      participation: true,
      publishResults: i === 0,
      publishWork: false,
    });
    await entries.enterStudent(m.d, coordinator(school), { stageId: stage.id, studentId: s.id });
    const [withCode] = await entries.issueCodes(m.d, coordinator(school), stage.id);
    kids.push({ ...s, school, code: withCode!.code! });
  }
  await m.project();
  return { m, stage, kids };
};

describe('an olympiad stage from registration to public results (handlers over memory)', () => {
  it('runs the whole pipeline: jury without conflicts, double scoring with a third check, appeal re-ranks, final, masked public results', async () => {
    const { m, stage, kids } = await setUp();
    const partitionId = `${stage.id}~9`;
    const [assigned] = await parts.assignWorks(m.d, methodologistA, stage.id);
    for (const a of assigned!.assignments) {
      const kid = kids.find((k) => k.code === a.code)!;
      expect(a.jurorIds).toHaveLength(2);
      expect(a.jurorIds).not.toContain({ 'school-1': 'j1', 'school-2': 'j2', 'school-3': 'j3' }[kid.school]);
    }
    await m.project();
    // Each juror scores what is theirs; the first work's t1 is 3 points apart: a third check.
    const points: Record<string, [number, number]> = { [kids[0]!.code]: [8, 8], [kids[1]!.code]: [6, 6], [kids[2]!.code]: [5, 5] };
    for (const a of assigned!.assignments) {
      for (const [n, j] of a.jurorIds.entries()) {
        const [t1, t2] = points[a.code]!;
        await parts.recordScore(m.d, juror(j), { code: a.code, taskId: 't1', score: a.code === kids[0]!.code && n === 1 ? t1 - 3 : t1 });
        await parts.recordScore(m.d, juror(j), { code: a.code, taskId: 't2', score: t2 });
      }
    }
    const draft = await pq.partitionDraft(m.d, methodologistA, partitionId);
    expect(draft.incomplete).toEqual([kids[0]!.code]);
    const works = await pq.myJuryWorks(m.d, juror(kids[0]!.school === 'school-1' ? 'j2' : 'j1'));
    const third = (await Promise.all(['j1', 'j2', 'j3', 'x1'].map(async (j) => ({ j, w: await pq.myJuryWorks(m.d, juror(j)) })))).find(({ w }) =>
      w.some((x) => x.tasks.some((t) => t.thirdCheck)),
    )!;
    expect(works.length).toBeGreaterThan(0);
    expect(await codeOf(parts.publishPreliminary(m.d, methodologistA, partitionId))).toBe('SCORING_INCOMPLETE');
    await parts.recordScore(m.d, juror(third.j), { code: kids[0]!.code, taskId: 't1', score: 7 });

    // A juror cannot score a work that is not theirs; another municipality cannot publish.
    const stranger = ['j1', 'j2', 'j3', 'x1'].find((j) => !assigned!.assignments.find((a) => a.code === kids[1]!.code)!.jurorIds.includes(j))!;
    expect(await codeOf(parts.recordScore(m.d, juror(stranger), { code: kids[1]!.code, taskId: 't1', score: 1 }))).toBe('FORBIDDEN');
    expect(await codeOf(parts.publishPreliminary(m.d, methodologistB, partitionId))).toBe('FORBIDDEN');

    const published = await parts.publishPreliminary(m.d, methodologistA, partitionId);
    expect(published.rows.map((r) => [r.code, r.score, r.rank])).toEqual([
      [kids[0]!.code, 15, 1],
      [kids[1]!.code, 12, 2],
      [kids[2]!.code, 10, 3],
    ]);
    expect(published.appealsUntil).toBe('2026-09-11T16:59:59.999Z'); // 23:59:59 of the next day in Krasnoyarsk (UTC+7)
    await m.project();

    // The third school appeals t1; the preview shows who moves before the commission decides.
    const filed = await parts.fileAppeal(m.d, coordinator('school-3'), {
      stageId: stage.id,
      studentId: kids[2]!.id,
      taskId: 't1',
      kind: 'DISAGREEMENT',
      statement: 'решение задачи верное',
    });
    const appealId = filed.appeals[0]!.appealId;
    const preview = await pq.appealPreview(m.d, juror('j3'), { partitionId, appealId, decision: 'RAISE', score: 9 });
    expect(preview.map((c) => [c.code, c.before?.rank, c.after?.rank])).toEqual([
      [kids[2]!.code, 3, 2],
      [kids[1]!.code, 2, 3],
    ]);
    expect(await codeOf(parts.decideAppeal(m.d, juror('j2'), { partitionId, appealId, decision: 'RAISE', score: 9, reason: 'верно' }))).toBe('FORBIDDEN');
    const decided = await parts.decideAppeal(m.d, juror('j3'), { partitionId, appealId, decision: 'RAISE', score: 9, reason: 'решение верное' });
    expect(decided.version).toBe(2);

    // Too early to approve; after the deadline it is final and immutable.
    expect(await codeOf(parts.approveFinal(m.d, methodologistA, partitionId))).toBe('APPEALS_OPEN');
    const later = { ...m.d, clock: fixedClock('2026-09-12T05:00:00Z') };
    const final = await parts.approveFinal(later, methodologistA, partitionId);
    expect(final.status).toBe('FINAL');
    await m.project();

    // Public: the first (with consent) by surname and initials, the others by code; no full names anywhere.
    const pub = await pq.publicResults(m.d, stage.id);
    expect(pub[0]!.rows.map((r) => r.participant)).toEqual(['Иванов П. С.', kids[2]!.code, kids[1]!.code]);
    expect(JSON.stringify(pub)).not.toMatch(/Пётр|Сергеевич|2011-/);

    // A withdrawn consent retracts the entry from the public results.
    await students.withdrawConsent(m.d, coordinator('school-1'), kids[0]!.id);
    await m.project();
    expect((await pq.publicResults(m.d, stage.id))[0]!.rows.map((r) => r.participant)).toEqual([kids[2]!.code, kids[1]!.code]);

    // Another municipality's methodologist reads nothing of it.
    expect(await pq.olympiadPartition(m.d, methodologistB, partitionId)).toBeNull();
    expect(await pq.olympiadPartition(m.d, anonymous, partitionId)).toBeNull();
  });

  it('a consent dated too late, or none, refuses the entry; another school’s student cannot be entered', async () => {
    const { m, stage } = await setUp();
    const s = await students.registerStudent(m.d, coordinator('school-1'), { surname: 'Петрова', name: 'Анна', grade: 8 });
    expect(await codeOf(entries.enterStudent(m.d, coordinator('school-1'), { stageId: stage.id, studentId: s.id, grade: 9 }))).toBe('CONSENT_MISSING');
    await students
      .recordConsent(m.d, coordinator('school-1'), { studentId: s.id, signedOn: '2026-09-23', participation: true, publishResults: false, publishWork: false })
      .catch(() => undefined);
    expect(await codeOf(entries.enterStudent(m.d, coordinator('school-2'), { stageId: stage.id, studentId: s.id, grade: 9 }))).toBe('FORBIDDEN');
    expect(await codeOf(entries.enterStudent(m.d, coordinator('school-1'), { stageId: stage.id, studentId: s.id, grade: 7 }))).toBe('GRADE_BELOW_OWN');
  });
});

describe('the stage-wide publication', () => {
  it('publishes every grade group whose scores are in, refuses one still scoring with why, passes over groups without works, and changes nothing when repeated', async () => {
    const { m, stage } = await setUp({ alsoGroup10: true });
    const [assigned] = await parts.assignWorks(m.d, methodologistA, stage.id);
    await m.project();
    const first = assigned!.assignments[0]!;
    // Every work scored alike, but the first one's t1 four points apart: it waits for a third check.
    for (const a of assigned!.assignments)
      for (const [n, j] of a.jurorIds.entries())
        for (const taskId of ['t1', 't2'])
          await parts.recordScore(m.d, juror(j), { code: a.code, taskId, score: a === first && taskId === 't1' && n === 1 ? 2 : 6 });

    const early = await parts.publishStagePreliminary(m.d, methodologistA, stage.id);
    expect(early.partitions).toEqual([]);
    expect(early.refused).toEqual([
      {
        partitionId: `${stage.id}~9`,
        groupId: '9',
        error: expect.objectContaining({ code: 'SCORING_INCOMPLETE', message: expect.stringContaining(first.code) }),
      },
    ]);
    expect(await codeOf(parts.publishStagePreliminary(m.d, methodologistB, stage.id))).toBe('FORBIDDEN');

    const third = (await Promise.all(['j1', 'j2', 'j3', 'x1'].map(async (j) => ({ j, w: await pq.myJuryWorks(m.d, juror(j)) })))).find(({ w }) =>
      w.some((x) => x.tasks.some((t) => t.thirdCheck)),
    )!;
    await parts.recordScore(m.d, juror(third.j), { code: first.code, taskId: 't1', score: 6 });
    const done = await parts.publishStagePreliminary(m.d, methodologistA, stage.id);
    expect(done.refused).toEqual([]);
    expect(done.partitions.map((p) => [p.id, p.status, p.version, p.rows.length])).toEqual([[`${stage.id}~9`, 'PRELIMINARY', 1, 3]]);
    const again = await parts.publishStagePreliminary(m.d, methodologistA, stage.id);
    expect(again.partitions.map((p) => [p.status, p.version])).toEqual([['PRELIMINARY', 1]]);
  });
});

describe('a class list', () => {
  it('registers every line with its consent, or none when a line is bad (each bad field named)', async () => {
    const { m, stage } = await setUp();
    const before = m.store.events.length;
    const bad = students.registerStudents(m.d, coordinator('school-1'), {
      students: [
        { surname: 'Кузнецов', name: 'Илья', grade: 7 },
        { surname: 'К1', name: 'Олег', grade: 12 },
      ],
    });
    await expect(bad).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'students[1].grade' }, { field: 'students[1].surname' }].map(expect.objectContaining),
    });
    expect(m.store.events.length).toBe(before);
    const consent = { signedOn: '2026-09-05', participation: true, publishResults: false, publishWork: false };
    const kids = await students.registerStudents(m.d, coordinator('school-1'), {
      students: [
        { surname: 'Кузнецов', name: 'Илья', grade: 9, consent },
        { surname: 'Смирнова', name: 'Ольга', grade: 9, consent },
      ],
    });
    expect(kids.map((k) => k.consent?.participation)).toEqual([true, true]);
    const entered = await entries.enterStudents(m.d, coordinator('school-1'), { stageId: stage.id, studentIds: kids.map((k) => k.id) });
    expect(entered.map((e) => e.groupId)).toEqual(['9', '9']);
  });
});

describe('erasure of a student', () => {
  it('shreds the name for good: null everywhere, no new name can be sealed, the public line retracted', async () => {
    const { m, stage, kids } = await setUp();
    await students.eraseStudent(m.d, coordinator('school-1'), kids[0]!.id);
    await m.project();
    const row = await m.tables.students.get(kids[0]!.id);
    expect(row).toMatchObject({ status: 'ERASED', shortName: null, personal: null, consent: null });
    expect(await codeOf(students.changeStudent(m.d, coordinator('school-1'), { studentId: kids[0]!.id, surname: 'Новая' }))).toBe('PERSONAL_DATA_ERASED');
    expect(await codeOf(m.vault.seal(kids[0]!.id, { surname: 'x' }))).toBe('PERSONAL_DATA_ERASED');
    // Its entry can no longer be re-entered; the stage's other students are untouched.
    expect(await codeOf(entries.enterStudent(m.d, coordinator('school-1'), { stageId: stage.id, studentId: kids[0]!.id, grade: 10 }))).toBe(
      'PERSONAL_DATA_ERASED',
    );
    expect((await m.tables.students.get(kids[1]!.id))!.status).toBe('ACTIVE');
  });
});
