import type { RequestContext } from '@mms/auth';
import * as access from '../access/policy';
import type { SiteCallRow } from '../site-calls/site-call.rows';
import { isOverdue } from './site-reports';
import type { SiteRow } from './site.rows';

/** Phases before the status (or its refusal) is decided: the application's, not the public register's. */
const IN_REVIEW = new Set(['APPLIED', 'RETURNED', 'UNDER_REVIEW', 'DECLINED']);

/** A site as GraphQL returns it; reports overdue against the region's today. */
export const siteView = (row: SiteRow, today: string) => ({
  ...row,
  id: row._id,
  organizations: row.organizationIds.map((id) => ({ id })),
  reports: row.reports.map((r) => ({ ...r, accepted: r.review?.accepted ?? null, overdue: isOverdue(r, today) })),
});
export type SiteView = ReturnType<typeof siteView>;

const fileOf = (row: Pick<SiteRow, 'level' | 'hostMunicipalityId' | 'organizationIds'>) => ({
  level: row.level,
  hostMunicipalityId: row.hostMunicipalityId,
  hostOrganizationId: row.organizationIds[0] ?? '',
});

/** The site's file (card, returns, opinions, history): its host, its authority, its experts. */
export const seesFile = (req: RequestContext, row: Pick<SiteRow, 'level' | 'hostMunicipalityId' | 'organizationIds'>) =>
  access.seesSiteFile(req.user, fileOf(row));

/** The public register shows statuses held and held before; applications only to those who see the file. */
export const visible = (req: RequestContext, row: SiteRow) => !IN_REVIEW.has(row.phase) || seesFile(req, row);

export const canDecide = (req: RequestContext, row: SiteRow) =>
  access.passes(() => access.siteAuthority(req.user, row.level, row.hostMunicipalityId, 'decide'));

export const siteCallView = (row: SiteCallRow, today: string) => ({ ...row, id: row._id, open: row.from <= today && today <= row.to });
