/**
 * Seeds the professional-development part of the demo region through the platform's
 * GraphQL gateway, with the real commands and the real roles. What is seeded is decided by
 * the pure `buildPdPlan` (pd-plan.ts); this module drives it, phase by phase:
 *
 *  1. programmes   regional ones by the regional operator, municipal ones by each
 *                  municipality's methodologist; created, then published
 *  2. cohorts      scheduled by the programme's owner
 *  (wait)          until PD has heard of the directory's educators (its read model follows
 *                  the directory's public events, a moment behind a fresh directory seeding)
 *  3. enrolments   the teacher (own token: municipality/organisation/educator claims) applies,
 *                  or the school coordinator sends the school's list (applyForCohorts);
 *                  the coordinator approves their list (approveEnrolments) or rejects one;
 *                  the teacher withdraws a few; the results are recorded by the coordinator
 *                  or the cohort's owner (completeEnrolments, a results sheet; a
 *                  non-completion one by one)
 *  4. external-trainings  trainings outside the catalogue (recordExternalTrainings, lists) by the
 *                  coordinator, the methodologist or the regional operator
 *  5. diagnostics  one importDiagnostics CSV per municipality (per part of a large one) by
 *                  its methodologist
 *  6. mentorships  young teachers paired with an experienced mentor by the methodologist
 *                  (startMentorships: each municipality's order, in lists)
 *  7. routes       proposeRoutes, then approveRoutes for most, by the methodologist (lists
 *                  per municipality)
 *
 * Idempotent re-runs (same seed, scale and asOf). What a re-run does, phase by phase:
 * - programmes and cohorts get server-generated ids, so the seeder first reads the catalogue
 *   (as the regional operator, who sees every offer including drafts) and matches by natural
 *   key: owner + title for a programme, programme + start + end for a cohort. Only missing
 *   ones are created; a programme found as a draft is published.
 * - enrolments: the seeder reads each municipality's enrolments and drives every planned
 *   enrolment from the status it has towards its target (apply → approve → complete…), so an
 *   interrupted run is finished where it stopped. An ALREADY_ENROLLED answer (an application
 *   the read side has not shown yet) is resolved by reading that educator's enrolments.
 *   An enrolment whose cohort has already ended by the real today cannot be applied for any
 *   more (COHORT_CLOSED): it is skipped with an error — seed with asOf = today. Where the
 *   existing enrolments cannot be read (a municipality's list, then each cohort's, fails), the
 *   planned enrolments there are not written but counted as failed: a blind application could
 *   duplicate one that already reached its final status.
 * - external trainings are sent again: the platform treats the same certificate of the same
 *   educator as a no-op, so nothing is recorded twice (the summary cannot tell the two apart).
 * - diagnostics imports have stable importIds (from seed, scale, asOf, municipality, part): a
 *   re-run answers `rerun: true` and adds nothing. The CSV holds the directory's ids, so if
 *   the set of known educators changed in between, the platform refuses the import with
 *   IMPORT_ID_REUSED (reported as an error, nothing written).
 * - mentorships: the seeder reads each municipality's active mentorships and starts only the
 *   pairs whose mentee has none; MENTEE_ALREADY_PAIRED counts as done.
 * - routes: proposing again a draft route with the same items is a no-op on the platform
 *   (a changed offer may refresh its items); an approved route answers ROUTE_APPROVED, which
 *   counts as done; approving an approved route is a no-op.
 * The read sides are eventually consistent projections: records written a moment before a
 * re-run may not be visible yet. Re-runs after the platform has caught up (normally < 1 s)
 * are exact, except as noted for COHORT_CLOSED.
 */
import { RegionPlan } from '../../region/region-model';
import { GraphQLClient } from '../../runner/graphql-client';
import { latencySummary, OutcomeCounts } from '../../runner/latency';
import { emptyCounts, runTiming, StageRunOptions, startStageRun, regionToday } from '../../runner/stage-run';
import { TokenSource } from '../../runner/tokens';
import { DirectoryIds } from '../directory/seed-directory';
import { buildPdPlan, PdPlan, PdPlanOptions, PdPlanTotals } from './pd-plan';
import { seedCohorts, seedProgrammes } from './seed-pd/catalogue';
import { aborted, PdRunRecord, PdSeedContext, runPhase } from './seed-pd/context';
import { seedDiagnostics } from './seed-pd/diagnostics';
import { waitForEducators } from './seed-pd/educators-wait';
import { seedEnrolments } from './seed-pd/enrolments';
import { seedExternalTrainings, trainingListsOf } from './seed-pd/external-trainings';
import { seedMentorships } from './seed-pd/mentorships';
import { seedRoutes } from './seed-pd/routes';

