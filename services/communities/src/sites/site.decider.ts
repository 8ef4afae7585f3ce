import { Decider, DomainEvent, invalid, notFound, refuse } from '@mms/eventsourcing/core';
import { AnnualReport, reportSchedule } from './site-reports';

// An innovation, base, support, internship site or resource centre (issue 12 §2), after the
// regional procedures: application in the call's window → completeness check (returned when
// incomplete) → the expert council's review against criteria → decision and order granting the
// status for the project's term → an annual report per academic year with an expert opinion →
// extension or early termination → final report → closed. Every status change is public.

export const SITE_STATUSES = ['INNOVATION', 'BASE', 'SUPPORT', 'INTERNSHIP', 'RESOURCE_CENTRE'] as const;
export type SiteStatusKind = (typeof SITE_STATUSES)[number];
export type TerminationReason = 'NOT_CARRIED_OUT' | 'REPORT_NOT_SUBMITTED' | 'AT_SITE_REQUEST';
export type SitePhase = 'none' | 'APPLIED' | 'RETURNED' | 'UNDER_REVIEW' | 'DECLINED' | 'ACTIVE' | 'TERMINATED' | 'FINAL_REPORTED' | 'CLOSED';

export interface ProjectCard {
  theme: string;
  goals: string;
  stages: { title: string; from: string; to: string; expectedResults: string }[];
  calendarPlan: { what: string; when: string }[];
  /** Document references (number and date, or a file reference): the founder's agreement, the school council's decision. */
  foundersAgreement: string | null;
  councilDecision: string | null;
}

export interface Order {
  number: string;
  date: string;
  issuer: string;
}

export interface ExpertOpinion {
  expertId: string;
  scores: { criterion: string; score: number }[];
  recommendation: 'GRANT' | 'DECLINE';
  comment: string;
}

export interface SiteState {
  phase: SitePhase;
  status?: SiteStatusKind;
  level?: 'MUNICIPAL' | 'REGIONAL';
  direction?: string;
  /** The host school first. */
  organizationIds: string[];
  hostMunicipalityId?: string;
  card?: ProjectCard;
  returns: string[][];
  opinions: Record<string, ExpertOpinion>;
  orders: Order[];
  term?: { from: string; to: string };
  reports: AnnualReport[];
}

/** `organizationIds`: the host school first, in `hostMunicipalityId`. */
type Apply = {
  status: SiteStatusKind;
  level: 'MUNICIPAL' | 'REGIONAL';
  direction: string;
  organizationIds: string[];
  hostMunicipalityId: string;
  card: ProjectCard;
};
type Id = { siteId: string };
/** Which status at which level: on every step of the public register, so its readers need not fold the stream. */
type Kind = { site: { status: SiteStatusKind; level: 'MUNICIPAL' | 'REGIONAL' } };
export type SiteEvent =
  | DomainEvent<'SiteApplied', Id & Apply & { on: string }>
  | DomainEvent<'SiteApplicationReturned', Id & { missing: string[] }>
  | DomainEvent<'SiteApplicationResubmitted', Id & { card: ProjectCard; on: string }>
  | DomainEvent<'SiteApplicationAccepted', Id>
  | DomainEvent<'SiteExpertOpinionGiven', Id & ExpertOpinion>
  | DomainEvent<'SiteStatusGranted', Id & Kind & { order: Order; term: { from: string; to: string }; reports: { year: string; dueOn: string }[] }>
  | DomainEvent<'SiteApplicationDeclined', Id & Kind & { reason: string }>
  | DomainEvent<'SiteReportSubmitted', Id & { year: string; summary: string; on: string }>
  | DomainEvent<'SiteReportReviewed', Id & { year: string; accepted: boolean; opinion: string }>
  | DomainEvent<'SiteStatusExtended', Id & Kind & { order: Order; to: string; reports: { year: string; dueOn: string }[] }>
  | DomainEvent<'SiteStatusTerminated', Id & Kind & { order: Order; reason: TerminationReason; on: string }>
  | DomainEvent<'SiteFinalReportSubmitted', Id & { summary: string; on: string }>
  | DomainEvent<'SiteClosed', Id & Kind & { on: string }>;

export type SiteCommand =
  | (Id & { type: 'ApplyForStatus'; application: Apply; today: string; window: { from: string; to: string } | null })
  | (Id & { type: 'CheckCompleteness'; missing: string[] })
  | (Id & { type: 'ResubmitApplication'; card: ProjectCard; today: string })
  | (Id & { type: 'GiveExpertOpinion'; opinion: ExpertOpinion })
  | (Id & { type: 'GrantStatus'; order: Order; term: { from: string; to: string } })
  | (Id & { type: 'DeclineApplication'; reason: string })
  | (Id & { type: 'SubmitAnnualReport'; year: string; summary: string; today: string })
  | (Id & { type: 'ReviewAnnualReport'; year: string; accepted: boolean; opinion: string })
  | (Id & { type: 'ExtendStatus'; order: Order; to: string })
  | (Id & { type: 'TerminateStatus'; order: Order; reason: TerminationReason; today: string })
  | (Id & { type: 'SubmitFinalReport'; summary: string; today: string })
  | (Id & { type: 'CloseSite'; today: string });

