/** Phase 7 of the PD seeding: individual routes, proposed by each municipality's methodologist as lists and approved for most. */
import { runPool } from '../../../runner/pool';
import type { RoutePlan } from '../pd-plan';
import { routeListsOf } from '../pd-plan/routes';
import type { PdCommand } from '../seed-professional-development';
import { aborted, fail, methodologist, PdSeedContext, send, tally } from './context';
import { APPROVE_ROUTES, PROPOSE_ROUTES } from './documents';

interface RouteOutcome {
  index: number;
  route: { status: string } | null;
  error: { code: string; message: string } | null;
}

/**
 * One list: proposed (ROUTE_APPROVED: done already), then the ones the plan approves approved as
 * a second list. A refused entry is that route's failure; a call failing fails its routes.
 */
const seedRouteList = async (ctx: PdSeedContext, plans: RoutePlan[]) => {
  const routes = plans.filter((r) => ctx.ids.educators[r.educatorPlanId]);
  tally(ctx, 'routes', 'skipped', plans.length - routes.length);
  if (!routes.length) return;
  const first = routes[0]!;
  const failed = (command: PdCommand, r: RoutePlan, err: unknown) => {
    fail(ctx, { command, phase: 'routes', planId: r.educatorPlanId, tenantId: r.municipalityId }, err);
    tally(ctx, 'routes', 'failed');
  };
  const call = async (command: 'proposeRoutes' | 'approveRoutes', query: string, list: RoutePlan[]) =>
    (await send<RouteOutcome[]>(
      ctx,
      command,
      query,
      { educatorIds: list.map((r) => ctx.ids.educators[r.educatorPlanId]) },
      await methodologist(ctx, first.municipalityId),
      list[0]!.educatorPlanId,
      first.municipalityId,
    ))!;
  let outcomes: RouteOutcome[];
  try {
    outcomes = await call('proposeRoutes', PROPOSE_ROUTES, routes);
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'proposeRoutes', phase: 'routes', planId: first.educatorPlanId, tenantId: first.municipalityId }, err);
    return tally(ctx, 'routes', 'failed', routes.length);
  }
  const proposed: RoutePlan[] = [];
  for (const o of outcomes) {
    const r = routes[o.index]!;
    if (o.route) proposed.push(r);
    else if (o.error?.code === 'ROUTE_APPROVED') tally(ctx, 'routes', 'existing');
    else failed('proposeRoutes', r, new Error(`${o.error!.code}: ${o.error!.message}`));
  }
  const approving = proposed.filter((r) => r.approve);
  const refused = new Map<RoutePlan, unknown>();
  if (approving.length)
    try {
      for (const o of await call('approveRoutes', APPROVE_ROUTES, approving))
        if (o.error) refused.set(approving[o.index]!, new Error(`${o.error.code}: ${o.error.message}`));
    } catch (err) {
      if (aborted(ctx)) return;
      for (const r of approving) refused.set(r, err);
    }
  for (const r of proposed) {
    if (refused.has(r)) failed('approveRoutes', r, refused.get(r));
    else tally(ctx, 'routes', 'created');
  }
};

/** Phase 7: every planned route of an educator the directory has, as each municipality's lists. */
export const seedRoutes = async (ctx: PdSeedContext) => {
  await runPool(routeListsOf(ctx.pd.routes), ctx.concurrency, (list) => seedRouteList(ctx, list), ctx.signal);
};