// ---- GraphQL documents (seed-pd/documents.ts) ---------------------------------

export * from './seed-pd/documents';

// ---- results ----------------------------------------------------------------

export const PD_COMMANDS = [
  'createProgramme',
  'publishProgramme',
  'scheduleCohort',
  'applyForCohort',
  'applyForCohorts',
  'rejectEnrolment',
  'withdrawEnrolment',
  'approveEnrolments',
  'markEnrolmentNotCompleted',
  'completeEnrolments',
  'recordExternalTrainings',
  'importDiagnostics',
  'startMentorships',
  'proposeRoutes',
  'approveRoutes',
] as const;
export type PdCommand = (typeof PD_COMMANDS)[number];

export const PD_PHASES = ['programmes', 'cohorts', 'enrolments', 'external-trainings', 'diagnostics', 'mentorships', 'routes'] as const;
export type PdPhase = (typeof PD_PHASES)[number];

/** One command the platform accepted (or answered "already done": `existing`). */
export interface PdCommandSample {
  command: PdCommand;
  /** Plan key of what it was for (programme, cohort, enrolment, educator, import…). */
  planId: string;
  /** The id the platform answered with, when it has one. */
  serverId: string | null;
  /** The tenant whose data it wrote: `region` or a municipality id. */
  tenantId: string;
  sentAt: number;
  acceptedAt: number;
  latencyMs: number;
  attempts: number;
  outcome: 'created' | 'existing';
}

export interface PdSeedFailure {
  command: PdCommand | 'read' | 'wait' | 'precondition';
  phase: PdPhase | 'educators';
  planId: string;
  tenantId: string;
  message: string;
  codes: string[];
}

export interface PdSeedResult {
  stage: 'professional-development';
  ok: boolean;
  /** Stopped early: too many failures or the caller's signal. */
  aborted: boolean;
  /** What the plan holds (a seeding of an empty platform sends `plan.commands`). */
  plan: PdPlanTotals;
  academicYear: string;
  /** Per phase: items (programmes, cohorts, enrolments, educators' trainings, imports, pairs, routes). */
  counts: Record<PdPhase, OutcomeCounts>;
  /** Commands sent, by kind (including those answered "already done"). */
  commandsByKind: Record<PdCommand, number>;
  /** Enrolments found in another final status than planned (left as they are). */
  enrolmentsDiverged: number;
  diagnostics: { rowsImported: number; rowsRejected: number; reruns: number; rowsWithoutEducator: number };
  /** How long the stage waited for PD to know the directory's educators (ms). */
  educatorsWaitMs: number;
  /** Things left out on purpose (e.g. a mutation this platform does not have yet). */
  warnings: string[];
  ids: { programmes: Record<string, string>; cohorts: Record<string, string>; enrolments: Record<string, string> };
  commands: number;
  queries: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  commandsPerSecond: number;
  samples: PdCommandSample[];
  errors: PdSeedFailure[];
}

/** Concurrency, progress and failure limits: `StageRunOptions` (runner/stage-run.ts); the stage stops after `maxFailures` failed items. */
export interface SeedPdOptions extends StageRunOptions {
  client: GraphQLClient;
  tokens: TokenSource;
  /** Shares and sizes of the PD plan (pd-plan.ts). */
  planOptions?: PdPlanOptions;
  /** Phases to leave out (e.g. `external-trainings` on a platform without that mutation). */
  skip?: readonly PdPhase[];
  /** The real today (UTC ISO date): cohorts that ended before it no longer take applications. */
  today?: () => string;
  /** How long to wait for PD to know the directory's educators; default 180 s. */
  educatorsWaitMs?: number;
  /** Poll interval of that wait; default 1 s. */
  pollMs?: number;
}

/** An empty record for a run of this plan: every phase's planned count, nothing done yet. */
const emptyRecord = (pd: PdPlan): PdRunRecord => ({
  counts: {
    programmes: emptyCounts(pd.programmes.length),
    cohorts: emptyCounts(pd.cohorts.length),
    enrolments: emptyCounts(pd.enrolments.length),
    'external-trainings': emptyCounts(pd.externalTrainings.length),
    diagnostics: emptyCounts(pd.diagnostics.length),
    mentorships: emptyCounts(pd.mentorships.length),
    routes: emptyCounts(pd.routes.length),
  } satisfies Record<PdPhase, OutcomeCounts>,
  commandsByKind: Object.fromEntries(PD_COMMANDS.map((c) => [c, 0])) as Record<PdCommand, number>,
  samples: [],
  errors: [],
  warnings: [],
  programmeIds: {},
  cohortIds: {},
  enrolmentIds: {},
  diag: { rowsImported: 0, rowsRejected: 0, reruns: 0, rowsWithoutEducator: 0 },
  enrolmentsDiverged: 0,
  educatorsWaitMs: 0,
  failures: 0,
});

