/**
 * Pure helpers of the contests pages (unit-tested in contests-helpers.test.ts): academic years,
 * subjects, grades and grade groups, the stage settings form, names, the score file's upload and
 * progress, the jury's members, appeal decisions and the code sheet.
 */

// ---- Academic years ----

const YEAR = /^(\d{4})\/(\d{4})$/;

/** The academic year a day falls in: from 1 September to 31 August ("2026/2027"). */
export const academicYearOf = (isoDay: string): string => {
  const y = Number(isoDay.slice(0, 4));
  const m = Number(isoDay.slice(5, 7));
  return m >= 9 ? `${y}/${y + 1}` : `${y - 1}/${y}`;
};

/** The years a list offers: the previous, the current and the next. */
export const academicYearChoices = (isoDay: string): string[] => {
  const start = Number(academicYearOf(isoDay).slice(0, 4));
  return [start - 1, start, start + 1].map((y) => `${y}/${y + 1}`);
};

/** The year in the address (`?year=2026/2027`), or the current one when it is missing or malformed. */
export const yearFrom = (param: string | null, isoDay: string): string => {
  const m = param ? YEAR.exec(param) : null;
  return m && Number(m[2]) === Number(m[1]) + 1 ? param! : academicYearOf(isoDay);
};

// ---- Subjects ----

/** A subject of the all-Russian school olympiad (ВсОШ) as the API lists them (`olympiadSubjects`). */
export interface OlympiadSubject {
  code: string;
  title: string;
}

/** The subjects as a select lists them: by their Russian name. */
export const subjectChoices = (subjects: readonly OlympiadSubject[]): { value: string; label: string }[] =>
  subjects.map((x) => ({ value: x.code, label: x.title })).sort((a, b) => a.label.localeCompare(b.label, 'ru'));

/**
 * What a stage's subject field sends: a ВсОШ subject's code when the text names one (by code or by
 * its Russian name, any case), else a local olympiad's own subject as typed (trimmed).
 */
export const subjectCode = (text: string, subjects: readonly OlympiadSubject[]): string => {
  const s = text.trim().replace(/\s+/g, ' ');
  const upper = s.toUpperCase();
  const lower = s.toLocaleLowerCase('ru');
  const hit = subjects.find((x) => x.code === upper || x.title.toLocaleLowerCase('ru') === lower);
  return hit ? hit.code : s;
};

/** How a subject field shows a stored subject: a ВсОШ subject's name, else the subject itself. */
export const subjectText = (code: string, subjects: readonly OlympiadSubject[]): string => subjects.find((x) => x.code === code)?.title ?? code;

// ---- Levels, grades, grade groups ----

export type Level = 'SCHOOL' | 'MUNICIPAL' | 'REGIONAL';

/** The grades each level admits (order 678). */
export const LEVEL_GRADES: Record<Level, { min: number; max: number }> = {
  SCHOOL: { min: 4, max: 11 },
  MUNICIPAL: { min: 7, max: 11 },
  REGIONAL: { min: 9, max: 11 },
};

export const gradesOf = (level: Level): number[] => {
  const { min, max } = LEVEL_GRADES[level];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
};

/**
 * The grades a student of `own` grade may compete for at a stage: their own or an older one the
 * stage has tasks for (its grade groups), within the level.
 */
export const competingGrades = (level: Level, own: number, groups: readonly { grades: readonly number[] }[]): number[] => {
  const offered = new Set(groups.flatMap((g) => g.grades));
  return gradesOf(level).filter((g) => g >= own && offered.has(g));
};

/** A grade group's id from its grades (`7-8`), as the API accepts ids (letters, digits, `-`). */
export const groupIdFor = (grades: readonly number[]): string => [...grades].sort((a, b) => a - b).join('-');

export const groupOf = <G extends { groupId: string; grades: readonly number[] }>(groups: readonly G[], grade: number): G | undefined =>
  groups.find((g) => g.grades.includes(grade));

/** A group's grades in words: "7–8 классы", "9 класс". */
export const gradesText = (grades: readonly number[]): string => {
  const sorted = [...grades].sort((a, b) => a - b);
  if (!sorted.length) return '—';
  const contiguous = sorted.every((g, i) => i === 0 || g === sorted[i - 1]! + 1);
  const list = sorted.length === 1 ? String(sorted[0]) : contiguous ? `${sorted[0]}–${sorted.at(-1)}` : sorted.join(', ');
  return `${list} ${sorted.length === 1 ? 'класс' : 'классы'}`;
};

