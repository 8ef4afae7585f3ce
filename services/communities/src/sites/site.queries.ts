import type { RequestContext } from '@mms/auth';
import { checked } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { REGION_TENANT } from '../tenants';
import { overdueReports as overdueOf, reportsDueSoon } from './site-reports';
import { siteDecider } from './site.decider';
import type { SiteRow } from './site.rows';
import { seesFile, siteCallView, siteView, SiteView, visible } from './site.views';

export { visible as isVisible };

const checkMunicipality = (municipalityId: string | null | undefined) =>
  checked('filter', (c) => {
    if (municipalityId != null) c.id('municipalityId', municipalityId);
  });

/** A municipality's sites (municipal statuses, and regional ones its schools hold); without one, the region's. */
const sitesOf = async (d: CommunitiesDeps, municipalityId: string | null | undefined): Promise<SiteRow[]> => {
  checkMunicipality(municipalityId);
  if (!municipalityId) return d.tables.sites.find({ tenantId: REGION_TENANT });
  const [own, regional] = [await d.tables.sites.find({ tenantId: municipalityId }), await d.tables.sites.find({ tenantId: REGION_TENANT })];
  return [...own, ...regional.filter((r) => r.hostMunicipalityId === municipalityId)];
};

export const sites = async (
  d: CommunitiesDeps,
  req: RequestContext,
  f: { municipalityId?: string | null; status?: string | null; phase?: string | null },
): Promise<SiteView[]> => {
  const today = d.clock.today();
  return (await sitesOf(d, f.municipalityId))
    .filter((r) => (!f.status || r.status === f.status) && (!f.phase || r.phase === f.phase) && visible(req, r))
    .sort((a, b) => a.theme.localeCompare(b.theme, 'ru') || (a._id < b._id ? -1 : 1))
    .map((r) => siteView(r, today));
};

export const siteById = async (d: CommunitiesDeps, req: RequestContext, id: string) => {
  const row = await d.tables.sites.get(id);
  return row && visible(req, row) ? siteView(row, d.clock.today()) : null;
};

/** The project card, the returns' lists and the expert opinions, read from the stream (they are in no read model). */
export const fileOf = async (d: CommunitiesDeps, req: RequestContext, s: SiteView) => {
  if (!seesFile(req, s)) return null;
  const { state } = await d.commands.load(siteDecider, s.tenantId, streams.site(s.id));
  return { card: state.card ?? null, missing: state.returns.at(-1) ?? [], opinions: Object.values(state.opinions) };
};

export const siteCalls = async (d: CommunitiesDeps, municipalityId: string | null | undefined) => {
  checkMunicipality(municipalityId);
  const today = d.clock.today();
  const tenants = municipalityId ? [municipalityId, REGION_TENANT] : [REGION_TENANT];
  const rows = (await Promise.all(tenants.map((tenantId) => d.tables.siteCalls.find({ tenantId })))).flat();
  return rows.sort((a, b) => (a.from > b.from ? -1 : 1)).map((r) => siteCallView(r, today));
};

/** Annual reports past due and not in, for the status's authority: a municipality's methodologist, the operator (regional ones, or any municipality's). */
export const overdueReports = async (d: CommunitiesDeps, req: RequestContext, municipalityId: string | null | undefined) => {
  access.overdueReader(req.user, municipalityId ?? null);
  const today = d.clock.today();
  return (await sitesOf(d, municipalityId))
    .filter((r) => r.phase === 'ACTIVE')
    .flatMap((r) => overdueOf(r.reports, today).map((rep) => ({ site: siteView(r, today), year: rep.year, dueOn: rep.dueOn })))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1));
};

const DAY = 86_400_000;

/** Reminders: reports due within `days` (1..120, default 30) and not in yet, for the same readers as the overdue list. */
export const reportsDueWithin = async (d: CommunitiesDeps, req: RequestContext, municipalityId: string | null | undefined, days = 30) => {
  access.overdueReader(req.user, municipalityId ?? null);
  checked('reminders', (c) => c.int('days', days, 1, 120));
  const today = d.clock.today();
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
  return (await sitesOf(d, municipalityId))
    .filter((r) => r.phase === 'ACTIVE')
    .flatMap((r) => reportsDueSoon(r.reports, today, until).map((rep) => ({ site: siteView(r, today), year: rep.year, dueOn: rep.dueOn })))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1));
};
