/** The plan's totals: what it seeds, and the commands a full seeding of an empty platform sends (every run together). */
import type { CommunitiesPlanTotals, CommunityKind, CommunityPlan, MethodEventKind, MethodEventPlan, SiteCallPlan, SitePlan } from '../communities-plan';

/** Members per `addCommunityMembers` call the seeding sends (the service takes 500: a list must fit a mutation's 10 s under load). */
export const MEMBERS_PER_CALL = 200;
/** Lines per `markMethodEventAttendanceSheet` call (the service takes up to 1,000). */
export const SHEET_SIZE = 1000;

const KINDS: CommunityKind[] = [
  'SCHOOL_ASSOCIATION',
  'MUNICIPAL_ASSOCIATION',
  'VIRTUAL_ASSOCIATION',
  'DISCUSSION_PLATFORM',
  'RESOURCE_CENTRE',
  'CREATIVE_LAB',
  'WORKING_GROUP',
  'PROFESSIONAL_COMMUNITY',
  'EXPERT_COMMUNITY',
];
const EVENT_KINDS: MethodEventKind[] = ['SEMINAR', 'WEBINAR', 'MASTER_CLASS', 'CONFERENCE', 'ROUND_TABLE', 'PEDAGOGICAL_READINGS', 'INTERNSHIP'];

export const planTotals = (communities: CommunityPlan[], siteCalls: SiteCallPlan[], sites: SitePlan[], events: MethodEventPlan[]): CommunitiesPlanTotals => {
  const count = <T>(list: readonly T[], p: (x: T) => boolean) => list.filter(p).length;
  const regs = events.flatMap((e) => e.registrations);
  const granted = sites.filter((s) => s.outcome === 'GRANTED');
  const commands: Record<string, number> = {
    proposeCommunity: communities.length,
    approveCommunity: communities.length,
    addCommunityMembers: communities.reduce((a, c) => a + Math.ceil(c.members.length / MEMBERS_PER_CALL), 0),
    startCommunity: communities.length,
    setGroupTask: communities.reduce((a, c) => a + c.tasks.length, 0),
    completeGroupTask: communities.reduce((a, c) => a + c.tasks.filter((t) => t.done).length, 0),
    announceSiteCall: siteCalls.length,
    applyForSiteStatus: sites.length,
    checkSiteApplication: sites.length + count(sites, (s) => s.returned),
    resubmitSiteApplication: count(sites, (s) => s.returned),
    giveSiteExpertOpinion: sites.length,
    grantSiteStatus: granted.length,
    declineSiteApplication: count(sites, (s) => s.outcome === 'DECLINED'),
    submitSiteAnnualReport: count(sites, (s) => !!s.report),
    reviewSiteAnnualReport: count(sites, (s) => !!s.report),
    publishMethodEvent: events.length,
    addMethodEventSpeaker: events.reduce((a, e) => a + e.speakers.length, 0),
    registerForMethodEvent: regs.length,
    approveMethodEventRegistration: events.reduce((a, e) => a + (e.input.moderated ? count(e.registrations, (r) => !r.reject) : 0), 0),
    rejectMethodEventRegistration: count(regs, (r) => r.reject),
    cancelMethodEventRegistration: count(regs, (r) => r.cancel),
    markMethodEventAttendanceSheet: events.reduce((a, e) => a + Math.ceil((count(e.registrations, (r) => r.attends) + e.speakers.length) / SHEET_SIZE), 0),
    issueMethodEventCertificates: count(events, (e) => e.registrations.some((r) => r.attends) || e.speakers.length > 0),
    giveMethodEventFeedback: count(regs, (r) => !!r.feedback),
  };
  return {
    communities: {
      ...(Object.fromEntries(KINDS.map((k) => [k, count(communities, (c) => c.input.kind === k)])) as Record<CommunityKind, number>),
      total: communities.length,
      regional: count(communities, (c) => c.input.level === 'REGIONAL'),
      members: communities.reduce((a, c) => a + c.members.length, 0),
      tasks: commands['setGroupTask']!,
      tasksDone: commands['completeGroupTask']!,
    },
    sites: {
      calls: siteCalls.length,
      applications: sites.length,
      returned: count(sites, (s) => s.returned),
      granted: granted.length,
      declined: count(sites, (s) => s.outcome === 'DECLINED'),
      innovation: count(granted, (s) => s.input.status === 'INNOVATION'),
      base: count(granted, (s) => s.input.status === 'BASE'),
      regional: count(sites, (s) => s.input.level === 'REGIONAL'),
      reports: count(sites, (s) => !!s.report),
    },
    events: {
      ...(Object.fromEntries(EVENT_KINDS.map((k) => [k, count(events, (e) => e.input.kind === k)])) as Record<MethodEventKind, number>),
      total: events.length,
      regional: count(events, (e) => e.input.level === 'REGIONAL'),
      moderated: count(events, (e) => e.input.moderated),
      withWaitlist: count(events, (e) => e.registrations.some((r) => r.target === 'WAITLISTED' || r.promoted)),
      speakers: commands['addMethodEventSpeaker']!,
      present: count(regs, (r) => r.attends) + events.reduce((a, e) => a + e.speakers.length, 0),
    },
    registrations: {
      total: regs.length,
      CONFIRMED: count(regs, (r) => r.target === 'CONFIRMED'),
      WAITLISTED: count(regs, (r) => r.target === 'WAITLISTED'),
      CANCELLED: count(regs, (r) => r.target === 'CANCELLED'),
      REJECTED: count(regs, (r) => r.target === 'REJECTED'),
      promoted: count(regs, (r) => r.promoted),
      byCoordinator: count(regs, (r) => r.by === 'COORDINATOR'),
      attended: count(regs, (r) => r.attends),
      feedback: count(regs, (r) => !!r.feedback),
    },
    commands,
    commandsTotal: Object.values(commands).reduce((a, b) => a + b, 0),
  };
};