/** A number typed by a Russian reader: the decimal comma is a point; empty or not a number: null. */
export const parseNumber = (v: string | number | null | undefined): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = String(v ?? '')
    .trim()
    .replace(/\s/g, '')
    .replace(',', '.');
  if (!s || !/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
};

export interface TaskDraft {
  taskId: string;
  maxPoints: string | number;
  thirdCheckThreshold: string | number;
}

export interface GroupDraft {
  /** Empty for a new group: its grades name it. */
  groupId: string;
  grades: number[];
  tasks: TaskDraft[];
}

/** A group's maximum: the sum of its tasks' points (what can be read of them). */
export const maxScoreOfDraft = (tasks: readonly TaskDraft[]): number =>
  Math.round(tasks.reduce((sum, t) => sum + (parseNumber(t.maxPoints) ?? 0), 0) * 100) / 100;

/** A new task numbered after the group's last one (`1`, `2`, …), ten points, third check at two. */
export const nextTask = (tasks: readonly TaskDraft[]): TaskDraft => {
  const numbers = tasks.map((t) => Number(t.taskId)).filter((n) => Number.isInteger(n));
  return { taskId: String((numbers.length ? Math.max(...numbers) : 0) + 1), maxPoints: 10, thirdCheckThreshold: 2 };
};

/** A new stage's grade groups: one per grade of the level, each with one task (ВсОШ sets tasks per grade). */
export const defaultGroups = (level: Level): GroupDraft[] =>
  gradesOf(level).map((g) => ({ groupId: '', grades: [g], tasks: [{ taskId: '1', maxPoints: 10, thirdCheckThreshold: 2 }] }));

/** The grade groups as the API takes them (a new group's id from its grades), with the problems found before sending. */
export const groupsInput = (
  groups: readonly GroupDraft[],
): {
  groups: { groupId: string; grades: number[]; tasks: { taskId: string; maxPoints: number; thirdCheckThreshold: number }[] }[];
  problems: Record<string, string>;
} => {
  const problems: Record<string, string> = {};
  const seen = new Map<number, number>();
  const out = groups.map((g, i) => {
    if (!g.grades.length) problems[`groups[${i}].grades`] = 'required';
    for (const grade of g.grades) {
      if (seen.has(grade)) problems[`groups[${i}].grades`] = 'twice';
      seen.set(grade, i);
    }
    if (!g.tasks.length) problems[`groups[${i}].tasks`] = 'required';
    return {
      groupId: g.groupId || groupIdFor(g.grades),
      grades: [...g.grades].sort((a, b) => a - b),
      tasks: g.tasks.map((task, j) => {
        const maxPoints = parseNumber(task.maxPoints);
        const threshold = parseNumber(task.thirdCheckThreshold);
        if (!task.taskId.trim()) problems[`groups[${i}].tasks[${j}].taskId`] = 'required';
        if (maxPoints === null || maxPoints <= 0) problems[`groups[${i}].tasks[${j}].maxPoints`] = 'positive';
        if (threshold === null || threshold <= 0) problems[`groups[${i}].tasks[${j}].thirdCheckThreshold`] = 'positive';
        return { taskId: task.taskId.trim(), maxPoints: maxPoints ?? 0, thirdCheckThreshold: threshold ?? 0 };
      }),
    };
  });
  if (!groups.length) problems['groups'] = 'required';
  return { groups: out, problems };
};

// ---- Stage settings (shares as percentages in the form) ----

export type ScoringMode = 'SINGLE' | 'DOUBLE';
export type AgreeingFinal = 'MEAN' | 'HIGHER';
export type TieRule = 'WITHIN_QUOTA' | 'ALL_TIED';

export interface Settings {
  consentLeadWorkingDays: number;
  holidays: string[];
  scoringMode: ScoringMode;
  agreeingFinal: AgreeingFinal;
  quotas: { awardedShare: number; winnerShare: number; minScoreShare: number; tieRule: TieRule };
  appealDays: number;
}

/** The service's defaults (services/contests/DESIGN.md), shown in a new stage's form. */
export const DEFAULT_SETTINGS: Settings = {
  consentLeadWorkingDays: 10,
  holidays: [],
  scoringMode: 'SINGLE',
  agreeingFinal: 'MEAN',
  quotas: { awardedShare: 0.45, winnerShare: 0.08, minScoreShare: 0.5, tieRule: 'WITHIN_QUOTA' },
  appealDays: 1,
};

