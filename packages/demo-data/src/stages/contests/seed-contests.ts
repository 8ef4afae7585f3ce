/**
 * Seeds a year of olympiads in the demo region through the platform's GraphQL gateway (and
 * its upload route), with the real commands and the real roles. What is seeded is decided by
 * the pure `buildContestsPlan` (contests-plan.ts); this module drives it:
 *
 *  1. students        each school's coordinator registers its class list, consents included
 *  2. stages          every stage of the year scheduled by its organiser (methodologist /
 *                     regional operator): school, municipal and regional
 *  3. passing-scores  into the municipal and regional stages
 *  then per level (school, municipal, regional), each step only where the platform allows it:
 *     entries         the coordinators enter their students (a later level: those on the
 *                     admission list, once the protocols admitting to it are final)
 *     codes           the coordinators issue the codes
 *  (juries)           every stage's jury, appointed by the organiser before the school stage's
 *                     assignment (teachers of the directory; contests learns them from the
 *                     directory's events, so a refusal is tried again for a while)
 *     assignment      the organiser hands the works to the jury (once the read model shows the codes)
 *     scores          one score file per stage through /imports/olympiad-scores
 *     third-checks    the few third checks left to the designated juror's own hand
 *     publication     the preliminary protocols
 *     appeals         filed by the coordinators, decided by the appeal commission
 *     finals          approved by the organiser once the appeals deadline has passed
 *
 * Time: the service takes today from its own clock. A protocol published today can be approved
 * the day after tomorrow (appeals close at 23:59 of the next day), so one run on asOf goes as far
 * as the school stage's preliminary protocols and their appeals; what waits for the clock is
 * reported in `waiting`, not as a failure. Running the same plan again (same seed, scale and
 * asOf) on a later day of the contests service (its day, or CLOCK_OFFSET_DAYS) carries on: the
 * school finals and the municipal stage on asOf + 2, the municipal finals and the regional stage
 * on asOf + 4, the regional finals from asOf + 6. A level's registration closes on its day.
 *
 * Re-runs send nothing already done: students are found by full name in their school, stages by
 * organiser, level, subject and title; juries and passing scores are compared; entries, codes,
 * assignments, score marks, protocols and appeals are read from the stage before anything is
 * sent. Creates the platform names itself (a stage, a class list, an appeal) carry an
 * Idempotency-Key, so a retry after a lost answer finds the first one.
 */
import { RegionPlan } from '../../region/region-model';
import { GraphQLClient } from '../../runner/graphql-client';
import { latencySummary, OutcomeCounts } from '../../runner/latency';
import { emptyCounts, runTiming, StageRunOptions, startStageRun } from '../../runner/stage-run';
import { TokenSource } from '../../runner/tokens';
import { DirectoryIds } from '../directory/seed-directory';
import { buildContestsPlan, ContestLevel, ContestsPlan, ContestsPlanOptions, ContestsPlanTotals, LEVELS, protocolsOf } from './contests-plan';
import { aborted, ContestsRunRecord, ContestsSeedContext, runPhase } from './seed-contests/context';
import { phaseOf, seedCodes, seedEntries } from './seed-contests/entries';
import { seedAppeals, seedFinals, seedPublication } from './seed-contests/protocols';
import { seedAssignment, seedScores, seedThirdChecks } from './seed-contests/scoring';
import { seedJuries, seedPassingScores, seedStageSchedule } from './seed-contests/stages';
import { seedStudents } from './seed-contests/students';

export * from './seed-contests/documents';

// ---- results ----

export const CONTESTS_COMMANDS = [
  'registerStudents',
  'scheduleOlympiadStage',
  'appointOlympiadJury',
  'setOlympiadPassingScores',
  'enterStudentsForStage',
  'issueParticipantCodes',
  'assignOlympiadWorks',
  'uploadScores',
  'recordOlympiadScore',
  'publishPreliminaryProtocols',
  'fileOlympiadAppeal',
  'decideOlympiadAppeal',
  'approveFinalProtocol',
] as const;
export type ContestsCommand = (typeof CONTESTS_COMMANDS)[number];

