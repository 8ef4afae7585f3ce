/** Phase `communities`: each community proposed, approved by its order, given its members (the head first), started; a working group's tasks. */
import { runPool } from '../../../runner/pool';
import type { CommunityPlan } from '../communities-plan';
import { MEMBERS_PER_CALL } from '../communities-plan/totals';
import { aborted, CommunitiesSeedContext, fail, idempotencyKey, pause, runnerOf, send, settled, tally } from './context';
import {
  ADD_MEMBERS,
  APPROVE_COMMUNITY,
  CommunityLive,
  COMPLETE_GROUP_TASK,
  PROPOSE_COMMUNITY,
  RefusedEntry,
  SET_GROUP_TASK,
  START_COMMUNITY,
} from './documents';

/** One community, driven from what the platform answers to where the plan has it; its commands one at a time (one stream). */
const seedCommunity = async (ctx: CommunitiesSeedContext, c: CommunityPlan) => {
  const token = await runnerOf(ctx, c);
  const at = { planId: c.key, tenantId: c.tenantId };
  const hostOrganizationId = c.hostOrganizationPlanId ? ctx.ids.organizations[c.hostOrganizationPlanId] : null;
  if (c.hostOrganizationPlanId && !hostOrganizationId) return tally(ctx, 'communities', 'skipped');
  let command: Parameters<typeof send>[1] = 'proposeCommunity';
  try {
    // Under its idempotency key a re-run finds the first proposal: the answer is the community as it is now.
    // The service learns the directory's schools from its events: a school just registered may not be known yet.
    let live = (await settled(
      ctx,
      ['NOT_FOUND'],
      () =>
        send<CommunityLive>(ctx, 'proposeCommunity', PROPOSE_COMMUNITY, { input: { ...c.input, hostOrganizationId } }, token, c.key, c.tenantId, {
          idempotencyKey: idempotencyKey(ctx, c.key),
        }),
      (err) => /organization/i.test(String(err)),
    ))!;
    ctx.out.communityIds[c.key] = live.id;
    const fresh = live.status === 'PROPOSED' && live.members.length === 0;
    const step = async (cmd: typeof command, query: string, variables: Record<string, unknown>, key?: string) => {
      command = cmd;
      live = (await send<CommunityLive>(
        ctx,
        cmd,
        query,
        { communityId: live.id, ...variables },
        token,
        at.planId,
        at.tenantId,
        key ? { idempotencyKey: key } : {},
      ))!;
    };
    if (live.status === 'PROPOSED') await step('approveCommunity', APPROVE_COMMUNITY, { order: c.order });
    const current = new Set(live.members.map((m) => m.educator.id));
    const toAdd = c.members.flatMap((m) => {
      const educatorId = ctx.ids.educators[m.educatorPlanId];
      return educatorId && !current.has(educatorId) ? [{ educatorId, role: m.role }] : [];
    });
    for (let from = 0; from < toAdd.length; from += MEMBERS_PER_CALL) {
      let list = toAdd.slice(from, from + MEMBERS_PER_CALL);
      // The service learns the directory's educators from its events: one just registered may
      // be refused as unknown for a moment; those entries go again until it knows them.
      const t0 = performance.now();
      for (;;) {
        command = 'addCommunityMembers';
        const answer = (await send<{ community: CommunityLive; refused: RefusedEntry[] }>(
          ctx,
          'addCommunityMembers',
          ADD_MEMBERS,
          { communityId: live.id, members: list },
          token,
          at.planId,
          at.tenantId,
        ))!;
        live = answer.community;
        const unknown = answer.refused.filter((r) => r.error.code === 'NOT_FOUND');
        for (const r of answer.refused.filter((x) => x.error.code !== 'NOT_FOUND'))
          fail(ctx, { command, phase: 'communities', ...at }, new Error(`member ${list[r.index]!.educatorId}: ${r.error.code} ${r.error.message}`));
        if (!unknown.length) break;
        if (aborted(ctx) || performance.now() - t0 > ctx.settleMs)
          throw new Error(`members unknown to the service: ${unknown.map((r) => list[r.index]!.educatorId).join(', ')}`);
        list = unknown.map((r) => list[r.index]!);
        await pause(ctx);
      }
      if (aborted(ctx)) return;
    }
    if (live.status === 'APPROVED') await step('startCommunity', START_COMMUNITY, {});
    for (const t of c.tasks) {
      const ownerId = ctx.ids.educators[t.ownerPlanId];
      if (!ownerId) continue;
      let task = live.tasks.find((x) => x.title === t.title);
      if (!task) {
        await step('setGroupTask', SET_GROUP_TASK, { title: t.title, ownerId, dueOn: t.dueOn }, idempotencyKey(ctx, t.key));
        task = live.tasks.find((x) => x.title === t.title);
      }
      if (t.done && task && !task.doneOn) await step('completeGroupTask', COMPLETE_GROUP_TASK, { taskId: task.taskId });
    }
    tally(ctx, 'communities', fresh ? 'created' : 'existing');
  } catch (err) {
    tally(ctx, 'communities', 'failed');
    fail(ctx, { command, phase: 'communities', ...at }, err);
  }
};

export const seedCommunities = (ctx: CommunitiesSeedContext) => runPool(ctx.plan.communities, ctx.concurrency, (c) => seedCommunity(ctx, c), ctx.signal);