export interface SettingsDraft {
  consentLeadWorkingDays: string | number;
  holidays: string;
  scoringMode: ScoringMode;
  agreeingFinal: AgreeingFinal;
  awardedPercent: string | number;
  winnerPercent: string | number;
  minScorePercent: string | number;
  tieRule: TieRule;
  appealDays: string | number;
}

/** A share 0..1 as a percentage (45), without float noise. */
export const toPercent = (share: number): number => Math.round(share * 10_000) / 100;
/** A percentage (45) as a share (0.45), without float noise. */
export const toShare = (percent: number): number => Math.round(percent * 100) / 10_000;

export const settingsDraft = (s: Settings = DEFAULT_SETTINGS): SettingsDraft => ({
  consentLeadWorkingDays: s.consentLeadWorkingDays,
  holidays: s.holidays.join(', '),
  scoringMode: s.scoringMode,
  agreeingFinal: s.agreeingFinal,
  awardedPercent: toPercent(s.quotas.awardedShare),
  winnerPercent: toPercent(s.quotas.winnerShare),
  minScorePercent: toPercent(s.quotas.minScoreShare),
  tieRule: s.quotas.tieRule,
  appealDays: s.appealDays,
});

/**
 * The settings a form holds, as the API takes them, with the problems found before sending (by
 * the API's field names: `consentLeadWorkingDays`, `quotas.awardedShare`, …).
 */
export const settingsFromDraft = (d: SettingsDraft): { settings: Settings; problems: Record<string, string> } => {
  const problems: Record<string, string> = {};
  const int = (v: string | number, field: string, min: number, max: number) => {
    const n = parseNumber(v);
    if (n === null || !Number.isInteger(n) || n < min || n > max) problems[field] = `${min}–${max}`;
    return n ?? 0;
  };
  const percent = (v: string | number, field: string) => {
    const n = parseNumber(v);
    if (n === null || n < 0 || n > 100) problems[field] = '0–100';
    return toShare(n ?? 0);
  };
  const holidays = d.holidays
    .split(/[\s,;]+/)
    .map((h) => h.trim())
    .filter(Boolean);
  if (holidays.some((h) => !/^(\d{4}-)?\d{2}-\d{2}$/.test(h))) problems['holidays'] = 'format';
  const quotas = {
    awardedShare: percent(d.awardedPercent, 'quotas.awardedShare'),
    winnerShare: percent(d.winnerPercent, 'quotas.winnerShare'),
    minScoreShare: percent(d.minScorePercent, 'quotas.minScoreShare'),
    tieRule: d.tieRule,
  };
  if (!problems['quotas.winnerShare'] && !problems['quotas.awardedShare'] && quotas.winnerShare > quotas.awardedShare)
    problems['quotas.winnerShare'] = 'aboveAwarded';
  return {
    settings: {
      consentLeadWorkingDays: int(d.consentLeadWorkingDays, 'consentLeadWorkingDays', 0, 60),
      holidays,
      scoringMode: d.scoringMode,
      agreeingFinal: d.agreeingFinal,
      quotas,
      appealDays: int(d.appealDays, 'appealDays', 1, 14),
    },
    problems,
  };
};

// ---- API field problems ----

/**
 * The API's problem for a form field: the field as named (`quotas.awardedShare`), or a longer
 * path that ends with it (`input.settings.quotas.awardedShare`).
 */
export const fieldProblem = (fields: Record<string, string>, field: string): string | undefined =>
  fields[field] ?? Object.entries(fields).find(([name]) => name.endsWith(`.${field}`))?.[1];

/** What a form field shows under it: the API's problem for it, or the form's own check. */
export type FieldErrors = Record<string, string>;

/** The API's field problems placed at the form's fields (a longer path ending with a field's name counts); the rest, unplaced. */
export const placeProblems = (problems: Record<string, string>, fields: readonly string[]): { at: FieldErrors; rest: string[] } => {
  const at: FieldErrors = {};
  const rest: string[] = [];
  for (const [name, message] of Object.entries(problems)) {
    const f = fields.find((x) => name === x || name.endsWith(`.${x}`));
    if (f) at[f] ??= message;
    else rest.push(message);
  }
  return { at, rest };
};

// ---- Registration and the code sheet ----

export type RegistrationState = 'UPCOMING' | 'OPEN' | 'CLOSED' | 'CANCELLED';