export const LEVEL_STEPS = ['entries', 'codes', 'assignment', 'scores', 'third-checks', 'publication', 'appeals', 'finals'] as const;
export type LevelStep = (typeof LEVEL_STEPS)[number];

export const CONTESTS_PHASES = [
  'students',
  'stages',
  'juries',
  'passing-scores',
  ...LEVELS.flatMap((l) => LEVEL_STEPS.map((step) => `${l.toLowerCase()}-${step}` as `${Lowercase<ContestLevel>}-${LevelStep}`)),
] as const;
export type ContestsPhase = 'students' | 'stages' | 'juries' | 'passing-scores' | `${Lowercase<ContestLevel>}-${LevelStep}`;

/** One command the platform accepted (or answered "already done": `existing`). */
export interface ContestsCommandSample {
  command: ContestsCommand;
  /** Plan key of what it was for (school, stage, stage/school, appeal…). */
  planId: string;
  serverId: string | null;
  tenantId: string;
  sentAt: number;
  acceptedAt: number;
  latencyMs: number;
  attempts: number;
  outcome: 'created' | 'existing';
}

export interface ContestsSeedFailure {
  command: ContestsCommand | 'read' | 'precondition';
  phase: ContestsPhase;
  planId: string;
  tenantId: string;
  message: string;
  codes: string[];
}

/** Something the platform's clock does not allow yet (or no longer): not a failure. */
export interface WaitingNote {
  phase: ContestsPhase;
  items: number;
  reason: string;
  /** The instant it becomes possible, when known (an appeals deadline). */
  until?: string;
}

export interface ContestsSeedResult {
  stage: 'contests';
  ok: boolean;
  aborted: boolean;
  plan: ContestsPlanTotals;
  academicYear: string;
  calendar: ContestsPlan['calendar'];
  counts: Record<ContestsPhase, OutcomeCounts>;
  commandsByKind: Record<ContestsCommand, number>;
  scores: ContestsRunRecord['scores'];
  notAdmitted: number;
  waiting: WaitingNote[];
  warnings: string[];
  ids: { stages: Record<string, string>; students: Record<string, string> };
  commands: number;
  queries: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  commandsPerSecond: number;
  samples: ContestsCommandSample[];
  errors: ContestsSeedFailure[];
}

export interface SeedContestsOptions extends StageRunOptions {
  client: GraphQLClient;
  tokens: TokenSource;
  planOptions?: ContestsPlanOptions;
  /** How long to wait for the platform's read models (educators known to contests, codes, admission lists); default 120 s. */
  settleMs?: number;
  /** Poll interval of those waits; default 500 ms. */
  pollMs?: number;
}

/** Items each phase plans: students, stages, juries, passing scores; per level entries, codes, stages, stages, third checks, protocols, appeals, protocols. */
const plannedCounts = (plan: ContestsPlan): Record<ContestsPhase, OutcomeCounts> => {
  const counts = {
    students: emptyCounts(plan.totals.students.total),
    stages: emptyCounts(plan.stages.length),
    juries: emptyCounts(plan.stages.length),
    'passing-scores': emptyCounts(plan.stages.filter((s) => s.passingScores.length).length),
  } as Record<ContestsPhase, OutcomeCounts>;
  for (const level of LEVELS) {
    const at = plan.stages.filter((s) => s.level === level);
    const entries = plan.totals.entries[level];
    const protocols = at.reduce((a, s) => a + protocolsOf(s), 0);
    const planned: Record<LevelStep, number> = {
      entries,
      codes: entries,
      assignment: at.length,
      scores: at.length,
      'third-checks': at.reduce((a, s) => a + s.participants.reduce((b, p) => b + p.marks.filter((m) => m.thirdBy === 'JUROR').length, 0), 0),
      publication: protocols,
      appeals: at.reduce((a, s) => a + s.appeals.length, 0),
      finals: protocols,
    };
    for (const step of LEVEL_STEPS) counts[phaseOf(level, step)] = emptyCounts(planned[step]);
  }
  return counts;
};

