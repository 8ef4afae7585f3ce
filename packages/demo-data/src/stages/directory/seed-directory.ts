/**
 * Seeds the directory part of a region plan through the platform's GraphQL gateway, with
 * the real commands and the real roles: municipalities are onboarded by the regional
 * operator, organisations and educators registered by each municipality's methodologist.
 *
 * Idempotent re-runs. The directory treats the two kinds of record differently:
 * - onboarding takes the id from the input, so a repeated onboarding is refused with
 *   MUNICIPALITY_EXISTS, which counts as done;
 * - organisations and educators get server-generated ids (ORGANIZATION_EXISTS and
 *   EDUCATOR_EXISTS can never fire for a registration), so a repeated registration
 *   would silently create a duplicate. The seeder therefore first reads what the
 *   municipality already has (as its methodologist) and matches by natural key —
 *   organisation name, educator full name, both unique within a municipality in the
 *   plan — and registers only what is missing.
 * The read side is an eventually consistent projection: records registered a moment
 * before a re-run (a crash and an immediate restart) may not be visible yet and would be
 * registered again. Re-runs after the platform has caught up (normally < 1 s) are exact.
 */
import { RegionPlan } from '../../region/region-model';
import { GraphQLClient } from '../../runner/graphql-client';
import { OutcomeCounts } from '../../runner/latency';
import { emptyCounts, runTiming, StageRunOptions, startStageRun } from '../../runner/stage-run';
import { TokenSource } from '../../runner/tokens';
import { aborted, DirectorySeedContext, fail } from './seed-directory/context';
import { seedEducators } from './seed-directory/educators';
import { seedMunicipalities } from './seed-directory/municipalities';
import { seedOrganizations } from './seed-directory/organizations';

// ---- GraphQL documents (seed-directory/documents.ts) ---------------------------

export * from './seed-directory/documents';

// ---- results ----------------------------------------------------------------

export type DirectoryCommand = 'onboardMunicipality' | 'registerOrganization' | 'registerEducator';

/**
 * One command the seeder sent and the platform accepted. `acceptedAt` is when the
 * gateway's answer arrived (epoch ms): a benchmark can poll a read side for `serverId`
 * and measure the lag from there.
 */
export interface CommandSample {
  command: DirectoryCommand;
  planId: string;
  /** The directory's id (for municipalities, the tenant id). */
  serverId: string;
  tenantId: string;
  /** Epoch ms. */
  sentAt: number;
  acceptedAt: number;
  /** Round trip through the gateway, including retries (ms, sub-millisecond precision). */
  latencyMs: number;
  attempts: number;
  /** `existing`: the platform answered that it already had it (MUNICIPALITY_EXISTS). */
  outcome: 'created' | 'existing';
}

export interface SeedFailure {
  command: DirectoryCommand | 'reconcile';
  planId: string;
  tenantId: string;
  message: string;
  codes: string[];
}

/** Plan id → the directory's id. Municipalities keep their plan id as tenant id. */
export interface DirectoryIds {
  municipalities: Record<string, string>;
  organizations: Record<string, string>;
  educators: Record<string, string>;
}

export interface DirectorySeedResult {
  stage: 'directory';
  mode: 'seed' | 'resolve';
  ok: boolean;
  /** Stopped early: too many failures or the caller's signal. */
  aborted: boolean;
  counts: { municipalities: OutcomeCounts; organizations: OutcomeCounts; educators: OutcomeCounts };
  ids: DirectoryIds;
  /** Records found more than once under one natural key (earlier duplicates); the first by id is used. */
  duplicatesFound: number;
  commands: number;
  queries: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  commandsPerSecond: number;
  /** Every accepted command, in acceptance order. */
  samples: CommandSample[];
  /** The first `maxErrorsKept` failures. */
  errors: SeedFailure[];
}

/** Concurrency, progress and failure limits: `StageRunOptions` (runner/stage-run.ts); the stage stops after `maxFailures` failed commands. */
export interface SeedDirectoryOptions extends StageRunOptions {
  client: GraphQLClient;
  tokens: TokenSource;
  /** `resolve`: only read what exists and map plan ids to directory ids (no writes). Default `seed`. */
  mode?: 'seed' | 'resolve';
  /** Read what already exists before registering (idempotent re-runs). Default true; false only for a known-empty platform. */
  reconcile?: boolean;
}

// ---- the stage ----

/** The run's settings (defaults applied) and an empty record. */
const directoryContext = (plan: RegionPlan, options: SeedDirectoryOptions, organizationsPlanned: number): DirectorySeedContext => {
  const mode = options.mode ?? 'seed';
  return {
    ...startStageRun('directory', options),
    client: options.client,
    tokens: options.tokens,
    plan,
    mode,
    reconcile: mode === 'resolve' || (options.reconcile ?? true),
    counts: {
      municipalities: emptyCounts(plan.municipalities.length),
      organizations: emptyCounts(organizationsPlanned),
      educators: emptyCounts(plan.totals.educators),
    },
    ids: { municipalities: {}, organizations: {}, educators: {} },
    samples: [],
    errors: [],
    failures: 0,
    duplicatesFound: 0,
  };
};

/** The stage's result from what the run recorded. */
const directoryResult = (ctx: DirectorySeedContext, startedAt: Date): DirectorySeedResult => {
  const { counts, progress, signal, mode } = ctx;
  const timing = runTiming(progress, startedAt);
  const failed = counts.municipalities.failed + counts.organizations.failed + counts.educators.failed;
  const missing = counts.municipalities.missing + counts.organizations.missing + counts.educators.missing;
  return {
    stage: 'directory',
    mode,
    ok: !signal.aborted && ctx.failures === 0 && failed === 0 && (mode === 'seed' || missing === 0),
    aborted: signal.aborted,
    counts,
    ids: ctx.ids,
    duplicatesFound: ctx.duplicatesFound,
    ...timing,
    samples: ctx.samples,
    errors: ctx.errors,
  };
};

/** Seeds (or, in `resolve`, only maps) the region's directory: municipalities, then organisations, then educators. */
export const seedDirectory = async (plan: RegionPlan, options: SeedDirectoryOptions): Promise<DirectorySeedResult> => {
  const startedAt = new Date();
  const organizationsPlanned = plan.municipalities.reduce((a, m) => a + m.organizations.length, 0);
  const ctx = directoryContext(plan, options, organizationsPlanned);
  try {
    const ready = await seedMunicipalities(ctx);
    await seedOrganizations(ctx, ready, organizationsPlanned);
    await seedEducators(ctx, ready);
  } catch (err) {
    // A token or a read failed outside the per-item handling, or the caller aborted.
    if (!aborted(ctx)) fail(ctx, { command: 'reconcile', planId: '*', tenantId: '*' }, err);
  }
  return directoryResult(ctx, startedAt);
};
