/**
 * What the communities stage seeds, decided from the region plan alone
 * (contracts/subgraphs/communities.graphql):
 *
 *  - communities: a ШМО (school association, by cycle) in every school, run by its coordinator;
 *    an РМО/ГМО by subject in every municipality; per municipality a virtual association of young
 *    teachers, a working group with tasks and (in larger ones) a creative lab; a few regional
 *    structures run by the regional operator. Each is proposed, approved by an order, given its
 *    members (the head first) and started;
 *  - sites: a call per municipality and one of the region; a few innovation and base sites per
 *    municipality (and some regional innovation sites) taken through application → completeness
 *    check (some returned and resubmitted) → expert opinion → status by order (a few declined) →
 *    the first annual report and its review (in the reporting season, see below);
 *  - methodological events over the year after asOf: РМО seminars, webinars, master classes,
 *    round tables, internships on base sites, the region's conference and webinars; with
 *    registrations in order of arrival (waitlists where demand exceeds the seats, a few
 *    moderated events, cancellations that promote the first waiting), speakers, attendance,
 *    certificates and feedback.
 *
 * Time: the service takes its clock as it is. An event is published only before it ends and
 * registered for only before it starts; attendance needs it started, certificates and feedback
 * need it over. So the plan's events all lie in the future of asOf (from asOf + 1 to asOf + 365),
 * and the first run (on asOf) publishes them all with their registrations, speakers, moderation
 * and cancellations. Attendance, certificates and feedback are each event's "after" part: a later
 * run of the same plan (same seed, scale, asOf) on a later day of the service — its real day, or
 * CLOCK_OFFSET_DAYS — does them for the events then started/over. Nothing is dated in the past
 * that the platform would have to pretend. Sites report in the season before their report is
 * due (`report.submitOn`), so a site's annual report and review come in the same way.
 *
 * Pure and deterministic: no clock; randomness forked from the plan's seed per part and
 * municipality. Educators, organisations and municipalities are referred to by plan ids.
 */
import { RegionPlan } from '../../region/region-model';
import { planCommunities } from './communities-plan/communities';
import { planContext } from './communities-plan/context';
import { planMethodEvents } from './communities-plan/events';
import { planSites } from './communities-plan/sites';
import { planTotals } from './communities-plan/totals';

export { seatOutcome } from './communities-plan/seats';
export { CLOCK_HOURS, eventDay } from './communities-plan/context';

export const REGION = 'region';

export type CommunityKind =
  | 'SCHOOL_ASSOCIATION'
  | 'MUNICIPAL_ASSOCIATION'
  | 'VIRTUAL_ASSOCIATION'
  | 'DISCUSSION_PLATFORM'
  | 'RESOURCE_CENTRE'
  | 'CREATIVE_LAB'
  | 'WORKING_GROUP'
  | 'PROFESSIONAL_COMMUNITY'
  | 'EXPERT_COMMUNITY';
export type NetworkLevel = 'SCHOOL' | 'MUNICIPAL' | 'REGIONAL';
export type MemberRole = 'HEAD' | 'DEPUTY' | 'MEMBER' | 'EXPERT';

export interface OrderPlan {
  number: string;
  date: string;
  issuer: string;
}

/** `proposeCommunity(input:)` without the host's directory id. */
export interface CommunityInputPlan {
  kind: CommunityKind;
  level: NetworkLevel;
  name: string;
  subject: string | null;
  direction: string | null;
  term: { from: string; to: string } | null;
  task: string | null;
}

export interface TaskPlan {
  /** `<community key>/t1`: the idempotency key of `setGroupTask`. */
  key: string;
  title: string;
  ownerPlanId: string;
  dueOn: string;
  /** Completed at seeding (done ahead of its deadline). */
  done: boolean;
}

export interface CommunityPlan {
  /** `shmo/org-001-003/1`, `rmo/mun-001/Математика`, `net/mun-001/wg`, `reg/2`. Names are unique per tenant. */
  key: string;
  /** The municipality, or "region". */
  tenantId: string;
  /** Who proposes, approves, adds members and starts it: the school's coordinator (ШМО), the methodologist, the regional operator. */
  runBy: 'COORDINATOR' | 'METHODOLOGIST' | 'OPERATOR';
  hostOrganizationPlanId: string | null;
  input: CommunityInputPlan;
  order: OrderPlan;
  /** The head first. */
  members: { educatorPlanId: string; municipalityId: string; role: MemberRole }[];
  tasks: TaskPlan[];
}

export type SiteStatusKind = 'INNOVATION' | 'BASE';
export type SiteLevel = 'MUNICIPAL' | 'REGIONAL';

export interface SiteCallPlan {
  key: string;
  tenantId: string;
  input: { title: string; level: SiteLevel; statuses: SiteStatusKind[]; from: string; to: string };
}

export interface ProjectCardPlan {
  theme: string;
  goals: string;
  stages: { title: string; from: string; to: string; expectedResults: string }[];
  calendarPlan: { what: string; when: string }[];
  foundersAgreement: string | null;
  councilDecision: string | null;
}

