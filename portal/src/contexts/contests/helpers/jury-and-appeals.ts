import { parseNumber } from './grade-groups';

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
