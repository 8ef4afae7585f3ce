import { DomainError } from '@mms/eventsourcing/core';

/**
 * Blind scoring of one partition (ВсОШ, order № 678): a task's final score from its juror
 * scores, a work's total, and how well each juror agrees with the finals. Pure. Marks come in
 * the order they were recorded, so "later" means later in the array.
 */
export type ScoringMode = 'SINGLE' | 'DOUBLE';
export type AgreeingFinal = 'MEAN' | 'HIGHER';
/** IMPORTED: a row of a score file; it counts as a first-round score of the juror it names. */
export type ScoreRound = 'FIRST' | 'THIRD' | 'IMPORTED';
export type TaskStatus = 'AWAITING_SCORES' | 'AWAITING_THIRD' | 'FINAL';

export const DEFAULT_THIRD_CHECK_THRESHOLD = 2;

export interface TaskRule {
  taskId: string;
  maxPoints: number;
  thirdCheckThreshold: number;
}

/** One juror's score of one task of one work. `jurorId` is null only for a SINGLE-mode file row that names no juror. */
export interface ScoreMark {
  code: string;
  taskId: string;
  jurorId: string | null;
  score: number;
  round: ScoreRound;
}

export interface TaskResult {
  status: TaskStatus;
  final: number | null;
  /** The first two scores differ by ≥ the threshold; stays true after the third score (the protocol shows it). */
  needsThirdCheck: boolean;
  /** Jurors whose scores count, first round then third. */
  jurors: string[];
}

export interface TaskOutcome extends TaskResult {
  taskId: string;
}

export interface WorkTotal {
  total: number | null;
  tasks: TaskOutcome[];
  complete: boolean;
}

export interface JurorAgreement {
  jurorId: string;
  /** Code × task pairs the juror scored (a correction is not a second mark). */
  scored: number;
  /** First-round marks whose task is FINAL: what `meanDeviation` is over (0 of them gives 0). */
  compared: number;
  meanDeviation: number;
  thirdChecksTriggered: number;
  /** Of the juror's first-round marks whose partner score is in, the share that went to a third check. */
  thirdCheckShare: number;
}

/** Points are kept to hundredths; toPrecision absorbs binary noise (2.015 * 100 = 201.49999…). */
export const round2 = (x: number): number => Math.round(Number((x * 100).toPrecision(12))) / 100;

// 3.3 - 1.3 is 1.9999999999999998 in binary: a difference "exactly at" the threshold must count.
const EPSILON = 1e-9;

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const checkRange = (rule: TaskRule, m: ScoreMark): void => {
  if (!(m.score >= 0 && m.score <= rule.maxPoints))
    throw new DomainError('SCORE_OUT_OF_RANGE', `score ${m.score} of task ${rule.taskId} is outside 0..${rule.maxPoints}`, {
      code: m.code,
      taskId: rule.taskId,
    });
};

/** A juror's latest score per round kind; a correction keeps the juror's first position. */
interface Tally {
  first: Map<string | null, number>;
  third: Map<string, number>;
  last: ScoreMark | undefined;
}

const tally = (rule: TaskRule, marks: readonly ScoreMark[], mode: ScoringMode): Tally => {
  const t: Tally = { first: new Map(), third: new Map(), last: undefined };
  for (const m of marks) {
    if (m.taskId !== rule.taskId) continue;
    checkRange(rule, m);
    // Without a juror a DOUBLE score cannot be paired or checked for a new third juror.
    if (mode === 'DOUBLE' && m.jurorId === null) throw new DomainError('JUROR_REQUIRED', `a DOUBLE-mode score of ${m.code} names no juror`, { code: m.code });
    if (mode === 'DOUBLE' && m.round === 'THIRD' && m.jurorId !== null) t.third.set(m.jurorId, m.score);
    else t.first.set(m.jurorId, m.score);
    t.last = m;
  }
  if (mode === 'SINGLE') return t;
  const where = { taskId: rule.taskId };
  if (t.first.size > 2) throw new DomainError('TOO_MANY_JURORS', `more than two jurors scored task ${rule.taskId} in the first round`, where);
  if (t.third.size > 1) throw new DomainError('THIRD_CHECK_TAKEN', `more than one juror made the third check of task ${rule.taskId}`, where);
  for (const j of t.third.keys())
    if (t.first.has(j)) throw new DomainError('THIRD_JUROR_NOT_NEW', `juror ${j} already scored task ${rule.taskId} of this work`, { ...where, jurorId: j });
  return t;
};

const agreed = (a: number, b: number, how: AgreeingFinal): number => (how === 'HIGHER' ? Math.max(a, b) : round2((a + b) / 2));

