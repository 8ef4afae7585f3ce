import type { Juror } from './assignment';
import { mayScore } from './assignment';
import { marksByTask } from './marks';
import type { PartitionState } from './partition.decider';
import type { PartitionRules } from './protocol';
import { nextThirdJuror, taskResult } from './scoring';

/** One third check and the juror who makes it. */
export interface ThirdCheck {
  code: string;
  taskId: string;
  jurorId: string;
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/** A stored designation holds while its juror sits on the jury and may score the work. */
const stillValid = (s: PartitionState, jury: readonly Juror[], key: string, jurorId: string) => {
  const juror = jury.find((j) => j.jurorId === jurorId);
  const work = s.works[key.split('|')[0]!];
  return !!juror && !!work && mayScore(juror, { code: work.code, schoolId: work.schoolId });
};

/**
 * The third checks a partition needs (DOUBLE scoring) that have no valid juror yet, each given
 * to a juror of the stage who did not score the task and is not of the work's school, the least
 * loaded first (load = works assigned plus third checks designated). The decider stores them
 * with the marks that call for them, so a juror's list never changes under them.
 */
export const designateThirdChecks = (s: PartitionState, rules: PartitionRules, jury: readonly Juror[]): ThirdCheck[] => {
  if (rules.scoringMode !== 'DOUBLE') return [];
  const load: Record<string, number> = { ...s.assignment.load };
  const designated = Object.entries(s.thirdChecks).filter(([k, j]) => stillValid(s, jury, k, j));
  for (const [, j] of designated) load[j] = (load[j] ?? 0) + 1;
  const taken = new Set(designated.map(([k]) => k));
  const out: ThirdCheck[] = [];
  for (const [k, marks] of [...marksByTask(s.marks).entries()].sort(byKey)) {
    if (taken.has(k)) continue;
    const [code, taskId] = k.split('|') as [string, string];
    const rule = rules.tasks.find((t) => t.taskId === taskId);
    const work = s.works[code];
    if (!rule || !work || marks.some((m) => m.round === 'THIRD')) continue;
    const result = taskResult(rule, marks, 'DOUBLE', rules.agreeingFinal);
    if (!result.needsThirdCheck) continue;
    const eligible = jury.filter((j) => mayScore(j, { code, schoolId: work.schoolId })).map((j) => j.jurorId);
    const jurorId = nextThirdJuror(eligible, result.jurors, load);
    if (!jurorId) continue;
    out.push({ code, taskId, jurorId });
    load[jurorId] = (load[jurorId] ?? 0) + 1;
  }
  return out;
};

/**
 * Who makes each third check the partition needs now. Key: `<code>|<taskId>`. The juror who
 * made it, else the designated one; a partition recorded before designations were stored (or
 * whose designated juror left the jury) gets them computed the same way, deterministically.
 */
export const thirdCheckJurors = (s: PartitionState, rules: PartitionRules, jury: readonly Juror[]): Map<string, string> => {
  const out = new Map<string, string>();
  if (rules.scoringMode !== 'DOUBLE') return out;
  for (const [k, marks] of marksByTask(s.marks)) {
    const rule = rules.tasks.find((t) => t.taskId === k.split('|')[1]);
    if (!rule || !taskResult(rule, marks, 'DOUBLE', rules.agreeingFinal).needsThirdCheck) continue;
    const done = marks.find((m) => m.round === 'THIRD');
    const stored = s.thirdChecks[k];
    if (done?.jurorId) out.set(k, done.jurorId);
    else if (stored && stillValid(s, jury, k, stored)) out.set(k, stored);
  }
  for (const t of designateThirdChecks(s, rules, jury)) out.set(`${t.code}|${t.taskId}`, t.jurorId);
  return out;
};
