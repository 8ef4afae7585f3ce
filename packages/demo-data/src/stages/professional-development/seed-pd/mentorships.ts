/** Phase 6 of the PD seeding: young teachers paired with their mentor by the methodologist; pairs already active are left as they are. */
import { runGroupedPool, runPool, spreadByGroup } from '../../../runner/pool';
import type { MentorshipPlan } from '../pd-plan';
import { aborted, fail, methodologist, PdSeedContext, readAll, send, tally } from './context';
import { PD_ACTIVE_MENTORSHIPS, START_MENTORSHIP } from './documents';

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

/** Starts one pair unless its mentee is paired already (MENTEE_ALREADY_PAIRED also counts as done). */
const startMentorship = async (ctx: PdSeedContext, paired: Set<string>, x: MentorshipPlan) => {
  const mentorId = ctx.ids.educators[x.mentorPlanId];
  const menteeId = ctx.ids.educators[x.menteePlanId];
  if (!mentorId || !menteeId) {
    tally(ctx, 'mentorships', 'skipped');
    return;
  }
  if (paired.has(menteeId)) {
    tally(ctx, 'mentorships', 'existing');
    return;
  }
  try {
    const input = { mentorId, menteeId, from: x.from, to: x.to, goals: x.goals };
    const r = await send(ctx, 'startMentorship', START_MENTORSHIP, { input }, await methodologist(ctx, x.municipalityId), x.key, x.municipalityId, [
      'MENTEE_ALREADY_PAIRED',
    ]);
    tally(ctx, 'mentorships', r ? 'created' : 'existing');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'startMentorship', phase: 'mentorships', planId: x.key, tenantId: x.municipalityId }, err);
    tally(ctx, 'mentorships', 'failed');
  }
};

/** Phase 6: a mentor's pairs share the mentor's stream (where the load limit is kept): one at a time per mentor. */
export const seedMentorships = async (ctx: PdSeedContext) => {
  const paired = await readPairedMentees(ctx);
  const byMentor = (x: MentorshipPlan) => x.mentorPlanId;
  await runGroupedPool(
    spreadByGroup(ctx.pd.mentorships, byMentor),
    byMentor,
    ctx.concurrency,
    1,
    (x: MentorshipPlan) => startMentorship(ctx, paired, x),
    ctx.signal,
  );
};
