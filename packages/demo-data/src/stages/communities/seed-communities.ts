/**
 * Seeds the methodological network of the demo region through the platform's GraphQL gateway,
 * with the real commands and the real roles. What is seeded is decided by the pure
 * `buildCommunitiesPlan` (communities-plan.ts); this module drives it, phase by phase:
 *
 *  1. communities     proposed, approved by order, members (head first), started; tasks
 *                     (a school's coordinator for its ШМО, the methodologist, the operator)
 *  2. site-calls      the authorities' calls for applications
 *  3. sites           application (host coordinator) → completeness check (returned and
 *                     resubmitted where planned) → expert opinion (an expert of the council)
 *                     → status by order, or declined (the authority)
 *  4. events          published by the organiser, with speakers
 *  5. registrations   in order of arrival (teacher or coordinator), the moderation, the
 *                     cancellations (which promote the first waiting)
 *  6. attendance      the organiser marks those present, once the event has started
 *  7. certificates    once it is over
 *  8. feedback        the attendees' ratings, once it is over
 *  9. site-reports    the first annual report in its season, and its review
 *
 * Time: the service's clock decides. Every event lies after the plan's asOf, so a run on asOf
 * does 1–5 and leaves 6–9 waiting (`waiting`, not failures). Running the same plan (same seed,
 * scale and asOf) again later — on a later day, or with the services and this seeder under
 * CLOCK_OFFSET_DAYS — carries on for the events then started or over, and submits the site
 * reports whose season has come. The seeder reads the service's clock as its own plus
 * CLOCK_OFFSET_DAYS (the variable the services read), or `now` in its options.
 *
 * Re-runs: every create is sent under an Idempotency-Key derived from the plan, so a re-run
 * finds the first one and the answer is the row as it is now; from that row only what is
 * missing is sent (members, tasks, procedure steps, speakers, registrations, attendance,
 * certificates, feedback).
 */
import { DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { RegionPlan } from '../../region/region-model';
import { GraphQLClient } from '../../runner/graphql-client';
import { latencySummary, OutcomeCounts } from '../../runner/latency';
import { emptyCounts, runTiming, StageRunOptions, startStageRun } from '../../runner/stage-run';
import { TokenSource } from '../../runner/tokens';
import { DirectoryIds } from '../directory/seed-directory';
import { buildCommunitiesPlan, CommunitiesPlan, CommunitiesPlanOptions, CommunitiesPlanTotals } from './communities-plan';
import { seedCommunities as seedCommunityPhase } from './seed-communities/communities';
import { aborted, CommunitiesSeedContext, runPhase } from './seed-communities/context';
import { seedAttendance, seedCertificates, seedEvents, seedFeedback, seedRegistrations } from './seed-communities/events';
import { seedSiteCalls, seedSiteReports, seedSites } from './seed-communities/sites';

export * from './seed-communities/documents';

export const COMMUNITIES_COMMANDS = [
  'proposeCommunity',
  'approveCommunity',
  'addCommunityMembers',
  'startCommunity',
  'setGroupTask',
  'completeGroupTask',
  'announceSiteCall',
  'applyForSiteStatus',
  'checkSiteApplication',
  'resubmitSiteApplication',
  'giveSiteExpertOpinion',
  'grantSiteStatus',
  'declineSiteApplication',
  'submitSiteAnnualReport',
  'reviewSiteAnnualReport',
  'publishMethodEvent',
  'addMethodEventSpeaker',
  'registerForMethodEvent',
  'approveMethodEventRegistration',
  'rejectMethodEventRegistration',
  'cancelMethodEventRegistration',
  'markMethodEventAttendanceSheet',
  'issueMethodEventCertificates',
  'giveMethodEventFeedback',
] as const;
export type CommunitiesCommand = (typeof COMMUNITIES_COMMANDS)[number];

export const COMMUNITIES_PHASES = [
  'communities',
  'site-calls',
  'sites',
  'events',
  'registrations',
  'attendance',
  'certificates',
  'feedback',
  'site-reports',
] as const;
export type CommunitiesPhase = (typeof COMMUNITIES_PHASES)[number];

export interface CommunitiesCommandSample {
  command: CommunitiesCommand;
  planId: string;
  serverId: string | null;
  tenantId: string;
  sentAt: number;
  acceptedAt: number;
  latencyMs: number;
  attempts: number;
  outcome: 'created' | 'existing';
}

export interface CommunitiesSeedFailure {
  command: CommunitiesCommand | 'read';
  phase: CommunitiesPhase;
  planId: string;
  tenantId: string;
  message: string;
  codes: string[];
}

/** Something the service's clock does not allow yet (or no longer): not a failure. */
export interface CommunitiesWaitingNote {
  phase: CommunitiesPhase;
  items: number;
  reason: string;
  /** The earliest time (the region's wall clock or day) it becomes possible, when known. */
  from?: string;
}

export interface CommunitiesSeedResult {
  stage: 'communities';
  ok: boolean;
  aborted: boolean;
  plan: CommunitiesPlanTotals;
  calendar: CommunitiesPlan['calendar'];
  counts: Record<CommunitiesPhase, OutcomeCounts>;
  commandsByKind: Record<CommunitiesCommand, number>;
  waiting: CommunitiesWaitingNote[];
  ids: { communities: Record<string, string>; siteCalls: Record<string, string>; sites: Record<string, string>; events: Record<string, string> };
  commands: number;
  queries: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  commandsPerSecond: number;
  samples: CommunitiesCommandSample[];
  errors: CommunitiesSeedFailure[];
}

export interface SeedCommunitiesOptions extends StageRunOptions {
  client: GraphQLClient;
  tokens: TokenSource;
  planOptions?: CommunitiesPlanOptions;
  /** The service's clock; default this machine's, moved by CLOCK_OFFSET_DAYS as the services' is. */
  now?: () => Date;
  /** How long to wait for the service's read models (educators, communities, calls, sites); default 120 s. */
  settleMs?: number;
  pollMs?: number;
}

/** This machine's clock moved by CLOCK_OFFSET_DAYS, as the services move theirs (service-kit's config). */
export const serviceClock = (): Date => {
  const days = Number(process.env['CLOCK_OFFSET_DAYS'] ?? 0);
  return new Date(Date.now() + (Number.isInteger(days) ? days : 0) * 86_400_000);
};

const plannedCounts = (plan: CommunitiesPlan): Record<CommunitiesPhase, OutcomeCounts> => {
  const t = plan.totals;
  return {
    communities: emptyCounts(plan.communities.length),
    'site-calls': emptyCounts(plan.siteCalls.length),
    sites: emptyCounts(plan.sites.length),
    events: emptyCounts(plan.events.length),
    registrations: emptyCounts(t.registrations.total),
    attendance: emptyCounts(t.events.present),
    certificates: emptyCounts(t.commands['issueMethodEventCertificates']!),
    feedback: emptyCounts(t.registrations.feedback),
    'site-reports': emptyCounts(t.sites.reports),
  };
};

/** Seeds the communities plan of the region, phase by phase (one file per concern in seed-communities/). */
export const seedCommunities = async (region: RegionPlan, ids: DirectoryIds, options: SeedCommunitiesOptions): Promise<CommunitiesSeedResult> => {
  const startedAt = new Date();
  const run = startStageRun('communities', options);
  const plan = buildCommunitiesPlan(region, options.planOptions);
  const now = options.now ?? serviceClock;
  const timeZone = process.env['REGION_TIME_ZONE'] ?? DEFAULT_REGION_TIME_ZONE;
  const ctx: CommunitiesSeedContext = {
    ...run,
    client: options.client,
    tokens: options.tokens,
    region,
    ids,
    plan,
    now,
    today: () => todayIn(timeZone, now()),
    settleMs: options.settleMs ?? 120_000,
    pollMs: options.pollMs ?? 500,
    siteLive: new Map(),
    eventLive: new Map(),
    out: {
      counts: plannedCounts(plan),
      commandsByKind: Object.fromEntries(COMMUNITIES_COMMANDS.map((c) => [c, 0])) as Record<CommunitiesCommand, number>,
      samples: [],
      errors: [],
      waiting: [],
      communityIds: {},
      siteCallIds: {},
      siteIds: {},
      eventIds: {},
      failures: 0,
    },
  };
  const { out } = ctx;
  const phases: [CommunitiesPhase, () => Promise<void>][] = [
    ['communities', () => seedCommunityPhase(ctx)],
    ['site-calls', () => seedSiteCalls(ctx)],
    ['sites', () => seedSites(ctx)],
    ['events', () => seedEvents(ctx)],
    ['registrations', () => seedRegistrations(ctx)],
    ['attendance', () => seedAttendance(ctx)],
    ['certificates', () => seedCertificates(ctx)],
    ['feedback', () => seedFeedback(ctx)],
    ['site-reports', () => seedSiteReports(ctx)],
  ];
  for (const [phase, body] of phases) await runPhase(ctx, phase, out.counts[phase].planned, body);
  const timing = runTiming(ctx.progress, startedAt);
  const failed = Object.values(out.counts).reduce((a, c) => a + c.failed, 0);
  return {
    stage: 'communities',
    ok: !aborted(ctx) && out.failures === 0 && failed === 0,
    aborted: aborted(ctx),
    plan: plan.totals,
    calendar: plan.calendar,
    counts: out.counts,
    commandsByKind: out.commandsByKind,
    waiting: out.waiting,
    ids: { communities: out.communityIds, siteCalls: out.siteCallIds, sites: out.siteIds, events: out.eventIds },
    ...timing,
    samples: out.samples,
    errors: out.errors,
  };
};

/** The CLI's summary of a communities seeding (small: no per-record data). */
export const communitiesSummary = (r: CommunitiesSeedResult, maxErrors = 20): Record<string, unknown> => ({
  ok: r.ok,
  aborted: r.aborted,
  calendar: r.calendar,
  counts: r.counts,
  commandsByKind: r.commandsByKind,
  waiting: r.waiting,
  planned: r.plan,
  commands: r.commands,
  queries: r.queries,
  durationMs: r.durationMs,
  commandsPerSecond: r.commandsPerSecond,
  latencyMs: latencySummary(r.samples),
  errors: r.errors.slice(0, maxErrors),
});
