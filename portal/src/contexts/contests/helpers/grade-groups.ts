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
