import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { invalid, notFound } from '@mms/eventsourcing/core';
import { actorContext, checked, Checks, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { callTakes, siteCallDecider } from '../site-calls/site-call.decider';
import { knownSchools } from '../schools/known-schools';
import { REGION_TENANT } from '../tenants';
import { ExpertOpinion, Order, ProjectCard, SITE_STATUSES, SiteCommand, siteDecider, SiteState, SiteStatusKind, TerminationReason } from './site.decider';

export interface SiteResult {
  id: string;
  tenantId: string;
  state: SiteState;
}

type Level = 'MUNICIPAL' | 'REGIONAL';
const tenantOfLevel = (level: Level, municipalityId: string | null) => (level === 'REGIONAL' ? REGION_TENANT : municipalityId);

const checkOrder = (c: Checks, order: Order) => {
  c.text('order.number', order?.number, { max: 60, required: true });
  c.date('order.date', order?.date);
  c.text('order.issuer', order?.issuer, { max: 300, required: true });
};

const checkCard = (c: Checks, card: ProjectCard): ProjectCard => ({
  theme: c.text('card.theme', card?.theme, { max: 500 }) ?? '',
  goals: c.text('card.goals', card?.goals, { max: 10_000, multiline: true }) ?? '',
  stages: (card?.stages ?? []).slice(0, 20).map((s, i) => {
    c.date(`card.stages.${i}.from`, s.from);
    c.date(`card.stages.${i}.to`, s.to);
    return {
      title: c.text(`card.stages.${i}.title`, s.title, { max: 300, required: true })!,
      from: s.from,
      to: s.to,
      expectedResults: c.text(`card.stages.${i}.expectedResults`, s.expectedResults, { max: 4000, multiline: true }) ?? '',
    };
  }),
  calendarPlan: (card?.calendarPlan ?? []).slice(0, 100).map((p, i) => ({
    what: c.text(`card.calendarPlan.${i}.what`, p.what, { max: 500, required: true })!,
    when: c.text(`card.calendarPlan.${i}.when`, p.when, { max: 60, required: true })!,
  })),
  foundersAgreement: c.text('card.foundersAgreement', card?.foundersAgreement, { max: 500 }),
  councilDecision: c.text('card.councilDecision', card?.councilDecision, { max: 500 }),
});

/** The authority of a level opens a call for applications. */
export const announceSiteCall = async (
  d: CommunitiesDeps,
  req: RequestContext,
  input: { title: string; level: Level; statuses: SiteStatusKind[]; from: string; to: string },
) => {
  const user = requireUser(req.user);
  const title = checked('call', (c) => {
    if (!['MUNICIPAL', 'REGIONAL'].includes(input.level)) c.problem('level', 'must be MUNICIPAL or REGIONAL');
    c.date('from', input.from);
    c.date('to', input.to);
    return c.text('title', input.title, { max: 300, required: true })!;
  });
  const tenantId = tenantOfLevel(input.level, user.municipalityId) ?? invalid('level', 'a municipal call is its municipality’s');
  access.siteAuthority(user, input.level, tenantId, 'announce calls');
  const callId = newEntityId(req, 'siteCall');
  const { state } = await d.commands.handle(
    siteCallDecider,
    streams.siteCall(callId),
    { callId, type: 'AnnounceSiteCall', level: input.level, statuses: input.statuses, from: input.from, to: input.to, title },
    { tenantId, ...actorContext(req, user) },
  );
  return { id: callId, tenantId, state };
};

/** The host school's coordinator applies in an open call's window (the host first among the schools). */
export const applyForStatus = async (
  d: CommunitiesDeps,
  req: RequestContext,
  input: { status: SiteStatusKind; level: Level; direction: string; organizationIds: string[]; card: ProjectCard },
): Promise<SiteResult> => {
  const user = requireUser(req.user);
  const { card, direction } = checked('application', (c) => {
    if (!SITE_STATUSES.includes(input.status)) c.problem('status', `must be one of ${SITE_STATUSES.join(', ')}`);
    if (!['MUNICIPAL', 'REGIONAL'].includes(input.level)) c.problem('level', 'must be MUNICIPAL or REGIONAL');
    (input.organizationIds ?? []).forEach((o, i) => c.id(`organizationIds.${i}`, o));
    if (!input.organizationIds?.length) c.problem('organizationIds', 'the host school first');
    return { card: checkCard(c, input.card), direction: c.text('direction', input.direction, { max: 300, required: true })! };
  });
  const hostMunicipalityId = user.municipalityId ?? invalid('organizationIds', 'the host school’s coordinator applies');
  access.siteApplicant(user, { municipalityId: hostMunicipalityId, organizationId: input.organizationIds[0]! }, 'apply for a status');
  const tenantId = tenantOfLevel(input.level, hostMunicipalityId)!;
  // The host is the coordinator's school (access above); the partners are schools of the region (a regional site) or of the host's municipality.
  await knownSchools(
    d.tables.schools,
    tenantId,
    input.organizationIds.map((id, i) => ({ field: `organizationIds.${i}`, id })),
  );
  const today = d.clock.today();
  const calls = await d.tables.siteCalls.find({ tenantId });
  const open = calls.find((c) => callTakes({ status: 'OPEN', ...c }, input.status, input.level, today));
  const siteId = newEntityId(req, 'site');
  const { state } = await d.commands.handle(
    siteDecider,
    streams.site(siteId),
    {
      siteId,
      type: 'ApplyForStatus',
      application: { status: input.status, level: input.level, direction, organizationIds: input.organizationIds, hostMunicipalityId, card },
      today,
      window: open ? { from: open.from, to: open.to } : null,
    },
    { tenantId, ...actorContext(req, user) },
    { tenantId, fresh: true },
  );
  return { id: siteId, tenantId, state };
};

type Who = 'AUTHORITY' | 'APPLICANT' | 'EXPERT';

/** A step of the procedure, authorised on the site's own stream on every attempt. */
const onSite = async (d: CommunitiesDeps, req: RequestContext, siteId: string, who: Who, what: string, command: SiteCommand): Promise<SiteResult> => {
  const user = requireUser(req.user);
  checked('site', (c) => c.id('siteId', siteId));
  const { state, tenantId } = await d.commands.handle(
    siteDecider,
    streams.site(siteId),
    (s) => {
      if (s.phase === 'none') notFound(`site ${siteId}`, 'siteId');
      const host = { municipalityId: s.hostMunicipalityId!, organizationId: s.organizationIds[0]! };
      if (who === 'AUTHORITY') access.siteAuthority(user, s.level!, host.municipalityId, what);
      else if (who === 'EXPERT') access.siteExpert(user, s.level!, host.municipalityId);
      else access.siteApplicant(user, host, what);
      return command;
    },
    actorContext(req, user),
    { locate: true, fixed: true },
  );
  return { id: siteId, tenantId, state };
};

export const checkCompleteness = async (d: CommunitiesDeps, req: RequestContext, input: { siteId: string; missing?: string[] | null }) => {
  const missing = checked('completeness', (c) => c.list('missing', input.missing ?? [], { maxItems: 30, maxLength: 300 }) ?? []);
  return onSite(d, req, input.siteId, 'AUTHORITY', 'check applications', { siteId: input.siteId, type: 'CheckCompleteness', missing });
};

export const resubmitApplication = async (d: CommunitiesDeps, req: RequestContext, input: { siteId: string; card: ProjectCard }) => {
  const card = checked('application', (c) => checkCard(c, input.card));
  return onSite(d, req, input.siteId, 'APPLICANT', 'resubmit the application', {
    siteId: input.siteId,
    type: 'ResubmitApplication',
    card,
    today: d.clock.today(),
  });
};

export const giveExpertOpinion = async (d: CommunitiesDeps, req: RequestContext, input: { siteId: string } & Omit<ExpertOpinion, 'expertId'>) => {
  const user = requireUser(req.user);
  const comment = checked('opinion', (c) => {
    if (!['GRANT', 'DECLINE'].includes(input.recommendation)) c.problem('recommendation', 'must be GRANT or DECLINE');
    return c.text('comment', input.comment, { max: 10_000, required: true, multiline: true })!;
  });
  const opinion: ExpertOpinion = { expertId: user.educatorId ?? user.subject, scores: input.scores ?? [], recommendation: input.recommendation, comment };
  return onSite(d, req, input.siteId, 'EXPERT', 'give opinions', { siteId: input.siteId, type: 'GiveExpertOpinion', opinion });
};

export const grantStatus = async (d: CommunitiesDeps, req: RequestContext, input: { siteId: string; order: Order; term: { from: string; to: string } }) => {
  checked('decision', (c) => {
    checkOrder(c, input.order);
    c.date('term.from', input.term?.from);
    c.date('term.to', input.term?.to);
  });
  return onSite(d, req, input.siteId, 'AUTHORITY', 'grant statuses', { siteId: input.siteId, type: 'GrantStatus', order: input.order, term: input.term });
};

export const declineApplication = async (d: CommunitiesDeps, req: RequestContext, input: { siteId: string; reason: string }) => {
  const reason = checked('decision', (c) => c.text('reason', input.reason, { max: 4000, required: true, multiline: true })!);
  return onSite(d, req, input.siteId, 'AUTHORITY', 'decline applications', { siteId: input.siteId, type: 'DeclineApplication', reason });
};

export const submitAnnualReport = async (d: CommunitiesDeps, req: RequestContext, input: { siteId: string; year: string; summary: string }) => {
  const summary = checked('report', (c) => {
    c.pattern('year', input.year, /^\d{4}\/\d{4}$/, 'must be an academic year like 2026/2027');
    return c.text('summary', input.summary, { max: 20_000, required: true, multiline: true })!;
  });
  return onSite(d, req, input.siteId, 'APPLICANT', 'report', {
    siteId: input.siteId,
    type: 'SubmitAnnualReport',
    year: input.year,
    summary,
    today: d.clock.today(),
  });
};

export const reviewAnnualReport = async (
  d: CommunitiesDeps,
  req: RequestContext,
  input: { siteId: string; year: string; accepted: boolean; opinion: string },
) => {
  const opinion = checked('review', (c) => c.text('opinion', input.opinion, { max: 10_000, required: true, multiline: true })!);
  return onSite(d, req, input.siteId, 'AUTHORITY', 'review reports', {
    siteId: input.siteId,
    type: 'ReviewAnnualReport',
    year: input.year,
    accepted: input.accepted,
    opinion,
  });
};

export const extendStatus = async (d: CommunitiesDeps, req: RequestContext, input: { siteId: string; order: Order; to: string }) => {
  checked('extension', (c) => {
    checkOrder(c, input.order);
    c.date('to', input.to);
  });
  return onSite(d, req, input.siteId, 'AUTHORITY', 'extend statuses', { siteId: input.siteId, type: 'ExtendStatus', order: input.order, to: input.to });
};

export const terminateStatus = async (d: CommunitiesDeps, req: RequestContext, input: { siteId: string; order: Order; reason: TerminationReason }) => {
  checked('termination', (c) => {
    checkOrder(c, input.order);
    if (!['NOT_CARRIED_OUT', 'REPORT_NOT_SUBMITTED', 'AT_SITE_REQUEST'].includes(input.reason))
      c.problem('reason', 'must be NOT_CARRIED_OUT, REPORT_NOT_SUBMITTED or AT_SITE_REQUEST');
  });
  return onSite(d, req, input.siteId, 'AUTHORITY', 'terminate statuses', {
    siteId: input.siteId,
    type: 'TerminateStatus',
    order: input.order,
    reason: input.reason,
    today: d.clock.today(),
  });
};

export const submitFinalReport = async (d: CommunitiesDeps, req: RequestContext, input: { siteId: string; summary: string }) => {
  const summary = checked('report', (c) => c.text('summary', input.summary, { max: 20_000, required: true, multiline: true })!);
  return onSite(d, req, input.siteId, 'APPLICANT', 'report', { siteId: input.siteId, type: 'SubmitFinalReport', summary, today: d.clock.today() });
};

export const closeSite = async (d: CommunitiesDeps, req: RequestContext, siteId: string) =>
  onSite(d, req, siteId, 'AUTHORITY', 'close sites', { siteId, type: 'CloseSite', today: d.clock.today() });
