import type { RequestContext } from '@mms/auth';
import { REGION_TENANT } from '@mms/eventsourcing/core';
import type { ReadTable } from '@mms/eventsourcing/core';
import { checked, emptyPage, Page, PageArgs, pageSize, pageSorted } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CompetenceArea } from '../competences/competence-areas';
import { readableEducator } from '../educators/educator.queries';
import type { PdDeps } from '../pd.deps';
import { developmentRowView, DevelopmentView, EducatorParent, externalTrainingView, resultView, routeView } from './development.views';
import type { ProgrammeOption } from './route-proposal';

/** The educator's development, for whoever may read them (by their current placement); null otherwise. */
const development = async (d: PdDeps, req: RequestContext, e: EducatorParent): Promise<DevelopmentView | null> => {
  if ((await readableEducator(d, req, e.id)) === false) return null;
  if (e.development) return e.development;
  const row = await d.tables.development.get(e.id);
  return row ? developmentRowView(row) : null;
};

export const route = async (d: PdDeps, req: RequestContext, e: EducatorParent) => {
  const dev = await development(d, req, e);
  return dev && dev.route.status !== 'NONE' ? routeView(e.id, dev.route) : null;
};

export const deficits = async (d: PdDeps, req: RequestContext, e: EducatorParent) => (await development(d, req, e))?.openDeficits ?? [];

export const diagnosticResults = async (d: PdDeps, req: RequestContext, e: EducatorParent) => {
  const results = (await development(d, req, e))?.results ?? [];
  return [...results].sort((a, b) => b.takenOn.localeCompare(a.takenOn)).map(resultView);
};

/** Newest certificate first. */
export const externalTrainings = async (d: PdDeps, req: RequestContext, e: EducatorParent) => {
  const trainings = (await development(d, req, e))?.externalTrainings ?? [];
  return [...trainings].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn)).map((t) => externalTrainingView(e.id, t));
};

/**
 * Published programmes of the region and the educator's municipality, with what their
 * cohorts offer on `asOf`: the offer a route is proposed from.
 */
export const programmeOptions = async (d: PdDeps, municipalityId: string, asOf: string): Promise<ProgrammeOption[]> => {
  // One equality per tenant, not `tenantId: { $in }`: FerretDB does not push an `$in` down, and
  // every route proposal then decoded every cohort of the region (170 ms each at scale 1).
  const tenants = [...new Set([REGION_TENANT, municipalityId])];
  const inTenants = async <R extends { _id: string }>(table: ReadTable<R>, status: string) =>
    (await Promise.all(tenants.map((tenantId) => table.find({ tenantId, status })))).flat();
  const [published, scheduled] = await Promise.all([inTenants(d.tables.programmes, 'PUBLISHED'), inTenants(d.tables.cohorts, 'SCHEDULED')]);
  return published.map((p) => {
    const own = scheduled.filter((c) => c.programmeId === p._id);
    const upcoming = own
      .filter((c) => c.startDate >= asOf)
      .map((c) => c.startDate)
      .sort();
    return {
      programmeId: p._id,
      title: p.title,
      competences: p.competences,
      // Applications are taken until the cohort's end.
      hasOpenCohortWithSeats: own.some((c) => c.free > 0 && c.endDate >= asOf),
      ...(upcoming[0] ? { nextCohortStart: upcoming[0] } : {}),
    };
  });
};

export interface EducatorDeficitsView {
  educatorId: string;
  organizationId: string | null;
  municipalityId: string | null;
  deficits: CompetenceArea[];
  routeStatus: 'NONE' | 'DRAFT' | 'APPROVED';
  routeItems: number;
}

export type DeficitsArgs = PageArgs & {
  organizationId?: string | null;
  municipalityId?: string | null;
  competence?: CompetenceArea | null;
  routeStatus?: 'NONE' | 'DRAFT' | 'APPROVED' | null;
};

/** By school, then educator: the order of the list and of its cursor. */
const deficitsKey = (v: EducatorDeficitsView) => [v.organizationId ?? '', v.educatorId];

/**
 * Active educators within the caller's reach (by their current placement, as the route itself)
 * with open deficits, and how far their route has come: whom a methodologist proposes a route
 * to next. Computed at query time from the educators and development read models, a page at a time.
 */
export const educatorsWithDeficitsPage = async (d: PdDeps, req: RequestContext, args: DeficitsArgs): Promise<Page<EducatorDeficitsView>> => {
  checked('educators with deficits query', (c) => {
    c.id('organizationId', args.organizationId);
    c.id('municipalityId', args.municipalityId);
  });
  const scope = access.readScope(req.user, args);
  if (!scope) return (pageSize(args.first), emptyPage());
  const { educatorId, ...placement } = scope;
  const educators = await d.tables.educators.find({ ...placement, ...(educatorId ? { _id: educatorId } : {}), active: true });
  const placed = new Map(educators.map((e) => [e._id, e]));
  const rows = await d.tables.development.getMany([...placed.keys()]);
  const list: EducatorDeficitsView[] = [];
  for (const row of rows) {
    if (!row.openDeficits.length) continue;
    if (args.competence && !row.openDeficits.includes(args.competence)) continue;
    if (args.routeStatus && row.route.status !== args.routeStatus) continue;
    const e = placed.get(row._id)!;
    list.push({
      educatorId: row._id,
      organizationId: e.organizationId ?? null,
      municipalityId: e.municipalityId ?? null,
      deficits: row.openDeficits,
      routeStatus: row.route.status,
      routeItems: row.route.items.length,
    });
  }
  return pageSorted(list, { key: deficitsKey }, args, (v) => v);
};
