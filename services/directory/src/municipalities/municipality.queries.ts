import { RequestContext } from '@mms/auth';
import { Page, pageOf, perRequest } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { municipalityDecider, municipalityStream } from './municipality.decider';
import { MunicipalityView, municipalityStateView, municipalityView } from './municipality.views';

export const municipality = async (d: DirectoryDeps, req: RequestContext, id: string): Promise<MunicipalityView | null> => {
  const [row] = await d.tables.municipalities.find({ $and: [access.municipalityReadScope(req.user), { _id: id }] }, { limit: 1 });
  return row ? municipalityView(row) : null;
};

export const municipalities = (
  d: DirectoryDeps,
  req: RequestContext,
  args: { first?: number | null; after?: string | null },
): Promise<Page<MunicipalityView>> => pageOf(d.tables.municipalities, access.municipalityReadScope(req.user), args, municipalityView);

/** Whether a municipality has been onboarded, from its own stream (a fact for other streams' commands). */
export const municipalityOnboarded = async (d: DirectoryDeps, municipalityId: string): Promise<boolean> =>
  (await d.commands.load(municipalityDecider, municipalityId, municipalityStream(municipalityId))).state.onboarded;

const oncePerRequest = perRequest<MunicipalityView | null>();

/**
 * For fields that must resolve (an organisation's municipality): the read model, or, while
 * it still lags behind a write that just happened, the stream itself. Once per request and
 * municipality (every educator of a list has one).
 */
export const municipalityOf = (d: DirectoryDeps, req: RequestContext, id: string): Promise<MunicipalityView | null> =>
  oncePerRequest(req, id, () => resolveMunicipality(d, req, id));

const resolveMunicipality = async (d: DirectoryDeps, req: RequestContext, id: string): Promise<MunicipalityView | null> => {
  const fromReadModel = await municipality(d, req, id);
  if (fromReadModel || !access.maySeeMunicipality(req.user, id)) return fromReadModel;
  const { state } = await d.commands.load(municipalityDecider, id, municipalityStream(id));
  return state.onboarded ? municipalityStateView(id, state) : null;
};
