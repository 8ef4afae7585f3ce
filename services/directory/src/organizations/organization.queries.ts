import { RequestContext } from '@mms/auth';
import { Page, pageOf, perRequest } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { OrganizationFact, organizationDecider, organizationStream } from './organization.decider';
import { OrganizationView, organizationRowView, organizationView } from './organization.views';

export interface OrganizationFilter {
  kind?: string | null;
  status?: string | null;
  municipalityId?: string | null;
  nameContains?: string | null;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const organization = async (d: DirectoryDeps, req: RequestContext, id: string): Promise<OrganizationView | null> => {
  const [row] = await d.tables.organizations.find({ ...access.organizationReadScope(req.user), _id: id }, { limit: 1 });
  return row ? organizationRowView(row) : null;
};

export const organizations = (
  d: DirectoryDeps,
  req: RequestContext,
  filter: OrganizationFilter = {},
  args: { first?: number | null; after?: string | null } = {},
): Promise<Page<OrganizationView>> => {
  access.checkMunicipalityFilter(req.user, filter.municipalityId);
  const query: Record<string, unknown> = { ...access.organizationReadScope(req.user, filter.municipalityId) };
  if (filter.kind) query['kind'] = filter.kind;
  if (filter.status) query['status'] = filter.status;
  if (filter.nameContains) query['nameLower'] = { $regex: escapeRegex(filter.nameContains.toLowerCase().slice(0, 100)) };
  return pageOf(d.tables.organizations, query, args, organizationRowView);
};

/** An organisation as its own stream in a municipality says (a fact for an educator's command). */
export const organizationFact = async (d: DirectoryDeps, municipalityId: string, organizationId: string): Promise<OrganizationFact> =>
  (await d.commands.load(organizationDecider, municipalityId, organizationStream(organizationId))).state.status;

const oncePerRequest = perRequest<OrganizationView | null>();

/**
 * For fields that must resolve (an educator's school): the read model, or the stream while the
 * read model lags. Once per request and school (a staff list's educators share a few schools).
 */
export const organizationOf = (d: DirectoryDeps, req: RequestContext, municipalityId: string, id: string): Promise<OrganizationView | null> =>
  oncePerRequest(req, `${municipalityId}|${id}`, () => resolveOrganization(d, req, municipalityId, id));

const resolveOrganization = async (d: DirectoryDeps, req: RequestContext, municipalityId: string, id: string): Promise<OrganizationView | null> => {
  const fromReadModel = await organization(d, req, id);
  if (fromReadModel || !access.maySeeMunicipality(req.user, municipalityId)) return fromReadModel;
  const { state } = await d.commands.load(organizationDecider, municipalityId, organizationStream(id));
  return state.status === 'none' ? null : organizationView(municipalityId, state);
};
