import type { Juror } from './assignment';
import type { PartitionRules, PartitionWork } from './protocol';
import { round2, ScoreMark, taskResult } from './scoring';

/** Marks replace a juror's earlier mark of the same task and round (a correction), else add. */
export const markKey = (m: Pick<ScoreMark, 'code' | 'taskId' | 'jurorId' | 'round'>) => `${m.code}|${m.taskId}|${m.jurorId ?? ''}|${m.round}`;

/** A correction replaces the juror's earlier mark and moves to the end: "latest" is the order scoring reads. */
export const mergeMarks = (marks: ScoreMark[], fresh: ScoreMark[]): ScoreMark[] => {
  const replaced = new Set(fresh.map(markKey));
  return [...marks.filter((m) => !replaced.has(markKey(m))), ...fresh];
};

/** Marks by work and task (`<code>|<taskId>`): the rules judge one task's marks, never the whole partition's. */
export const marksByTask = (marks: readonly ScoreMark[]): Map<string, ScoreMark[]> => {
  const index = new Map<string, ScoreMark[]>();
  for (const m of marks) {
    const k = `${m.code}|${m.taskId}`;
    (index.get(k) ?? index.set(k, []).get(k)!).push(m);
  }
  return index;
};

/**
 * Why one score may not be recorded, in words, or null: the rule the import's line report
 * and the decider share (unknown task, points, a juror who may not score this work, a third
 * score where none is needed). `taskMarks`: the marks of this work's task so far.
 */
export const markProblem = (
  taskMarks: readonly ScoreMark[],
  rules: PartitionRules,
  jury: readonly Juror[],
  work: PartitionWork,
  m: Omit<ScoreMark, 'round'>,
): { code: string; message: string } | null => {
  const task = rules.tasks.find((t) => t.taskId === m.taskId);
  if (!task) return { code: 'UNKNOWN_TASK', message: `task ${m.taskId} is not a task of this grade group` };
  if (!(m.score >= 0 && m.score <= task.maxPoints) || round2(m.score) !== m.score)
    return { code: 'SCORE_OUT_OF_RANGE', message: `score must be 0–${task.maxPoints} with at most two decimals (got ${m.score})` };
  if (m.jurorId === null) {
    if (rules.scoringMode === 'DOUBLE') return { code: 'JUROR_REQUIRED', message: 'double scoring needs the juror of every score' };
    return null;
  }
  const juror = jury.find((j) => j.jurorId === m.jurorId);
  if (!juror) return { code: 'UNKNOWN_JUROR', message: `${m.jurorId} is not on this stage’s jury` };
  if (juror.organizationId !== null && juror.organizationId === work.schoolId)
    return { code: 'CONFLICT_OF_INTEREST', message: 'a juror never scores a work from their own school' };
  if (rules.scoringMode === 'DOUBLE') {
    const firsts = new Set(taskMarks.filter((x) => x.round === 'FIRST').map((x) => x.jurorId));
    if (!firsts.has(m.jurorId) && firsts.size >= 2) {
      const result = taskResult(task, taskMarks, 'DOUBLE', rules.agreeingFinal);
      if (!result.needsThirdCheck) return { code: 'THIRD_CHECK_NOT_NEEDED', message: 'two jurors agree on this task: no third score' };
      if (taskMarks.some((x) => x.round === 'THIRD' && x.jurorId !== m.jurorId))
        return { code: 'THIRD_CHECK_TAKEN', message: 'another juror made the third check of this task' };
    }
  }
  return null;
};

/** FIRST unless two others already scored the task (DOUBLE): then it is the third check. */
export const roundOf = (taskMarks: readonly ScoreMark[], rules: PartitionRules, m: Omit<ScoreMark, 'round'>): ScoreMark['round'] => {
  if (rules.scoringMode !== 'DOUBLE' || m.jurorId === null) return 'FIRST';
  const firsts = new Set(taskMarks.filter((x) => x.round === 'FIRST').map((x) => x.jurorId));
  return firsts.has(m.jurorId) || firsts.size < 2 ? 'FIRST' : 'THIRD';
};