/** The run's settings (defaults applied), its PD plan and an empty record. */
const seedContext = (region: RegionPlan, ids: DirectoryIds, options: SeedPdOptions): PdSeedContext => {
  // The progress clock starts before the plan is built, as the stage's own does.
  const run = startStageRun('professional-development', options);
  const pd = buildPdPlan(region, options.planOptions);
  return {
    ...run,
    client: options.client,
    tokens: options.tokens,
    region,
    ids,
    pd,
    today: options.today ?? regionToday,
    skip: new Set(options.skip ?? []),
    educatorsWaitMs: options.educatorsWaitMs ?? 180_000,
    pollMs: options.pollMs ?? 1000,
    municipalityIds: region.municipalities.map((m) => m.id).filter((m) => ids.municipalities[m]),
    cohortByKey: new Map(pd.cohorts.map((c) => [c.key, c])),
    out: emptyRecord(pd),
  };
};

/** The stage's result from what the run recorded. */
const pdResult = (ctx: PdSeedContext, startedAt: Date): PdSeedResult => {
  const { out, pd, progress, signal } = ctx;
  const timing = runTiming(progress, startedAt);
  const failed = Object.values(out.counts).reduce((a, c) => a + c.failed, 0);
  return {
    stage: 'professional-development',
    ok: !signal.aborted && out.failures === 0 && failed === 0,
    aborted: signal.aborted,
    plan: pd.totals,
    academicYear: pd.academicYear,
    counts: out.counts,
    commandsByKind: out.commandsByKind,
    enrolmentsDiverged: out.enrolmentsDiverged,
    diagnostics: out.diag,
    educatorsWaitMs: out.educatorsWaitMs,
    warnings: out.warnings,
    ids: { programmes: out.programmeIds, cohorts: out.cohortIds, enrolments: out.enrolmentIds },
    ...timing,
    samples: out.samples,
    errors: out.errors,
  };
};

/** Seeds the PD plan of the region, phase by phase (one file per phase in seed-pd/). */
export const seedProfessionalDevelopment = async (plan: RegionPlan, ids: DirectoryIds, options: SeedPdOptions): Promise<PdSeedResult> => {
  const startedAt = new Date();
  const ctx = seedContext(plan, ids, options);
  const { pd } = ctx;
  await runPhase(ctx, 'programmes', pd.programmes.length, () => seedProgrammes(ctx));
  await runPhase(ctx, 'cohorts', pd.cohorts.length, () => seedCohorts(ctx));
  if (!aborted(ctx)) await waitForEducators(ctx);
  await runPhase(ctx, 'enrolments', pd.enrolments.length, () => seedEnrolments(ctx));
  await runPhase(ctx, 'external-trainings', pd.externalTrainings.length, () => seedExternalTrainings(ctx, trainingListsOf(pd)));
  await runPhase(ctx, 'diagnostics', pd.diagnostics.length, () => seedDiagnostics(ctx));
  await runPhase(ctx, 'mentorships', pd.mentorships.length, () => seedMentorships(ctx));
  await runPhase(ctx, 'routes', pd.routes.length, () => seedRoutes(ctx));
  return pdResult(ctx, startedAt);
};

/** The CLI's summary of a PD seeding (small: no per-record data). */
export const pdSummary = (r: PdSeedResult, maxErrors = 20): Record<string, unknown> => ({
  ok: r.ok,
  aborted: r.aborted,
  academicYear: r.academicYear,
  counts: r.counts,
  commandsByKind: r.commandsByKind,
  enrolmentsDiverged: r.enrolmentsDiverged,
  diagnostics: r.diagnostics,
  educatorsWaitMs: r.educatorsWaitMs,
  warnings: r.warnings,
  planned: {
    cohorts: r.plan.cohorts,
    enrolments: r.plan.enrolments,
    externalTrainings: r.plan.externalTrainings,
    threeYearRule: r.plan.threeYearRule,
    diagnostics: r.plan.diagnostics,
    routes: r.plan.routes,
    mentorships: r.plan.mentorships,
    commandsTotal: r.plan.commandsTotal,
  },
  commands: r.commands,
  queries: r.queries,
  durationMs: r.durationMs,
  commandsPerSecond: r.commandsPerSecond,
  latencyMs: latencySummary(r.samples),
  errors: r.errors.slice(0, maxErrors),
});
