import {
  academicYearChoices,
  academicYearOf,
  appealsOpen,
  codeSheet,
  competingGrades,
  concernsSchool,
  decisionProblem,
  DEFAULT_SETTINGS,
  defaultGroups,
  fieldProblem,
  gradesText,
  groupIdFor,
  groupsInput,
  juryInput,
  jurorLabel,
  maxScoreOfDraft,
  MemberDraft,
  newScoreImportId,
  nextTask,
  parseNumber,
  placeProblems,
  registrationState,
  scoreChanges,
  scoreImportDone,
  scoreUploadAnswer,
  scoreUploadUrl,
  settingsDraft,
  settingsFromDraft,
  subjectChoices,
  subjectCode,
  subjectText,
  taskScoreOf,
  toPercent,
  toShare,
  uploadContentType,
  waitsForMe,
  XLSX_TYPE,
  yearFrom,
} from './contests-helpers';

describe('contests page helpers', () => {
  it('tells the academic year of a day (1 September starts it) and offers the years around it', () => {
    expect(academicYearOf('2026-08-31')).toBe('2025/2026');
    expect(academicYearOf('2026-09-01')).toBe('2026/2027');
    expect(academicYearOf('2027-01-15')).toBe('2026/2027');
    expect(academicYearChoices('2026-10-01')).toEqual(['2025/2026', '2026/2027', '2027/2028']);
    expect(yearFrom('2024/2025', '2026-10-01')).toBe('2024/2025');
    expect(yearFrom('2024/2026', '2026-10-01')).toBe('2026/2027');
    expect(yearFrom('2024', '2026-10-01')).toBe('2026/2027');
    expect(yearFrom(null, '2026-10-01')).toBe('2026/2027');
  });

  it('lists the API’s subjects by name and sends a code for a named one, a local subject as typed', () => {
    const subjects = [
      { code: 'PHYSICS', title: 'Физика' },
      { code: 'ENGLISH', title: 'Английский язык' },
      { code: 'MATHEMATICS', title: 'Математика' },
      { code: 'CHEMISTRY', title: 'Химия' },
    ];
    const choices = subjectChoices(subjects);
    expect(choices.map((x) => x.label)).toEqual(['Английский язык', 'Математика', 'Физика', 'Химия']);
    expect(choices[0]).toEqual({ value: 'ENGLISH', label: 'Английский язык' });
    expect(subjectCode('математика ', subjects)).toBe('MATHEMATICS');
    expect(subjectCode('physics', subjects)).toBe('PHYSICS');
    expect(subjectCode('  Краеведение   Сибири ', subjects)).toBe('Краеведение Сибири');
    // Before the list has loaded, a name is sent as typed (the API refuses no local subject).
    expect(subjectCode('Математика', [])).toBe('Математика');
    expect(subjectText('CHEMISTRY', subjects)).toBe('Химия');
    expect(subjectText('Краеведение', subjects)).toBe('Краеведение');
  });

  it('offers the grades a student may compete for: their own or older, that the stage has tasks for', () => {
    const groups = [{ grades: [7, 8] }, { grades: [9] }, { grades: [10, 11] }];
    expect(competingGrades('MUNICIPAL', 8, groups)).toEqual([8, 9, 10, 11]);
    expect(competingGrades('MUNICIPAL', 5, groups)).toEqual([7, 8, 9, 10, 11]);
    expect(competingGrades('REGIONAL', 8, groups)).toEqual([9, 10, 11]);
    expect(competingGrades('SCHOOL', 11, [{ grades: [5, 6] }])).toEqual([]);
  });

  it('names grade groups and says their grades in words', () => {
    expect(groupIdFor([8, 7])).toBe('7-8');
    expect(gradesText([9])).toBe('9 класс');
    expect(gradesText([8, 7])).toBe('7–8 классы');
    expect(gradesText([5, 7])).toBe('5, 7 классы');
    expect(gradesText([])).toBe('—');
  });

  it('reads numbers as a Russian reader types them', () => {
    expect(parseNumber('7,5')).toBe(7.5);
    expect(parseNumber(' 10 ')).toBe(10);
    expect(parseNumber('1 000')).toBe(1000);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('7.5.1')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber(3)).toBe(3);
    expect(parseNumber(Number.NaN)).toBeNull();
  });

  it('builds grade groups as the API takes them, a new group named by its grades, and finds problems before sending', () => {
    expect(defaultGroups('REGIONAL').map((g) => g.grades)).toEqual([[9], [10], [11]]);
    const tasks = [nextTask([]), { taskId: '2', maxPoints: '7,5', thirdCheckThreshold: 2 }];
    expect(tasks[0]).toEqual({ taskId: '1', maxPoints: 10, thirdCheckThreshold: 2 });
    expect(nextTask(tasks).taskId).toBe('3');
    expect(maxScoreOfDraft(tasks)).toBe(17.5);
    const ok = groupsInput([
      { groupId: '', grades: [8, 7], tasks },
      { groupId: 'old', grades: [9], tasks: [nextTask([])] },
    ]);
    expect(ok.problems).toEqual({});
    expect(ok.groups[0]).toEqual({
      groupId: '7-8',
      grades: [7, 8],
      tasks: [
        { taskId: '1', maxPoints: 10, thirdCheckThreshold: 2 },
        { taskId: '2', maxPoints: 7.5, thirdCheckThreshold: 2 },
      ],
    });
    expect(ok.groups[1]!.groupId).toBe('old');
    const bad = groupsInput([
      { groupId: '', grades: [7], tasks: [{ taskId: ' ', maxPoints: '0', thirdCheckThreshold: 'x' }] },
      { groupId: '', grades: [7], tasks: [] },
    ]);
    expect(Object.keys(bad.problems).sort()).toEqual([
      'groups[0].tasks[0].maxPoints',
      'groups[0].tasks[0].taskId',
      'groups[0].tasks[0].thirdCheckThreshold',
      'groups[1].grades',
      'groups[1].tasks',
    ]);
    expect(groupsInput([]).problems).toEqual({ groups: 'required' });
  });

  it('shows the settings with their defaults as percentages and sends shares back', () => {
    const draft = settingsDraft();
    expect(draft).toMatchObject({ consentLeadWorkingDays: 10, awardedPercent: 45, winnerPercent: 8, minScorePercent: 50, appealDays: 1, holidays: '' });
    expect(settingsFromDraft(draft)).toEqual({ settings: DEFAULT_SETTINGS, problems: {} });
    expect(toPercent(0.07)).toBe(7);
    expect(toShare(7)).toBe(0.07);
    expect(toShare(33.33)).toBe(0.3333);
    const changed = settingsFromDraft({ ...draft, holidays: '2026-11-04, 01-07', awardedPercent: '40,5', scoringMode: 'DOUBLE', agreeingFinal: 'HIGHER' });
    expect(changed.problems).toEqual({});
    expect(changed.settings).toMatchObject({ holidays: ['2026-11-04', '01-07'], scoringMode: 'DOUBLE', agreeingFinal: 'HIGHER' });
    expect(changed.settings.quotas.awardedShare).toBe(0.405);
    const wrong = settingsFromDraft({ ...draft, consentLeadWorkingDays: '61', appealDays: 0, winnerPercent: 50, minScorePercent: 101, holidays: '4 ноября' });
    expect(wrong.problems).toEqual({
      consentLeadWorkingDays: '0–60',
      appealDays: '1–14',
      'quotas.winnerShare': 'aboveAwarded',
      'quotas.minScoreShare': '0–100',
      holidays: 'format',
    });
  });

  it('finds the API’s problem for a field under a longer path', () => {
    const fields = { 'input.settings.quotas.awardedShare': 'x', grade: 'y' };
    expect(fieldProblem(fields, 'quotas.awardedShare')).toBe('x');
    expect(fieldProblem(fields, 'grade')).toBe('y');
    expect(fieldProblem(fields, 'awardedShar')).toBeUndefined();
    expect(placeProblems({ ...fields, 'members[0].jurorId': 'z' }, ['quotas.awardedShare', 'grade'])).toEqual({
      at: { 'quotas.awardedShare': 'x', grade: 'y' },
      rest: ['z'],
    });
  });

  it('tells whether registration is open, and which stages concern a school', () => {
    const stage = { registrationFrom: '2026-09-01', registrationTo: '2026-09-20', status: 'SCHEDULED' };
    expect(registrationState(stage, '2026-08-31')).toBe('UPCOMING');
    expect(registrationState(stage, '2026-09-01')).toBe('OPEN');
    expect(registrationState(stage, '2026-09-20')).toBe('OPEN');
    expect(registrationState(stage, '2026-09-21')).toBe('CLOSED');
    expect(registrationState({ ...stage, status: 'CANCELLED' }, '2026-09-10')).toBe('CANCELLED');
    expect(concernsSchool({ organiser: 'region' }, 'm1')).toBe(true);
    expect(concernsSchool({ organiser: 'm1' }, 'm1')).toBe(true);
    expect(concernsSchool({ organiser: 'm2' }, 'm1')).toBe(false);
  });

  it('prints the code sheet: entered students with a code, by grade, then name', () => {
    const e = (code: string | null, grade: number, fullName: string | null, status = 'ENTERED') => ({ code, grade, status, student: { fullName } });
    const sheet = codeSheet([e('C3', 9, 'Яковлев'), e('C1', 8, 'Борисов'), e(null, 8, 'Без кода'), e('C2', 9, 'Антонов'), e('C9', 8, 'Снят', 'WITHDRAWN')]);
    expect(sheet.map((x) => x.code)).toEqual(['C1', 'C2', 'C3']);
  });

  it('uploads the score file as the importer reads it, under a fresh id, to the stage', () => {
    expect(uploadContentType({ name: 'Баллы.XLSX', type: '' })).toBe(XLSX_TYPE);
    expect(uploadContentType({ name: 'scores', type: XLSX_TYPE })).toBe(XLSX_TYPE);
    expect(uploadContentType({ name: 'scores.csv', type: 'text/csv' })).toBe('text/csv');
    const id = newScoreImportId(new Date('2026-10-15T09:08:07Z'), () => 0.5);
    expect(id).toMatch(/^scores-20261015-090807-[0-9a-z]{6}$/);
    expect(scoreUploadUrl('stage/1', id)).toBe(`/imports/olympiad-scores?importId=${id}&stageId=stage%2F1`);
  });

  it('reads the upload’s answers and follows the lines done of the lines received', () => {
    expect(scoreUploadAnswer(202, JSON.stringify({ import: { importId: 'i1', status: 'RECEIVING' } }))).toEqual({
      kind: 'accepted',
      importId: 'i1',
      rerun: false,
    });
    expect(scoreUploadAnswer(200, JSON.stringify({ import: { importId: 'i1' }, rerun: true }))).toMatchObject({ kind: 'accepted', rerun: true });
    expect(scoreUploadAnswer(404, JSON.stringify({ errors: [{ message: 'No upload of kind', extensions: { code: 'NOT_FOUND' } }] }))).toEqual({
      kind: 'refused',
      status: 404,
      code: 'NOT_FOUND',
      message: 'No upload of kind',
      importId: null,
    });
    expect(scoreUploadAnswer(422, JSON.stringify({ import: { importId: 'i2', failure: { code: 'BAD_HEADER', message: 'bad header' } } }))).toMatchObject({
      kind: 'refused',
      code: 'BAD_HEADER',
      importId: 'i2',
    });
    expect(scoreUploadAnswer(502, 'Bad gateway')).toMatchObject({ kind: 'refused', status: 502, code: null });
    expect(scoreImportDone({ sent: 50, total: 100 }, null)).toEqual({ done: 0, total: 0, percent: 15 });
    const p = { importId: 'i', status: 'APPLYING', receivedLines: 200, applied: 90, rejected: 10 };
    expect(scoreImportDone(null, p)).toEqual({ done: 100, total: 200, percent: 65 });
    expect(scoreImportDone(null, { ...p, status: 'DONE' }).percent).toBe(100);
    expect(scoreImportDone(null, { ...p, receivedLines: 0, applied: 0, rejected: 0, status: 'RECEIVING' }).percent).toBe(30);
  });

  it('sends the jury with exactly one chair, each member once', () => {
    const m = (over: Partial<MemberDraft>): MemberDraft => ({
      educatorId: null,
      expertId: null,
      organizationId: null,
      chair: false,
      appealCommission: false,
      label: '',
      ...over,
    });
    const jury = [m({ educatorId: 'e1', chair: true, organizationId: 'o1' }), m({ expertId: 'x1', organizationId: 'o2', appealCommission: true })];
    expect(juryInput(jury)).toEqual({
      members: [
        { educatorId: 'e1', chair: true, appealCommission: false },
        { expertId: 'x1', organizationId: 'o2', chair: false, appealCommission: true },
      ],
      problem: null,
    });
    expect(juryInput([]).problem).toBe('EMPTY');
    expect(juryInput([m({ educatorId: 'e1' })]).problem).toBe('CHAIR');
    expect(juryInput([m({ educatorId: 'e1', chair: true }), m({ educatorId: 'e1' })]).problem).toBe('TWICE');
    const appointed = [
      { jurorId: 'e1', educator: { fullName: 'Петров П. П.' } },
      { jurorId: 'x1', educator: null },
    ];
    expect(jurorLabel(appointed, 'e1')).toBe('Петров П. П.');
    expect(jurorLabel(appointed, 'x1')).toBe('x1');
    expect(jurorLabel(null, 'e2')).toBe('e2');
  });

  it('checks an appeal decision before it is previewed and sent', () => {
    const task = { maxPoints: 10 };
    expect(decisionProblem('KEEP', null, task, 5)).toBeNull();
    expect(decisionProblem('RAISE', null, task, 5)).toBe('SCORE_REQUIRED');
    expect(decisionProblem('RAISE', 11, task, 5)).toBe('OUT_OF_RANGE');
    expect(decisionProblem('RAISE', 5.555, task, 5)).toBe('OUT_OF_RANGE');
    expect(decisionProblem('RAISE', 5, task, 5)).toBe('NOT_A_RAISE');
    expect(decisionProblem('LOWER', 6, task, 5)).toBe('NOT_A_LOWERING');
    expect(decisionProblem('LOWER', 4.5, task, 5)).toBeNull();
    expect(decisionProblem('RAISE', 6, null, null)).toBeNull();
    const tasks = [{ taskId: '1' }, { taskId: '2' }];
    expect(taskScoreOf({ taskScores: [3, null] }, tasks, '1')).toBe(3);
    expect(taskScoreOf({ taskScores: [3, null] }, tasks, '2')).toBeNull();
    expect(taskScoreOf({ taskScores: [3] }, tasks, '9')).toBeNull();
    const now = new Date('2026-10-20T10:00:00Z');
    expect(appealsOpen({ status: 'PRELIMINARY', appealsUntil: '2026-10-20T16:59:00Z' }, now)).toBe(true);
    expect(appealsOpen({ status: 'PRELIMINARY', appealsUntil: '2026-10-19T16:59:00Z' }, now)).toBe(false);
    expect(appealsOpen({ status: 'FINAL', appealsUntil: '2026-10-21T16:59:00Z' }, now)).toBe(false);
  });

  it('tells a juror which works wait for them and which typed scores to send', () => {
    expect(waitsForMe({ tasks: [{ myScore: 3, thirdCheck: false }] })).toBe(false);
    expect(
      waitsForMe({
        tasks: [
          { myScore: 3, thirdCheck: false },
          { myScore: null, thirdCheck: false },
        ],
      }),
    ).toBe(true);
    expect(waitsForMe({ tasks: [{ myScore: 3, thirdCheck: true }] })).toBe(true);
    const tasks = [
      { taskId: '1', maxPoints: 10, myScore: 4 },
      { taskId: '2', maxPoints: 5, myScore: null },
      { taskId: '3', maxPoints: 5, myScore: null },
      { taskId: '4', maxPoints: 5, myScore: null },
    ];
    expect(scoreChanges(tasks, { '1': 4, '2': '4,5', '3': '6', '4': 'x' })).toEqual({
      send: [{ taskId: '2', score: 4.5 }],
      problems: { '3': 'RANGE', '4': 'NUMBER' },
    });
  });
});
