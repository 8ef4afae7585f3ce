/**
 * Part 4 of the contests plan: what each participant scores. A participant's aptitude for the
 * subject meets tasks that get harder down the paper and from level to level; in double
 * scoring the second juror mostly agrees, now and then by a point, rarely by the task's
 * threshold or more: then a third juror scores it, and that score is final.
 */
import { Random } from '../../../region/random';
import type { ContestLevel, GroupInput, ParticipantPlan, ScoringMode, TaskMarks } from '../contests-plan';
import { needsThirdCheck, round2, taskFinal } from './rules';

const LEVEL_DIFFICULTY: Record<ContestLevel, number> = { SCHOOL: 0.1, MUNICIPAL: 0.22, REGIONAL: 0.32 };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Roughly normal noise with standard deviation `sd` (a sum of uniforms: no transcendental functions). */
const noise = (rng: Random, sd: number) => (rng.next() + rng.next() + rng.next() - 1.5) * 2 * sd;

/** One juror's points for a task of a participant with `aptitude`, the `i`-th of `n` tasks. */
const firstScore = (rng: Random, aptitude: number, level: ContestLevel, i: number, n: number, maxPoints: number) => {
  const difficulty = LEVEL_DIFFICULTY[level] + (0.55 * i) / Math.max(1, n - 1) + noise(rng, 0.04);
  let f = clamp(aptitude * (1.3 - difficulty) + noise(rng, 0.12), 0, 1);
  if (f < 0.06) f = 0;
  return Math.round(f * maxPoints);
};

/** The second juror: agrees, or differs by less than the threshold, or (rarely) by the threshold or more. */
const secondScore = (rng: Random, a: number, maxPoints: number, threshold: number) => {
  const r = rng.next();
  const sign = rng.chance(0.5) ? 1 : -1;
  const delta = r < 0.55 ? 0 : r < 0.95 ? rng.int(1, Math.max(1, threshold - 1)) : rng.int(threshold, threshold + 2);
  return clamp(a + sign * delta, 0, maxPoints);
};

export const planMarks = (rng: Random, aptitude: number, level: ContestLevel, group: GroupInput, mode: ScoringMode): TaskMarks[] =>
  group.tasks.map((t, i) => {
    const a = firstScore(rng, aptitude, level, i, group.tasks.length, t.maxPoints);
    if (mode === 'SINGLE') return { taskId: t.taskId, scores: [a], thirdBy: null };
    const b = secondScore(rng, a, t.maxPoints, t.thirdCheckThreshold);
    if (!needsThirdCheck(a, b, t.thirdCheckThreshold)) return { taskId: t.taskId, scores: [a, b], thirdBy: null };
    const third = clamp(Math.round((a + b) / 2) + rng.int(-1, 1), 0, t.maxPoints);
    return { taskId: t.taskId, scores: [a, b, third], thirdBy: 'FILE' };
  });

/** Each task's final (an appeal's decision replaces it), in the group's task order. */
export const taskFinals = (p: Pick<ParticipantPlan, 'marks'>, group: GroupInput, overrides: ReadonlyMap<string, number> = new Map()): number[] =>
  group.tasks.map((t, i) => overrides.get(t.taskId) ?? taskFinal(p.marks[i]!.scores, t.thirdCheckThreshold));

/** The work's total as the protocol has it. */
export const totalOf = (finals: readonly number[]) => round2(finals.reduce((a, b) => a + b, 0));
