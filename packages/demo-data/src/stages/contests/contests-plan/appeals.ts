/**
 * Part 5 of the contests plan: a few appeals per stage, filed by the participant's school
 * coordinator on a published preliminary protocol, each decided by a member of the appeal
 * commission (of another school where there is one): mostly kept, often raised, sometimes
 * lowered. The decision replaces the task's final, so the totals the next level is admitted by
 * include it.
 */
import { Random } from '../../../region/random';
import { DISAGREEMENT_STATEMENTS, KEEP_REASONS, LOWER_REASONS, RAISE_REASONS, TECHNICAL_STATEMENTS } from '../contests-dictionaries';
import type { AppealDecision, AppealPlan, ContestLevel, GroupInput, JurorPlan, ParticipantPlan } from '../contests-plan';
import { taskFinals, totalOf } from './works';

/** How many appeals a stage of a level hears, by its number of works. */
const appealCount = (rng: Random, level: ContestLevel, works: number) =>
  level === 'SCHOOL'
    ? Math.floor(works / 250) + (rng.chance(0.6) ? 1 : 0)
    : level === 'MUNICIPAL'
      ? Math.floor(works / 120) + (rng.chance(0.5) ? 1 : 0)
      : 1 + (rng.chance(0.5) ? 1 : 0);

const DECISIONS: readonly (readonly [AppealDecision, number])[] = [
  ['KEEP', 45],
  ['RAISE', 40],
  ['LOWER', 15],
];

/** The decision and the new score: a raise gives more than the final, a lowering less (whole points, within 0..max). */
const decide = (rng: Random, from: number, maxPoints: number): { decision: AppealDecision; to: number | null } => {
  const decision = rng.weighted(DECISIONS.filter(([d]) => (d !== 'RAISE' || from < maxPoints) && (d !== 'LOWER' || from > 0)));
  if (decision === 'RAISE') return { decision, to: Math.min(maxPoints, Math.floor(from) + rng.int(1, 2)) };
  if (decision === 'LOWER') return { decision, to: Math.max(0, Math.ceil(from) - rng.int(1, 2)) };
  return { decision, to: null };
};

/**
 * The stage's appeals; the participants' totals are updated with the decisions. Appellants
 * are participants who scored at least 30 % (those who have a status to gain), one appeal each.
 */
export const planAppeals = (
  rng: Random,
  stageKey: string,
  level: ContestLevel,
  groups: readonly GroupInput[],
  jury: readonly JurorPlan[],
  participants: ParticipantPlan[],
) => {
  const groupOf = new Map(groups.map((g) => [g.groupId, g]));
  const maxOf = (g: GroupInput) => g.tasks.reduce((a, t) => a + t.maxPoints, 0);
  const present = participants.filter((p) => !p.absent);
  const candidates = present.filter((p) => p.total >= 0.3 * maxOf(groupOf.get(p.groupId)!));
  const commission = jury.filter((j) => j.appealCommission);
  const appeals: AppealPlan[] = [];
  for (const p of rng.sample(candidates, appealCount(rng, level, present.length))) {
    const group = groupOf.get(p.groupId)!;
    const i = rng.int(0, group.tasks.length - 1);
    const task = group.tasks[i]!;
    const from = taskFinals(p, group)[i]!;
    const { decision, to } = decide(rng, from, task.maxPoints);
    const technical = rng.chance(0.15);
    const others = commission.filter((j) => j.organizationPlanId !== p.organizationPlanId);
    const member = rng.pick(others.length ? others : commission);
    appeals.push({
      key: `${stageKey}/appeal-${appeals.length + 1}`,
      studentKey: p.studentKey,
      municipalityId: p.municipalityId,
      organizationPlanId: p.organizationPlanId,
      groupId: p.groupId,
      taskId: task.taskId,
      kind: technical ? 'TECHNICAL_ERROR' : 'DISAGREEMENT',
      statement: rng.pick(technical ? TECHNICAL_STATEMENTS : DISAGREEMENT_STATEMENTS),
      decision,
      from,
      to,
      reason: rng.pick(decision === 'RAISE' ? RAISE_REASONS : decision === 'LOWER' ? LOWER_REASONS : KEEP_REASONS),
      decidedBy: member.educatorPlanId,
    });
    if (to !== null) p.total = totalOf(taskFinals(p, group, new Map([[task.taskId, to]])));
  }
  return appeals;
};
