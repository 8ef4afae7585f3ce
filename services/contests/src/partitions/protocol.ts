import type { TaskDef } from '../stages/grades';
import { maxScoreOf } from '../stages/grades';
import { Awarded, QuotaSettings, statusesOf } from './ranking';
import { AgreeingFinal, round2, ScoreMark, ScoringMode, workTotal } from './scoring';

/** What a partition's rules are, as its stage says (carried on every command that scores or ranks). */
export interface PartitionRules {
  tasks: TaskDef[];
  scoringMode: ScoringMode;
  agreeingFinal: AgreeingFinal;
  quotas: QuotaSettings;
}

/** A work: the code a participant wrote under, and who they are (never shown to jurors). */
export interface PartitionWork {
  code: string;
  studentId: string;
  schoolId: string;
  municipalityId: string;
  grade: number;
}

/** One line of a protocol: the same in every view and export. */
export interface ProtocolRow {
  code: string;
  studentId: string;
  schoolId: string;
  municipalityId: string;
  grade: number;
  /** Task finals in the stage's task order. */
  taskScores: (number | null)[];
  score: number;
  rank: number;
  status: Awarded['status'];
}

export interface Computed {
  rows: ProtocolRow[];
  /** Works whose scores are not all final yet (codes). */
  incomplete: string[];
  maxScore: number;
}

/** Appeal decisions replace a task's final: `<code>|<taskId>` → score. */
export type Overrides = Record<string, number>;
export const overrideKey = (code: string, taskId: string) => `${code}|${taskId}`;

/**
 * The whole partition ranked from its marks: every work's task finals (appeal decisions
 * override), totals, ranks and statuses by the stage's quotas. A score change re-ranks
 * everyone because this is the only way a protocol is made.
 */
export const computeProtocol = (
  rules: PartitionRules,
  works: readonly PartitionWork[],
  marks: readonly ScoreMark[],
  overrides: Overrides,
  excluded: ReadonlySet<string>,
): Computed => {
  const byCode = new Map<string, ScoreMark[]>();
  for (const m of marks) (byCode.get(m.code) ?? byCode.set(m.code, []).get(m.code)!).push(m);
  const scored: (PartitionWork & { score: number; taskScores: (number | null)[]; participantId: string })[] = [];
  const incomplete: string[] = [];
  for (const w of works) {
    if (excluded.has(w.code)) continue;
    const own = byCode.get(w.code) ?? [];
    if (!own.length) continue; // entered but absent: no work, not a participant of the protocol
    const total = workTotal(rules.tasks, own, rules.scoringMode, rules.agreeingFinal);
    const taskScores = rules.tasks.map((t) => {
      const o = overrides[overrideKey(w.code, t.taskId)];
      return o ?? total.tasks.find((x) => x.taskId === t.taskId)?.final ?? null;
    });
    if (taskScores.some((s) => s === null)) {
      incomplete.push(w.code);
      continue;
    }
    scored.push({ ...w, participantId: w.code, taskScores, score: round2(taskScores.reduce((a: number, s) => a + s!, 0)) });
  }
  const maxScore = maxScoreOf(rules);
  const rows = statusesOf(scored, maxScore, rules.quotas).map((r) => ({
    code: r.code,
    studentId: r.studentId,
    schoolId: r.schoolId,
    municipalityId: r.municipalityId,
    grade: r.grade,
    taskScores: r.taskScores,
    score: r.score,
    rank: r.rank,
    status: r.status,
  }));
  return { rows, incomplete: incomplete.sort(), maxScore };
};

/** Rows as the ranking module compares them (for who-moves previews). */
export const asAwarded = (rows: readonly ProtocolRow[]): Awarded[] =>
  rows.map((r) => ({ participantId: r.code, score: r.score, rank: r.rank, status: r.status }));
