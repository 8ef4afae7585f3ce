/** Phase 6 of the PD seeding: young teachers paired with their mentor by the methodologist (startMentorships, lists); pairs already active are left as they are. */
import { runGroupedPool, runPool } from '../../../runner/pool';
import type { MentorshipPlan } from '../pd-plan';
import { mentorshipListsOf } from '../pd-plan/mentorships';
import { aborted, fail, methodologist, PdSeedContext, readAll, send, tally } from './context';
import { PD_ACTIVE_MENTORSHIPS, START_MENTORSHIPS } from './documents';

/** The directory ids of the mentees who already have an active mentorship, over every municipality. */
const readPairedMentees = async (ctx: PdSeedContext): Promise<Set<string>> => {
  const paired = new Set<string>();
  await runPool(
    ctx.municipalityIds,
    Math.min(ctx.concurrency, 8),
    async (m) => {
      const rows = await readAll<{ id: string; mentee: { id: string } }>(ctx, PD_ACTIVE_MENTORSHIPS, 'mentorshipsPage', {}, await methodologist(ctx, m));
      for (const r of rows) paired.add(r.mentee.id);
    },
    ctx.signal,
  );
  return paired;
};

interface PairOutcome {
  index: number;
  mentorship: { id: string } | null;
  error: { code: string; message: string } | null;
}

/**
 * One list of a municipality's pairs; a pair whose mentee is paired already (read before, or
 * MENTEE_ALREADY_PAIRED) counts as done. A refused entry fails its pair, a failed call its list.
 */
const startList = async (ctx: PdSeedContext, paired: Set<string>, plans: MentorshipPlan[]) => {
  const known = plans.filter((x) => ctx.ids.educators[x.mentorPlanId] && ctx.ids.educators[x.menteePlanId]);
  tally(ctx, 'mentorships', 'skipped', plans.length - known.length);
  const todo = known.filter((x) => !paired.has(ctx.ids.educators[x.menteePlanId]!));
  tally(ctx, 'mentorships', 'existing', known.length - todo.length);
  if (!todo.length) return;
  const first = todo[0]!;
  const at = { command: 'startMentorships' as const, phase: 'mentorships' as const, tenantId: first.municipalityId };
  try {
    const input = todo.map((x) => ({
      mentorId: ctx.ids.educators[x.mentorPlanId]!,
      menteeId: ctx.ids.educators[x.menteePlanId]!,
      from: x.from,
      to: x.to,
      goals: x.goals,
    }));
    const outcomes = (await send<PairOutcome[]>(
      ctx,
      'startMentorships',
      START_MENTORSHIPS,
      { input },
      await methodologist(ctx, first.municipalityId),
      first.key,
      first.municipalityId,
    ))!;
    for (const o of outcomes) {
      if (o.mentorship) tally(ctx, 'mentorships', 'created');
      else if (o.error?.code === 'MENTEE_ALREADY_PAIRED') tally(ctx, 'mentorships', 'existing');
      else {
        fail(ctx, { ...at, planId: todo[o.index]!.key }, new Error(`${o.error!.code}: ${o.error!.message}`));
        tally(ctx, 'mentorships', 'failed');
      }
    }
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { ...at, planId: first.key }, err);
    tally(ctx, 'mentorships', 'failed', todo.length);
  }
};

/**
 * Phase 6: each municipality's pairs as its methodologist's lists; two lists never at once on
 * one mentor (their stream, where the load limit is kept: they would only conflict).
 */
export const seedMentorships = async (ctx: PdSeedContext) => {
  const paired = await readPairedMentees(ctx);
  await runGroupedPool(
    mentorshipListsOf(ctx.pd.mentorships),
    (list) => list.map((x) => x.mentorPlanId),
    ctx.concurrency,
    1,
    (list) => startList(ctx, paired, list),
    ctx.signal,
  );
};
