import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { PlatformError } from '@mms/eventsourcing/core';
import { actorContext, checked, checkListSize, EntryError, entryError } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { PlacedEducator, placed } from '../educators/educator.queries';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';
import { at, routeProposal } from './development.handlers';
import { DevelopmentCommand, developmentDecider, DevelopmentState } from './development.decider';
import { programmeOptions } from './development.queries';
import { RouteView, routeView } from './development.views';

/** Educators per route list: a municipality's diagnosed educators come in a few calls. */
export const MAX_ROUTES = 500;

export interface RouteOutcome {
  index: number;
  route: RouteView | null;
  error: EntryError | null;
}

type RouteCommand = DevelopmentCommand | ((s: DevelopmentState) => DevelopmentCommand);

/**
 * Routes of many educators at once (a methodologist after a diagnostics campaign), each decided
 * as the single command would (`commandFor`), every educator's stream appended in one round trip.
 * An entry refused (a malformed or unknown educator, one not in the caller's municipality, a
 * route the rules refuse) is answered with its error, named `educatorIds.<index>`; the rest go on.
 */
const routeList = async (
  d: PdDeps,
  req: RequestContext,
  educatorIds: string[],
  what: string,
  commandFor: (educator: PlacedEducator) => Promise<RouteCommand>,
): Promise<RouteOutcome[]> => {
  checkListSize('educatorIds', educatorIds.length, MAX_ROUTES);
  const user = requireUser(req.user);
  const outcomes: RouteOutcome[] = educatorIds.map((_, index) => ({ index, route: null, error: null }));
  const refuse = (index: number, err: unknown) => {
    if (!(err instanceof PlatformError)) throw err;
    const e = entryError(err);
    outcomes[index]!.error = { ...e, fields: e.fields.length ? [`educatorIds.${index}`] : [] };
  };
  const wellFormed = educatorIds.flatMap((id, index) => {
    try {
      checked('route', (c) => c.id(`educatorIds.${index}`, id));
      return [{ index, id }];
    } catch (err) {
      refuse(index, err);
      return [];
    }
  });
  const rows = new Map((await d.tables.educators.getMany([...new Set(wellFormed.map((w) => w.id))])).map((r) => [r._id, r]));
  const planned: Array<{ index: number; educator: PlacedEducator; command: RouteCommand }> = [];
  for (const { index, id } of wellFormed) {
    try {
      const educator = placed(rows.get(id), id, 'educatorId');
      access.methodologistFor(req.user, educator.municipalityId, what);
      planned.push({ index, educator, command: await commandFor(educator) });
    } catch (err) {
      refuse(index, err);
    }
  }
  if (!planned.length) return outcomes;
  const results = await d.commands.handleMany(
    developmentDecider,
    planned.map((p) => ({ streamId: streams.development(p.educator._id), command: p.command, where: at(p.educator) })),
    actorContext(req, user),
  );
  results.forEach((r, k) => {
    const p = planned[k]!;
    if (r instanceof Error) return refuse(p.index, r);
    outcomes[p.index]!.route = routeView(p.educator._id, r.state.route);
  });
  return outcomes;
};

/**
 * Draft routes for many educators (from each one's open deficits and today's offer of their
 * municipality, read once per municipality): each as `proposeRoute` would.
 */
export const proposeRoutes = async (d: PdDeps, req: RequestContext, educatorIds: string[]): Promise<RouteOutcome[]> => {
  const asOf = d.clock.today();
  const offers = new Map<string, ReturnType<typeof programmeOptions>>();
  const offerOf = (municipalityId: string) => {
    if (!offers.has(municipalityId)) offers.set(municipalityId, programmeOptions(d, municipalityId, asOf));
    return offers.get(municipalityId)!;
  };
  return routeList(d, req, educatorIds, 'propose routes', async (educator) => routeProposal(educator, await offerOf(educator.municipalityId), asOf));
};

/** Routes approved at once: each as `approveRoute` would. */
export const approveRoutes = async (d: PdDeps, req: RequestContext, educatorIds: string[]): Promise<RouteOutcome[]> => {
  const on = d.clock.today();
  const by = requireUser(req.user).subject;
  return routeList(d, req, educatorIds, 'approve routes', async (educator) => ({ type: 'ApproveRoute', educatorId: educator._id, approvedBy: by, on }));
};
