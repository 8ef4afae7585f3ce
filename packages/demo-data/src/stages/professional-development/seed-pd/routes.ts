/** Phase 7 of the PD seeding: individual routes, proposed by the methodologist and approved for most. */
import { runPool } from '../../../runner/pool';
import type { RoutePlan } from '../pd-plan';
import type { PdCommand } from '../seed-professional-development';
import { aborted, fail, methodologist, PdSeedContext, send, tally } from './context';
import { APPROVE_ROUTE, PROPOSE_ROUTE } from './documents';

/** Proposes one route (ROUTE_APPROVED: done already) and approves it when the plan says so. */
const seedRoute = async (ctx: PdSeedContext, r: RoutePlan) => {
  const educatorId = ctx.ids.educators[r.educatorPlanId];
  if (!educatorId) {
    tally(ctx, 'routes', 'skipped');
    return;
  }
  let step: PdCommand = 'proposeRoute';
  try {
    const token = await methodologist(ctx, r.municipalityId);
    const proposed = await send<{ status: string }>(ctx, 'proposeRoute', PROPOSE_ROUTE, { educatorId }, token, r.educatorPlanId, r.municipalityId, [
      'ROUTE_APPROVED',
    ]);
    if (proposed && r.approve) {
      step = 'approveRoute';
      await send(ctx, 'approveRoute', APPROVE_ROUTE, { educatorId }, token, r.educatorPlanId, r.municipalityId);
    }
    tally(ctx, 'routes', proposed ? 'created' : 'existing');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: step, phase: 'routes', planId: r.educatorPlanId, tenantId: r.municipalityId }, err);
    tally(ctx, 'routes', 'failed');
  }
};

/** Phase 7: every planned route of an educator the directory has. */
export const seedRoutes = async (ctx: PdSeedContext) => {
  await runPool(ctx.pd.routes, ctx.concurrency, (r) => seedRoute(ctx, r), ctx.signal);
};