const seedContext = (region: RegionPlan, ids: DirectoryIds, options: SeedContestsOptions): ContestsSeedContext => {
  const run = startStageRun('contests', options);
  const plan = buildContestsPlan(region, options.planOptions);
  const orgPlanIdOf = new Map(Object.entries(ids.organizations).map(([planId, id]) => [id, planId]));
  return {
    ...run,
    client: options.client,
    tokens: options.tokens,
    region,
    ids,
    plan,
    stageByKey: new Map(plan.stages.map((s) => [s.key, s])),
    studentByKey: new Map(plan.schools.flatMap((s) => s.students.map((x) => [x.key, x]))),
    orgPlanIdOf,
    live: new Map(),
    settleMs: options.settleMs ?? 120_000,
    pollMs: options.pollMs ?? 500,
    out: {
      counts: plannedCounts(plan),
      commandsByKind: Object.fromEntries(CONTESTS_COMMANDS.map((c) => [c, 0])) as Record<ContestsCommand, number>,
      samples: [],
      errors: [],
      warnings: [],
      waiting: [],
      studentIds: {},
      stageIds: {},
      scores: { files: 0, reruns: 0, lines: 0, applied: 0, rejected: 0, missingWorks: 0 },
      notAdmitted: 0,
      failures: 0,
    },
  };
};

const STEP_RUNNERS: Record<LevelStep, (ctx: ContestsSeedContext, level: ContestLevel) => Promise<void>> = {
  entries: seedEntries,
  codes: seedCodes,
  assignment: seedAssignment,
  scores: seedScores,
  'third-checks': seedThirdChecks,
  publication: seedPublication,
  appeals: seedAppeals,
  finals: seedFinals,
};

/** Seeds the contests plan of the region, phase by phase (one file per concern in seed-contests/). */
export const seedContests = async (region: RegionPlan, ids: DirectoryIds, options: SeedContestsOptions): Promise<ContestsSeedResult> => {
  const startedAt = new Date();
  const ctx = seedContext(region, ids, options);
  const { plan, out } = ctx;
  await runPhase(ctx, 'students', plan.totals.students.total, () => seedStudents(ctx));
  await runPhase(ctx, 'stages', plan.stages.length, () => seedStageSchedule(ctx));
  await runPhase(ctx, 'passing-scores', out.counts['passing-scores'].planned, () => seedPassingScores(ctx));
  for (const level of LEVELS)
    for (const step of LEVEL_STEPS) {
      // The juries once the school stage's codes are out: by then contests has long heard of the directory's educators.
      if (level === 'SCHOOL' && step === 'assignment') await runPhase(ctx, 'juries', plan.stages.length, () => seedJuries(ctx));
      const phase = phaseOf(level, step);
      await runPhase(ctx, phase, out.counts[phase].planned, () => STEP_RUNNERS[step](ctx, level));
    }
  const timing = runTiming(ctx.progress, startedAt);
  const failed = Object.values(out.counts).reduce((a, c) => a + c.failed, 0);
  return {
    stage: 'contests',
    ok: !aborted(ctx) && out.failures === 0 && failed === 0,
    aborted: aborted(ctx),
    plan: plan.totals,
    academicYear: plan.academicYear,
    calendar: plan.calendar,
    counts: out.counts,
    commandsByKind: out.commandsByKind,
    scores: out.scores,
    notAdmitted: out.notAdmitted,
    waiting: out.waiting,
    warnings: out.warnings,
    ids: { stages: out.stageIds, students: out.studentIds },
    ...timing,
    samples: out.samples,
    errors: out.errors,
  };
};

/** The CLI's summary of a contests seeding (small: no per-record data). */
export const contestsSummary = (r: ContestsSeedResult, maxErrors = 20): Record<string, unknown> => ({
  ok: r.ok,
  aborted: r.aborted,
  academicYear: r.academicYear,
  calendar: r.calendar,
  counts: r.counts,
  commandsByKind: r.commandsByKind,
  scores: r.scores,
  notAdmitted: r.notAdmitted,
  waiting: r.waiting,
  warnings: r.warnings.slice(0, maxErrors),
  planned: r.plan,
  commands: r.commands,
  queries: r.queries,
  durationMs: r.durationMs,
  commandsPerSecond: r.commandsPerSecond,
  latencyMs: latencySummary(r.samples),
  errors: r.errors.slice(0, maxErrors),
});
