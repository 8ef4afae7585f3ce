import type { Juror } from './assignment';
import { mayScore } from './assignment';
import type { PartitionState } from './partition.decider';
import type { PartitionRules } from './protocol';
import { nextThirdJuror, taskResult } from './scoring';

/**
 * Who makes each third check a partition needs (DOUBLE scoring): a juror of the stage who did
 * not score the task and is not of the work's school, the least loaded first (load = works
 * assigned plus third checks given so far). Deterministic, so the juror's list and the
 * decider agree on every read. Key: `<code>|<taskId>`.
 */
export const thirdCheckJurors = (s: PartitionState, rules: PartitionRules, jury: readonly Juror[]): Map<string, string> => {
  const out = new Map<string, string>();
  if (rules.scoringMode !== 'DOUBLE') return out;
  const load: Record<string, number> = { ...s.assignment.load };
  const byWorkTask = new Map<string, typeof s.marks>();
  for (const m of s.marks) {
    const k = `${m.code}|${m.taskId}`;
    (byWorkTask.get(k) ?? byWorkTask.set(k, []).get(k)!).push(m);
  }
  for (const [k, marks] of [...byWorkTask.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [code, taskId] = k.split('|') as [string, string];
    const rule = rules.tasks.find((t) => t.taskId === taskId);
    const work = s.works[code];
    if (!rule || !work) continue;
    const result = taskResult(rule, marks, 'DOUBLE', rules.agreeingFinal);
    if (!result.needsThirdCheck) continue;
    const done = marks.find((m) => m.round === 'THIRD');
    if (done?.jurorId) {
      out.set(k, done.jurorId);
      continue;
    }
    const eligible = jury.filter((j) => mayScore(j, { code, schoolId: work.schoolId })).map((j) => j.jurorId);
    const juror = nextThirdJuror(eligible, result.jurors, load);
    if (juror) {
      out.set(k, juror);
      load[juror] = (load[juror] ?? 0) + 1;
    }
  }
  return out;
};