export interface SitePlan {
  key: string;
  callKey: string;
  /** The municipality (a municipal status) or "region". */
  tenantId: string;
  municipalityId: string;
  /** The host first. */
  organizationPlanIds: string[];
  input: { status: SiteStatusKind; level: SiteLevel; direction: string };
  /** The card as first applied: without the council's decision when the check is to return it. */
  card: ProjectCardPlan;
  /** Returned by the completeness check (the card lacks the council's decision), then resubmitted complete. */
  returned: boolean;
  completeCard: ProjectCardPlan;
  opinion: { scores: { criterion: string; score: number }[]; recommendation: 'GRANT' | 'DECLINE'; comment: string };
  outcome: 'GRANTED' | 'DECLINED';
  declineReason: string | null;
  order: OrderPlan | null;
  term: { from: string; to: string } | null;
  /** The first annual report: submitted from `submitOn` (the reporting season), reviewed by the authority. */
  report: { year: string; dueOn: string; submitOn: string; summary: string; accepted: boolean; opinion: string } | null;
}

export type MethodEventKind = 'SEMINAR' | 'WEBINAR' | 'MASTER_CLASS' | 'CONFERENCE' | 'ROUND_TABLE' | 'PEDAGOGICAL_READINGS' | 'INTERNSHIP';
export type RegistrationTarget = 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED' | 'REJECTED';

export interface RegistrationPlan {
  educatorPlanId: string;
  municipalityId: string;
  organizationPlanId: string;
  by: 'SELF' | 'COORDINATOR';
  /** Moderated events: the organiser rejects it (with `rejectReason`) instead of approving. */
  reject: boolean;
  /** Cancelled by the registrant after everyone registered (and the moderation). */
  cancel: boolean;
  /** Where it ends, by the service's seat rules (seats.ts mirrors them). */
  target: RegistrationTarget;
  /** Moved up from the waitlist by a cancellation. */
  promoted: boolean;
  /** Among those holding a seat: marked present once the event has started. */
  attends: boolean;
  /** Among those present: feedback once the event is over. */
  feedback: { rating: number; comment: string | null } | null;
}

export interface MethodEventPlan {
  /** `ev/mun-001/03`, `ev/region/01`: the idempotency key of `publishMethodEvent`. */
  key: string;
  tenantId: string;
  /** SERVICE (the methodologist / operator), or the organising community's or site's plan key. */
  organiser: { kind: 'SERVICE' } | { kind: 'COMMUNITY'; communityKey: string } | { kind: 'SITE'; siteKey: string };
  input: {
    kind: MethodEventKind;
    title: string;
    level: NetworkLevel;
    /** The region's wall clock, YYYY-MM-DDTHH:mm. */
    startsAt: string;
    endsAt: string;
    place: string | null;
    onlineUrl: string | null;
    subjects: string[];
    positions: string[];
    capacity: number;
    moderated: boolean;
  };
  speakers: { educatorPlanId: string; title: string; summary: string }[];
  /** In order of arrival. */
  registrations: RegistrationPlan[];
  hours: number;
}

export interface CommunitiesPlanTotals {
  communities: Record<CommunityKind, number> & { total: number; regional: number; members: number; tasks: number; tasksDone: number };
  sites: {
    calls: number;
    applications: number;
    returned: number;
    granted: number;
    declined: number;
    innovation: number;
    base: number;
    regional: number;
    reports: number;
  };
  /** `present`: the attendance the organisers mark (attending registrants and speakers). */
  events: Record<MethodEventKind, number> & { total: number; regional: number; moderated: number; withWaitlist: number; speakers: number; present: number };
  registrations: Record<RegistrationTarget, number> & { total: number; promoted: number; byCoordinator: number; attended: number; feedback: number };
  /** Mutations a full seeding of an empty platform sends (every run together), by kind. */
  commands: Record<string, number>;
  commandsTotal: number;
}

export interface CommunitiesPlan {
  version: 1;
  seed: string;
  scale: number;
  asOf: string;
  academicYear: string;
  /** The events' window: from asOf + 1 to asOf + 365 (the region's days). */
  calendar: { from: string; to: string };
  planTag: string;
  communities: CommunityPlan[];
  siteCalls: SiteCallPlan[];
  sites: SitePlan[];
  events: MethodEventPlan[];
  totals: CommunitiesPlanTotals;
}

export interface CommunitiesPlanOptions {
  /** Share of a municipality's subject teachers in its РМО; default 0.6 (at most `maxRmoMembers`). */
  rmoShare?: number;
  maxRmoMembers?: number;
  /** Share of the confirmed who attend; default 0.85. Of those, `feedbackShare` (0.6) give feedback. */
  attendShare?: number;
  feedbackShare?: number;
}

/** Decides everything the communities stage seeds. Pure: same region plan and options → same plan. */
export const buildCommunitiesPlan = (region: RegionPlan, options: CommunitiesPlanOptions = {}): CommunitiesPlan => {
  const ctx = planContext(region, options);
  const communities = planCommunities(ctx);
  const { siteCalls, sites } = planSites(ctx);
  const events = planMethodEvents(ctx, communities, sites);
  return {
    version: 1,
    seed: region.seed,
    scale: region.scale,
    asOf: region.asOf,
    academicYear: ctx.academicYear,
    calendar: ctx.calendar,
    planTag: ctx.planTag,
    communities,
    siteCalls,
    sites,
    events,
    totals: planTotals(communities, siteCalls, sites, events),
  };
};
