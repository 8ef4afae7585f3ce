import { RequestContext } from '@mms/auth';
import { youngCareerStartFrom } from '@mms/contracts/dates';
import { emptyPage, Page, pageOf } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { EducatorView, educatorRowView } from './educator.views';

export interface EducatorFilter {
  organizationId?: string | null;
  subject?: string | null;
  youngTeachersOnly?: boolean | null;
  status?: string | null;
  municipalityId?: string | null;
}

export const educator = async (d: DirectoryDeps, req: RequestContext, id: string): Promise<EducatorView | null> => {
  const scope = access.educatorReadScope(req.user);
  if (!scope) return null;
  const rows = await d.tables.educators.find({ ...scope, educatorId: id });
  // After a transfer the active row wins; the regional operator may see both.
  const row = rows.find((r) => r.status !== 'TRANSFERRED') ?? rows[0];
  return row ? educatorRowView(row) : null;
};

export const educators = async (
  d: DirectoryDeps,
  req: RequestContext,
  filter: EducatorFilter = {},
  args: { first?: number | null; after?: string | null } = {},
): Promise<Page<EducatorView>> => {
  access.checkMunicipalityFilter(req.user, filter.municipalityId);
  const scope = access.educatorReadScope(req.user, filter.municipalityId);
  if (!scope) return emptyPage();
  if (filter.organizationId && scope['organizationId'] && scope['organizationId'] !== filter.organizationId) return emptyPage();
  const query: Record<string, unknown> = { ...scope, status: filter.status ?? 'ACTIVE' };
  if (filter.organizationId) query['organizationId'] = filter.organizationId;
  if (filter.subject) query['subjects'] = filter.subject;
  // The one young-teacher rule, on the region's today.
  if (filter.youngTeachersOnly) query['careerStartDate'] = { $gte: youngCareerStartFrom(d.clock.today()) };
  return pageOf(d.tables.educators, query, args, educatorRowView);
};