export const initialSite = (): SiteState => ({ phase: 'none', organizationIds: [], returns: [], opinions: {}, orders: [], reports: [] });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const kindOf = (s: SiteState) => ({ status: s.status!, level: s.level! });
const asReports = (due: { year: string; dueOn: string }[]): AnnualReport[] => due.map((d) => ({ ...d, submittedOn: null, summary: null, review: null }));

/** What a complete project card lacks, in the card's own words: the completeness check's list. */
export const missingFromCard = (card: ProjectCard): string[] => [
  ...(card.theme.trim() ? [] : ['theme']),
  ...(card.goals.trim() ? [] : ['goals']),
  ...(card.stages.length ? [] : ['stages']),
  ...(card.stages.every((s) => s.expectedResults.trim()) ? [] : ['stages.expectedResults']),
  ...(card.calendarPlan.length ? [] : ['calendarPlan']),
  ...(card.foundersAgreement?.trim() ? [] : ['foundersAgreement']),
  ...(card.councilDecision?.trim() ? [] : ['councilDecision']),
];

const checkOrder = (o: Order) => {
  if (!o.number.trim() || !DATE.test(o.date) || !o.issuer.trim()) invalid('order', 'an order has a number, a date YYYY-MM-DD and its issuer');
};

export const siteDecider: Decider<SiteState, SiteCommand, SiteEvent> = {
  streamType: 'site',
  initialState: initialSite,
  evolve: (s, e) => {
    switch (e.type) {
      case 'SiteApplied':
        return {
          ...s,
          phase: 'APPLIED',
          status: e.data.status,
          level: e.data.level,
          direction: e.data.direction,
          organizationIds: e.data.organizationIds,
          hostMunicipalityId: e.data.hostMunicipalityId,
          card: e.data.card,
        };
      case 'SiteApplicationReturned':
        return { ...s, phase: 'RETURNED', returns: [...s.returns, e.data.missing] };
      case 'SiteApplicationResubmitted':
        return { ...s, phase: 'APPLIED', card: e.data.card };
      case 'SiteApplicationAccepted':
        return { ...s, phase: 'UNDER_REVIEW' };
      case 'SiteExpertOpinionGiven': {
        const { siteId: _id, ...opinion } = e.data;
        return { ...s, opinions: { ...s.opinions, [opinion.expertId]: opinion } };
      }
      case 'SiteStatusGranted':
        return { ...s, phase: 'ACTIVE', orders: [...s.orders, e.data.order], term: e.data.term, reports: asReports(e.data.reports) };
      case 'SiteApplicationDeclined':
        return { ...s, phase: 'DECLINED' };
      case 'SiteReportSubmitted':
        return { ...s, reports: s.reports.map((r) => (r.year === e.data.year ? { ...r, submittedOn: e.data.on, summary: e.data.summary } : r)) };
      case 'SiteReportReviewed':
        return { ...s, reports: s.reports.map((r) => (r.year === e.data.year ? { ...r, review: { accepted: e.data.accepted, opinion: e.data.opinion } } : r)) };
      case 'SiteStatusExtended': {
        const known = new Set(s.reports.map((r) => r.year));
        return {
          ...s,
          orders: [...s.orders, e.data.order],
          term: { ...s.term!, to: e.data.to },
          reports: [...s.reports, ...asReports(e.data.reports.filter((r) => !known.has(r.year)))],
        };
      }
      case 'SiteStatusTerminated':
        return { ...s, phase: 'TERMINATED', orders: [...s.orders, e.data.order] };
      case 'SiteFinalReportSubmitted':
        return { ...s, phase: 'FINAL_REPORTED' };
      case 'SiteClosed':
        return { ...s, phase: 'CLOSED' };
    }
  },
  decide: (c, s) => {
    const id = { siteId: c.siteId };
    if (c.type === 'ApplyForStatus') {
      if (s.phase !== 'none') return refuse('SITE_EXISTS', `application ${c.siteId} exists`);
      const a = c.application;
      if (!SITE_STATUSES.includes(a.status)) invalid('status', `must be one of ${SITE_STATUSES.join(', ')}`);
      if (!a.organizationIds.length) invalid('organizationIds', 'a site is a school, or several with the host first');
      if (!a.direction.trim()) invalid('direction', 'a site works in a direction');
      if (!c.window || c.today < c.window.from || c.today > c.window.to) refuse('APPLICATION_WINDOW_CLOSED', 'applications are taken in the call’s window');
      return [{ type: 'SiteApplied', data: { ...id, ...a, direction: a.direction.trim(), on: c.today } }];
    }
    if (s.phase === 'none') return notFound(`site ${c.siteId}`, 'siteId');
    const phase = (...allowed: SitePhase[]) => {
      if (!allowed.includes(s.phase)) refuse('WRONG_PHASE', `the application is ${s.phase}`);
    };
    switch (c.type) {
      case 'CheckCompleteness': {
        phase('APPLIED');
        const missing = [...new Set([...missingFromCard(s.card!), ...c.missing.map((m) => m.trim()).filter(Boolean)])];
        return missing.length ? [{ type: 'SiteApplicationReturned', data: { ...id, missing } }] : [{ type: 'SiteApplicationAccepted', data: id }];
      }
      case 'ResubmitApplication':
        phase('RETURNED');
        return [{ type: 'SiteApplicationResubmitted', data: { ...id, card: c.card, on: c.today } }];
      case 'GiveExpertOpinion': {
        phase('UNDER_REVIEW');
        const o = c.opinion;
        if (!o.scores.length || o.scores.some((x) => !(Number.isFinite(x.score) && x.score >= 0 && x.score <= 10)))
          invalid('scores', 'an opinion scores every criterion 0–10');
        if (!o.comment.trim()) invalid('comment', 'an opinion explains itself');
        return [{ type: 'SiteExpertOpinionGiven', data: { ...id, ...o, comment: o.comment.trim() } }];
      }
      case 'GrantStatus': {
        if (s.phase === 'ACTIVE' && s.orders.some((o) => o.number === c.order.number)) return [];
        phase('UNDER_REVIEW');
        if (!Object.keys(s.opinions).length) refuse('OPINION_REQUIRED', 'the expert council gives its opinion first');
        checkOrder(c.order);
        if (!DATE.test(c.term.from) || !DATE.test(c.term.to) || !(c.term.from < c.term.to)) invalid('term', 'the project’s term: from < to');
        return [{ type: 'SiteStatusGranted', data: { ...id, site: kindOf(s), order: c.order, term: c.term, reports: reportSchedule(c.term) } }];
      }
      case 'DeclineApplication':
        if (s.phase === 'DECLINED') return [];
        phase('UNDER_REVIEW');
        if (!c.reason.trim()) invalid('reason', 'a refusal gives its reason');
        return [{ type: 'SiteApplicationDeclined', data: { ...id, site: kindOf(s), reason: c.reason.trim() } }];
      case 'SubmitAnnualReport': {
        phase('ACTIVE');
        const r = s.reports.find((x) => x.year === c.year) ?? notFound(`report for ${c.year}`, 'year');
        if (r.submittedOn) return r.summary === c.summary.trim() ? [] : refuse('REPORT_SUBMITTED', `the report for ${c.year} is in`);
        if (!c.summary.trim()) invalid('summary', 'a report says what was done');
        return [{ type: 'SiteReportSubmitted', data: { ...id, year: c.year, summary: c.summary.trim(), on: c.today } }];
      }
      case 'ReviewAnnualReport': {
        const r = s.reports.find((x) => x.year === c.year) ?? notFound(`report for ${c.year}`, 'year');
        if (!r.submittedOn) refuse('REPORT_NOT_SUBMITTED', 'the report is not in yet');
        if (!c.opinion.trim()) invalid('opinion', 'the opinion explains itself');
        return [{ type: 'SiteReportReviewed', data: { ...id, year: c.year, accepted: c.accepted, opinion: c.opinion.trim() } }];
      }
      case 'ExtendStatus': {
        phase('ACTIVE');
        checkOrder(c.order);
        if (!DATE.test(c.to) || !(c.to > s.term!.to)) invalid('to', `the new term ends after ${s.term!.to}`);
        return [
          { type: 'SiteStatusExtended', data: { ...id, site: kindOf(s), order: c.order, to: c.to, reports: reportSchedule({ from: s.term!.from, to: c.to }) } },
        ];
      }
      case 'TerminateStatus':
        phase('ACTIVE');
        checkOrder(c.order);
        return [{ type: 'SiteStatusTerminated', data: { ...id, site: kindOf(s), order: c.order, reason: c.reason, on: c.today } }];
      case 'SubmitFinalReport':
        phase('ACTIVE', 'TERMINATED');
        if (s.phase === 'ACTIVE' && c.today < s.term!.to) refuse('TERM_NOT_OVER', `the term ends on ${s.term!.to}`);
        if (!c.summary.trim()) invalid('summary', 'a final report says what the project achieved');
        return [{ type: 'SiteFinalReportSubmitted', data: { ...id, summary: c.summary.trim(), on: c.today } }];
      case 'CloseSite':
        if (s.phase === 'CLOSED') return [];
        phase('FINAL_REPORTED');
        return [{ type: 'SiteClosed', data: { ...id, site: kindOf(s), on: c.today } }];
    }
  },
};
