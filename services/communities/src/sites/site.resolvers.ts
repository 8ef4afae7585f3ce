import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { COMMUNITIES_DEPS, CommunitiesDeps } from '../communities.deps';
import { freshRow } from '../communities.fresh';
import { historyOf } from '../communities.history';
import { streams } from '../communities.streams';
import { siteCallRows } from '../site-calls/site-call.rows';
import * as h from './site.handlers';
import * as q from './site.queries';
import { siteRows } from './site.rows';
import { canDecide, seesFile, siteCallView, siteView, SiteView } from './site.views';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** Sites and their calls: the application procedure, orders, annual reports, the public register. */
@GraphQLSlice()
@Injectable()
export class SiteResolvers implements SliceResolvers {
  constructor(@Inject(COMMUNITIES_DEPS) private readonly d: CommunitiesDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    const fresh = async (r: { id: string; tenantId: string }) =>
      siteView((await freshRow(d, siteRows, r.tenantId, streams.site(r.id), r.id))!, d.clock.today());
    const step = (f: (c: Ctx, a: Args) => Promise<{ id: string; tenantId: string }>) => async (_: unknown, a: Args, c: Ctx) => fresh(await f(c, a));
    const file = (pick: 'card' | 'missing' | 'opinions') => async (s: SiteView, _: Args, c: Ctx) => (await q.fileOf(d, c.request, s))?.[pick] ?? null;
    return {
      Query: {
        sites: (_: unknown, a: Args, c: Ctx) => q.sites(d, c.request, a['filter'] ?? {}),
        site: (_: unknown, a: Args, c: Ctx) => q.siteById(d, c.request, a['id']),
        siteCalls: (_: unknown, a: Args) => q.siteCalls(d, a['municipalityId']),
        overdueSiteReports: (_: unknown, a: Args, c: Ctx) => q.overdueReports(d, c.request, a['municipalityId']),
        siteReportsDueSoon: (_: unknown, a: Args, c: Ctx) => q.reportsDueWithin(d, c.request, a['municipalityId'], a['days'] ?? 30),
      },
      Mutation: {
        announceSiteCall: async (_: unknown, a: Args, c: Ctx) => {
          const r = await h.announceSiteCall(d, c.request, a['input']);
          return siteCallView((await freshRow(d, siteCallRows, r.tenantId, streams.siteCall(r.id), r.id))!, d.clock.today());
        },
        applyForSiteStatus: step((c, a) => h.applyForStatus(d, c.request, a['input'])),
        checkSiteApplication: step((c, a) => h.checkCompleteness(d, c.request, { siteId: a['siteId'], missing: a['missing'] })),
        resubmitSiteApplication: step((c, a) => h.resubmitApplication(d, c.request, { siteId: a['siteId'], card: a['card'] })),
        giveSiteExpertOpinion: step((c, a) =>
          h.giveExpertOpinion(d, c.request, { siteId: a['siteId'], scores: a['scores'], recommendation: a['recommendation'], comment: a['comment'] }),
        ),
        grantSiteStatus: step((c, a) => h.grantStatus(d, c.request, { siteId: a['siteId'], order: a['order'], term: a['term'] })),
        declineSiteApplication: step((c, a) => h.declineApplication(d, c.request, { siteId: a['siteId'], reason: a['reason'] })),
        submitSiteAnnualReport: step((c, a) => h.submitAnnualReport(d, c.request, { siteId: a['siteId'], year: a['year'], summary: a['summary'] })),
        reviewSiteAnnualReport: step((c, a) =>
          h.reviewAnnualReport(d, c.request, { siteId: a['siteId'], year: a['year'], accepted: a['accepted'], opinion: a['opinion'] }),
        ),
        extendSiteStatus: step((c, a) => h.extendStatus(d, c.request, { siteId: a['siteId'], order: a['order'], to: a['to'] })),
        terminateSiteStatus: step((c, a) => h.terminateStatus(d, c.request, { siteId: a['siteId'], order: a['order'], reason: a['reason'] })),
        submitSiteFinalReport: step((c, a) => h.submitFinalReport(d, c.request, { siteId: a['siteId'], summary: a['summary'] })),
        closeSite: step((c, a) => h.closeSite(d, c.request, a['siteId'])),
      },
      Site: {
        card: file('card'),
        missing: file('missing'),
        opinions: file('opinions'),
        canDecide: (s: SiteView, _: Args, c: Ctx) => canDecide(c.request, s),
        history: (s: SiteView, _: Args, c: Ctx) => (seesFile(c.request, s) ? historyOf(d, s.tenantId, streams.site(s.id)) : []),
      },
      EducationalOrganization: {
        sites: async (o: { id: string }, _: Args, c: Ctx) => {
          const today = d.clock.today();
          return (await d.tables.sites.find({ organizationIds: o.id })).filter((r) => q.isVisible(c.request, r)).map((r) => siteView(r, today));
        },
      },
      Municipality: {
        sites: (m: { id: string }, _: Args, c: Ctx) => q.sites(d, c.request, { municipalityId: m.id }),
      },
    };
  }
}