export const registrationState = (stage: { registrationFrom: string; registrationTo: string; status: string }, isoDay: string): RegistrationState => {
  if (stage.status === 'CANCELLED') return 'CANCELLED';
  if (isoDay < stage.registrationFrom) return 'UPCOMING';
  return isoDay <= stage.registrationTo ? 'OPEN' : 'CLOSED';
};

/** Whether a school takes part in a stage: its municipality's school and municipal stages, and the region's. */
export const concernsSchool = (stage: { organiser: string }, municipalityId: string | null): boolean =>
  stage.organiser === 'region' || (!!municipalityId && stage.organiser === municipalityId);

export interface SheetEntry {
  code?: string | null;
  status: string;
  grade: number;
  student?: { fullName?: string | null } | null;
}

/** The printable code sheet: entered students with a code, by grade, then name, then code. */
export const codeSheet = <E extends SheetEntry>(entries: readonly E[]): E[] =>
  entries
    .filter((e) => e.status === 'ENTERED' && !!e.code)
    .sort(
      (a, b) => a.grade - b.grade || (a.student?.fullName ?? '').localeCompare(b.student?.fullName ?? '', 'ru') || (a.code ?? '').localeCompare(b.code ?? ''),
    );

// ---- The score file ----

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type an upload says (a hint: the importer reads the content): XLSX by its name or type, else CSV. */
export const uploadContentType = (file: { name: string; type: string }): string =>
  /\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE ? XLSX_TYPE : 'text/csv';

/** An import id as the upload route accepts it: `scores-`, the moment and a random tail. */
export const newScoreImportId = (now: Date = new Date(), random: () => number = Math.random): string => {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const tail = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `scores-${stamp}-${tail}`;
};

/** The upload's address: the kind, the import's id and the stage it scores. */
export const scoreUploadUrl = (stageId: string, importId: string): string =>
  `/imports/olympiad-scores?importId=${encodeURIComponent(importId)}&stageId=${encodeURIComponent(stageId)}`;

export interface ScoreImportProgress {
  importId: string;
  status: string;
  receivedLines: number;
  applied: number;
  rejected: number;
}

export const scoreImportFinished = (status: string | null | undefined): boolean => status === 'DONE' || status === 'FAILED';

/**
 * Lines done of the lines received (applied or refused), and a percentage for the progress bar:
 * the file's sending is the first 30, the lines the other 70; a finished import is 100.
 */
export const scoreImportDone = (
  upload: { sent: number; total: number } | null,
  p: ScoreImportProgress | null,
): { done: number; total: number; percent: number } => {
  if (!p) {
    const percent = upload && upload.total > 0 ? Math.min(30, Math.round((upload.sent / upload.total) * 30)) : 0;
    return { done: 0, total: 0, percent };
  }
  const done = p.applied + p.rejected;
  const total = p.receivedLines;
  if (scoreImportFinished(p.status)) return { done, total, percent: 100 };
  return { done, total, percent: total > 0 ? 30 + Math.min(70, Math.round((done / total) * 70)) : 30 };
};

export type ScoreUploadAnswer =
  | { kind: 'accepted'; importId: string; rerun: boolean }
  | { kind: 'refused'; status: number; code: string | null; message: string | null; importId: string | null };

/**
 * What the gateway's `POST /imports/olympiad-scores` answered: 200/202 with the import (a re-run
 * says so); any other status a GraphQL-shaped error, or the import refused whole with its failure.
 */
export const scoreUploadAnswer = (status: number, body: string): ScoreUploadAnswer => {
  let json: {
    import?: { importId?: string; failure?: { code?: string; message?: string } | null };
    rerun?: boolean;
    errors?: { message?: string; extensions?: { code?: string } }[];
  } = {};
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    json = {};
  }
  const importId = typeof json.import?.importId === 'string' ? json.import.importId : null;
  if ((status === 200 || status === 202) && importId) return { kind: 'accepted', importId, rerun: json.rerun === true };
  const first = json.errors?.[0];
  return {
    kind: 'refused',
    status,
    code: first?.extensions?.code ?? json.import?.failure?.code ?? null,
    message: first?.message ?? json.import?.failure?.message ?? null,
    importId,
  };
};

// ---- The jury ----

export interface MemberDraft {
  /** An educator of the directory … */
  educatorId: string | null;
  /** … or an external expert's id (the subject of their juror token). */
  expertId: string | null;
  /** An external expert's school, if any (for conflicts of interest). */
  organizationId: string | null;
  chair: boolean;
  appealCommission: boolean;
  /** What the form shows for them. */
  label: string;
}

export const jurorIdOfDraft = (m: MemberDraft): string => m.educatorId ?? m.expertId ?? '';

