/**
 * Phases `site-calls`, `sites` and `site-reports`: the calls announced by the authorities; each
 * site applied for by its host school's coordinator, checked for completeness (returned and
 * resubmitted where the plan says), given the expert council's opinion and granted a status by
 * order (or declined); and, in the reporting season of the service's today, the first annual
 * report submitted by the host and reviewed by the authority.
 */
import { runPool } from '../../../runner/pool';
import type { ProjectCardPlan, SitePlan } from '../communities-plan';
import { CommunitiesSeedContext, coordinator, expert, fail, idempotencyKey, manager, send, settled, tally, wait } from './context';
import {
  ANNOUNCE_SITE_CALL,
  APPLY_FOR_SITE,
  CHECK_SITE,
  DECLINE_SITE,
  GRANT_SITE,
  RESUBMIT_SITE,
  REVIEW_SITE_REPORT,
  SITE_OPINION,
  SiteCallLive,
  SiteLive,
  SUBMIT_SITE_REPORT,
} from './documents';

export const seedSiteCalls = (ctx: CommunitiesSeedContext) =>
  runPool(
    ctx.plan.siteCalls,
    ctx.concurrency,
    async (call) => {
      try {
        const live = await send<SiteCallLive>(
          ctx,
          'announceSiteCall',
          ANNOUNCE_SITE_CALL,
          { input: call.input },
          await manager(ctx, call.tenantId),
          call.key,
          call.tenantId,
          {
            idempotencyKey: idempotencyKey(ctx, call.key),
          },
        );
        ctx.out.siteCallIds[call.key] = live!.id;
        tally(ctx, 'site-calls', 'created');
      } catch (err) {
        tally(ctx, 'site-calls', 'failed');
        fail(ctx, { command: 'announceSiteCall', phase: 'site-calls', planId: call.key, tenantId: call.tenantId }, err);
      }
    },
    ctx.signal,
  );

const cardInput = (c: ProjectCardPlan) => ({ ...c });

/** One site through the procedure, from the phase the platform has it in. */
const seedSite = async (ctx: CommunitiesSeedContext, s: SitePlan) => {
  const organizationIds = s.organizationPlanIds.map((id) => ctx.ids.organizations[id]);
  if (organizationIds.some((id) => !id) || !ctx.out.siteCallIds[s.callKey]) return tally(ctx, 'sites', 'skipped');
  const host = await coordinator(ctx, s.municipalityId, s.organizationPlanIds[0]!);
  const authority = await manager(ctx, s.input.level === 'REGIONAL' ? 'region' : s.municipalityId);
  let command: Parameters<typeof send>[1] = 'applyForSiteStatus';
  try {
    // The call is read from the service's read model: just announced, it may not be there yet;
    // so may a school the directory just registered (NOT_FOUND naming the organisation).
    let live = (await settled(ctx, ['APPLICATION_WINDOW_CLOSED', 'NOT_FOUND'], () =>
      send<SiteLive>(ctx, 'applyForSiteStatus', APPLY_FOR_SITE, { input: { ...s.input, organizationIds, card: cardInput(s.card) } }, host, s.key, s.tenantId, {
        idempotencyKey: idempotencyKey(ctx, s.key),
      }),
    ))!;
    ctx.out.siteIds[s.key] = live.id;
    const fresh = live.phase === 'APPLIED' && !live.missing?.length;
    const step = async (cmd: typeof command, query: string, variables: Record<string, unknown>, token: string) => {
      command = cmd;
      live = (await send<SiteLive>(ctx, cmd, query, { siteId: live.id, ...variables }, token, s.key, s.tenantId))!;
    };
    if (live.phase === 'APPLIED') await step('checkSiteApplication', CHECK_SITE, { missing: [] }, authority);
    if (live.phase === 'RETURNED') {
      await step('resubmitSiteApplication', RESUBMIT_SITE, { card: cardInput(s.completeCard) }, host);
      await step('checkSiteApplication', CHECK_SITE, { missing: [] }, authority);
    }
    if (live.phase === 'UNDER_REVIEW' && !live.opinions?.length)
      await step('giveSiteExpertOpinion', SITE_OPINION, { ...s.opinion }, await expert(ctx, s.municipalityId));
    if (live.phase === 'UNDER_REVIEW') {
      if (s.outcome === 'GRANTED') await step('grantSiteStatus', GRANT_SITE, { order: s.order, term: s.term }, authority);
      else await step('declineSiteApplication', DECLINE_SITE, { reason: s.declineReason }, authority);
    }
    ctx.siteLive.set(s.key, live);
    tally(ctx, 'sites', fresh ? 'created' : 'existing');
  } catch (err) {
    tally(ctx, 'sites', 'failed');
    fail(ctx, { command, phase: 'sites', planId: s.key, tenantId: s.tenantId }, err);
  }
};

export const seedSites = (ctx: CommunitiesSeedContext) => runPool(ctx.plan.sites, ctx.concurrency, (s) => seedSite(ctx, s), ctx.signal);

/** The first annual report in its season (the service's today from `submitOn`), then its review. */
export const seedSiteReports = async (ctx: CommunitiesSeedContext) => {
  const today = ctx.today();
  const due = ctx.plan.sites.filter((s) => s.report && ctx.out.siteIds[s.key]);
  const later = due.filter((s) => s.report!.submitOn > today);
  if (later.length)
    wait(ctx, {
      phase: 'site-reports',
      items: later.length,
      reason: 'the annual report is submitted in its reporting season',
      from: later.map((s) => s.report!.submitOn).sort()[0]!,
    });
  await runPool(
    due.filter((s) => s.report!.submitOn <= today),
    ctx.concurrency,
    async (s) => {
      const r = s.report!;
      const siteId = ctx.out.siteIds[s.key]!;
      let command: Parameters<typeof send>[1] = 'submitSiteAnnualReport';
      try {
        let live = ctx.siteLive.get(s.key) ?? null;
        if (live?.phase !== 'ACTIVE') return tally(ctx, 'site-reports', 'skipped');
        let report = live.reports.find((x) => x.year === r.year);
        if (report && report.accepted !== null) return tally(ctx, 'site-reports', 'existing');
        if (!report?.submittedOn) {
          const host = await coordinator(ctx, s.municipalityId, s.organizationPlanIds[0]!);
          live = await send<SiteLive>(ctx, 'submitSiteAnnualReport', SUBMIT_SITE_REPORT, { siteId, year: r.year, summary: r.summary }, host, s.key, s.tenantId);
          report = live!.reports.find((x) => x.year === r.year);
        }
        if (report && report.accepted === null) {
          command = 'reviewSiteAnnualReport';
          const authority = await manager(ctx, s.input.level === 'REGIONAL' ? 'region' : s.municipalityId);
          live = await send<SiteLive>(
            ctx,
            'reviewSiteAnnualReport',
            REVIEW_SITE_REPORT,
            { siteId, year: r.year, accepted: r.accepted, opinion: r.opinion },
            authority,
            s.key,
            s.tenantId,
          );
          tally(ctx, 'site-reports', 'created');
        } else {
          tally(ctx, 'site-reports', 'failed');
          fail(ctx, { command, phase: 'site-reports', planId: s.key, tenantId: s.tenantId }, new Error(`no report for ${r.year} in the site's answer`));
        }
      } catch (err) {
        tally(ctx, 'site-reports', 'failed');
        fail(ctx, { command, phase: 'site-reports', planId: s.key, tenantId: s.tenantId }, err);
      }
    },
    ctx.signal,
  );
};