const resultOf = (rule: TaskRule, t: Tally, mode: ScoringMode, how: AgreeingFinal): TaskResult => {
  const firstJurors = [...t.first.keys()].filter((j): j is string => j !== null);
  if (mode === 'SINGLE') {
    // One score per task: whatever came last (a correction, a re-import, a reassigned juror) is final.
    const final = t.last?.score ?? null;
    return { status: final === null ? 'AWAITING_SCORES' : 'FINAL', final, needsThirdCheck: false, jurors: firstJurors };
  }
  const [a, b] = [...t.first.values()];
  if (a === undefined || b === undefined) return { status: 'AWAITING_SCORES', final: null, needsThirdCheck: false, jurors: firstJurors };
  if (Math.abs(a - b) + EPSILON < rule.thirdCheckThreshold) return { status: 'FINAL', final: agreed(a, b, how), needsThirdCheck: false, jurors: firstJurors };
  // The third score replaces both, it is not averaged with them.
  const [third] = [...t.third.entries()];
  if (!third) return { status: 'AWAITING_THIRD', final: null, needsThirdCheck: true, jurors: firstJurors };
  return { status: 'FINAL', final: third[1], needsThirdCheck: true, jurors: [...firstJurors, third[0]] };
};

/** The final of one task of one work (marks of other tasks are ignored). A third score that is not needed is ignored. */
export const taskResult = (rule: TaskRule, marks: readonly ScoreMark[], mode: ScoringMode, agreeingFinal: AgreeingFinal): TaskResult =>
  resultOf(rule, tally(rule, marks, mode), mode, agreeingFinal);

const checkTasks = (rules: readonly TaskRule[], marks: readonly ScoreMark[]): void => {
  const known = new Set(rules.map((r) => r.taskId));
  const stray = marks.find((m) => !known.has(m.taskId));
  // Dropping it would silently lose points; the stage refuses task changes once scores exist.
  if (stray) throw new DomainError('UNKNOWN_TASK', `task ${stray.taskId} is not a task of this partition`, { taskId: stray.taskId });
};

/** A work's total: the sum of its task finals, null until every task is FINAL. */
export const workTotal = (rules: readonly TaskRule[], marks: readonly ScoreMark[], mode: ScoringMode, agreeingFinal: AgreeingFinal): WorkTotal => {
  checkTasks(rules, marks);
  const codes = new Set(marks.map((m) => m.code));
  if (codes.size > 1) throw new DomainError('MIXED_CODES', `marks of several works given as one: ${[...codes].sort(byId).join(', ')}`);
  const tasks = rules.map((r) => ({ taskId: r.taskId, ...taskResult(r, marks, mode, agreeingFinal) }));
  const complete = tasks.every((t) => t.status === 'FINAL');
  return { total: complete ? round2(tasks.reduce((sum, t) => sum + (t.final ?? 0), 0)) : null, tasks, complete };
};

interface Acc {
  scored: number;
  compared: number;
  deviation: number;
  paired: number;
  triggered: number;
}

/** Per juror, for the jury chair before the protocol: how far their first-round scores sit from the finals. */
export const jurorAgreement = (rules: readonly TaskRule[], marks: readonly ScoreMark[], mode: ScoringMode, agreeingFinal: AgreeingFinal): JurorAgreement[] => {
  checkTasks(rules, marks);
  const byCode = new Map<string, ScoreMark[]>();
  for (const m of marks) byCode.set(m.code, [...(byCode.get(m.code) ?? []), m]);
  const accs = new Map<string, Acc>();
  const acc = (j: string): Acc => {
    const found = accs.get(j);
    if (found) return found;
    const fresh = { scored: 0, compared: 0, deviation: 0, paired: 0, triggered: 0 };
    accs.set(j, fresh);
    return fresh;
  };
  for (const workMarks of byCode.values())
    for (const rule of rules) {
      const t = tally(rule, workMarks, mode);
      const r = resultOf(rule, t, mode, agreeingFinal);
      for (const [j, score] of t.first) {
        if (j === null) continue;
        const a = acc(j);
        a.scored++;
        if (r.final !== null) {
          a.compared++;
          a.deviation += Math.abs(score - r.final);
        }
        if (mode === 'DOUBLE' && t.first.size === 2) a.paired++;
        if (r.needsThirdCheck) a.triggered++;
      }
      // A third score that is not needed does not count (see taskResult).
      if (r.needsThirdCheck) for (const j of t.third.keys()) acc(j).scored++;
    }
  return [...accs.entries()]
    .sort(([a], [b]) => byId(a, b))
    .map(([jurorId, a]) => ({
      jurorId,
      scored: a.scored,
      compared: a.compared,
      meanDeviation: a.compared ? round2(a.deviation / a.compared) : 0,
      thirdChecksTriggered: a.triggered,
      thirdCheckShare: a.paired ? round2(a.triggered / a.paired) : 0,
    }));
};

/** Who makes a third check: the least-loaded candidate who has not scored the task (ties by id). Conflicts are the caller's filter. */
export const nextThirdJuror = (candidates: readonly string[], alreadyScored: readonly string[], load: Readonly<Record<string, number>>): string | null => {
  const taken = new Set(alreadyScored);
  const free = candidates.filter((c) => !taken.has(c)).sort((a, b) => (load[a] ?? 0) - (load[b] ?? 0) || byId(a, b));
  return free[0] ?? null;
};