/** The jury as the API takes it, and what is wrong before sending (no members, not exactly one chair, twice). */
export const juryInput = (
  members: readonly MemberDraft[],
): {
  members: { educatorId?: string; expertId?: string; organizationId?: string; chair: boolean; appealCommission: boolean }[];
  problem: 'EMPTY' | 'CHAIR' | 'TWICE' | null;
} => {
  const ids = members.map(jurorIdOfDraft);
  const problem = !members.length ? 'EMPTY' : members.filter((m) => m.chair).length !== 1 ? 'CHAIR' : new Set(ids).size !== ids.length ? 'TWICE' : null;
  return {
    members: members.map((m) => ({
      ...(m.educatorId ? { educatorId: m.educatorId } : { expertId: m.expertId ?? '' }),
      ...(!m.educatorId && m.organizationId ? { organizationId: m.organizationId } : {}),
      chair: m.chair,
      appealCommission: m.appealCommission,
    })),
    problem,
  };
};

/** A juror as a person reads them: the educator's name, else the id (an external expert's, or an erased educator). */
export const jurorLabel = (jury: readonly { jurorId: string; educator?: { fullName?: string | null } | null }[] | null | undefined, jurorId: string): string =>
  jury?.find((m) => m.jurorId === jurorId)?.educator?.fullName ?? jurorId;

// ---- Appeals ----

export type Decision = 'KEEP' | 'RAISE' | 'LOWER';

/**
 * Why a decision cannot be sent yet, or null: a raise or a lowering needs the new score, within
 * the task's points, above (below) the current one when it is known.
 */
export const decisionProblem = (
  decision: Decision,
  score: number | null,
  task: { maxPoints: number } | null,
  from: number | null,
): 'SCORE_REQUIRED' | 'OUT_OF_RANGE' | 'NOT_A_RAISE' | 'NOT_A_LOWERING' | null => {
  if (decision === 'KEEP') return null;
  if (score === null) return 'SCORE_REQUIRED';
  if (score < 0 || (task && score > task.maxPoints) || Math.round(score * 100) !== score * 100) return 'OUT_OF_RANGE';
  if (from !== null && decision === 'RAISE' && !(score > from)) return 'NOT_A_RAISE';
  if (from !== null && decision === 'LOWER' && !(score < from)) return 'NOT_A_LOWERING';
  return null;
};

/** A task's current score in a protocol row (taskScores follow the group's tasks in order). */
export const taskScoreOf = (
  row: { taskScores: readonly (number | null)[] } | null | undefined,
  tasks: readonly { taskId: string }[],
  taskId: string,
): number | null => {
  const i = tasks.findIndex((t) => t.taskId === taskId);
  return row && i >= 0 ? (row.taskScores[i] ?? null) : null;
};

/** Whether an appeal may still be filed: a preliminary protocol before its deadline. */
export const appealsOpen = (p: { status: string; appealsUntil?: string | null }, now: Date = new Date()): boolean =>
  p.status === 'PRELIMINARY' && !!p.appealsUntil && new Date(p.appealsUntil).getTime() > now.getTime();

// ---- The juror's works ----

/** Whether a work still waits for the juror: a task without their score, or a third check asked of them. */
export const waitsForMe = (w: { tasks: readonly { myScore?: number | null; thirdCheck: boolean }[] }): boolean =>
  w.tasks.some((t) => t.myScore === null || t.myScore === undefined || t.thirdCheck);

/** The scores a juror typed that differ from the ones recorded, ready to send (bad ones reported by task). */
export const scoreChanges = (
  tasks: readonly { taskId: string; maxPoints: number; myScore?: number | null }[],
  typed: Record<string, string | number>,
): { send: { taskId: string; score: number }[]; problems: Record<string, 'NUMBER' | 'RANGE'> } => {
  const send: { taskId: string; score: number }[] = [];
  const problems: Record<string, 'NUMBER' | 'RANGE'> = {};
  for (const task of tasks) {
    const raw = typed[task.taskId];
    if (raw === undefined || String(raw).trim() === '') continue;
    const n = parseNumber(raw);
    if (n === null) {
      problems[task.taskId] = 'NUMBER';
      continue;
    }
    if (n < 0 || n > task.maxPoints || Math.round(n * 100) !== n * 100) {
      problems[task.taskId] = 'RANGE';
      continue;
    }
    if (n !== task.myScore) send.push({ taskId: task.taskId, score: n });
  }
  return { send, problems };
};
