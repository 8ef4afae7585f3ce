/** Part 8 of the PD plan: individual routes for a share of the educators the diagnostics left with deficits. */
import { listsBy } from '../../../runner/pool';
import { CompetenceArea } from '../pd-dictionaries';
import type { RoutePlan } from '../pd-plan';
import { educatorsOf, PlanContext } from './context';

/** One stream for the whole region, educators in plan order: a route for `routeShare` of those with deficits, `approvedRouteShare` approved. */
export const planRoutes = (ctx: PlanContext, deficitsOf: ReadonlyMap<string, CompetenceArea[]>): RoutePlan[] => {
  const rng = ctx.root.fork('routes');
  const routes: RoutePlan[] = [];
  for (const m of ctx.region.municipalities) {
    for (const { e } of educatorsOf(m)) {
      const deficits = deficitsOf.get(e.id);
      if (!deficits || !rng.chance(ctx.opt.routeShare)) continue;
      routes.push({ educatorPlanId: e.id, municipalityId: m.id, deficits, approve: rng.chance(ctx.opt.approvedRouteShare) });
    }
  }
  return routes;
};

/** Routes per proposeRoutes / approveRoutes call the seeding sends (the service takes 500; a proposal reads the offer and decides per educator). */
export const ROUTE_LIST = 200;

/** The plan's routes as the seeding sends them: per municipality (its methodologist's), in lists of at most ROUTE_LIST. */
export const routeListsOf = (routes: readonly RoutePlan[]): RoutePlan[][] => listsBy(routes, (x) => x.municipalityId, ROUTE_LIST);
