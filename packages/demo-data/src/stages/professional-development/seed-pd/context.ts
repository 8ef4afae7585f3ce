/**
 * What every phase of the PD seeding shares: the platform (client, tokens), the plans, the
 * run's settings, and what the run records. The helpers below are the phases' only way to
 * send, read, count and report, so every command is sampled and every failure kept alike.
 */
import { RegionPlan } from '../../../region/region-model';
import { GraphQLClient, GraphQLRequestError, GraphQLTransportError } from '../../../runner/graphql-client';
import { OutcomeCounts } from '../../../runner/latency';
import { Outcome, ProgressTracker } from '../../../runner/progress';
import { TokenSource } from '../../../runner/tokens';
import { DirectoryIds } from '../../directory/seed-directory';
import type { CohortPlan, PdPlan } from '../pd-plan';
import type { PdCommand, PdCommandSample, PdPhase, PdSeedFailure } from '../seed-professional-development';

export const REGION = 'region';

class TooManyFailures extends Error {}

const ms = (x: number) => Math.round(x * 1000) / 1000;

/** What the run records for its result. */
export interface PdRunRecord {
  counts: Record<PdPhase, OutcomeCounts>;
  commandsByKind: Record<PdCommand, number>;
  samples: PdCommandSample[];
  errors: PdSeedFailure[];
  warnings: string[];
  programmeIds: Record<string, string>;
  cohortIds: Record<string, string>;
  enrolmentIds: Record<string, string>;
  diag: { rowsImported: number; rowsRejected: number; reruns: number; rowsWithoutEducator: number };
  enrolmentsDiverged: number;
  educatorsWaitMs: number;
  failures: number;
}

export interface PdSeedContext {
  client: GraphQLClient;
  tokens: TokenSource;
  region: RegionPlan;
  /** Plan id → the directory's id. */
  ids: DirectoryIds;
  pd: PdPlan;
  concurrency: number;
  /** The caller's signal and the run's own (aborted after `maxFailures`). */
  signal: AbortSignal;
  internal: AbortController;
  maxFailures: number;
  maxErrorsKept: number;
  progress: ProgressTracker;
  /** The real today (UTC ISO date). */
  today: () => string;
  skip: ReadonlySet<PdPhase>;
  educatorsWaitMs: number;
  pollMs: number;
  /** The plan's municipalities the directory has, in plan order. */
  municipalityIds: string[];
  cohortByKey: Map<string, CohortPlan>;
  out: PdRunRecord;
}

export const aborted = (ctx: PdSeedContext) => ctx.signal.aborted;

/** Counts an outcome for the phase and reports it to the progress. */
export const tally = (ctx: PdSeedContext, phase: PdPhase, outcome: Outcome, n = 1) => {
  if (n <= 0) return;
  ctx.out.counts[phase][outcome] += n;
  ctx.progress.record(outcome, n);
};

/** Keeps the failure (the first `maxErrorsKept`) and stops the run after `maxFailures`. */
export const fail = (ctx: PdSeedContext, f: Omit<PdSeedFailure, 'message' | 'codes'>, err: unknown) => {
  const { out, internal } = ctx;
  out.failures++;
  if (out.errors.length < ctx.maxErrorsKept) {
    out.errors.push({
      ...f,
      message: err instanceof Error ? err.message : String(err),
      codes: err instanceof GraphQLRequestError ? err.codes : err instanceof GraphQLTransportError ? ['TRANSPORT'] : [],
    });
  }
  if (out.failures >= ctx.maxFailures && !internal.signal.aborted) internal.abort(new TooManyFailures(`${out.failures} failures`));
};

/**
 * Sends one mutation and records its sample. `doneCodes`: answers that mean "already
 * done" — recorded as `existing` and returned as null.
 */
export const send = async <T>(
  ctx: PdSeedContext,
  command: PdCommand,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  planId: string,
  tenantId: string,
  doneCodes: readonly string[] = [],
): Promise<T | null> => {
  const sentAt = Date.now();
  const t0 = performance.now();
  ctx.progress.commandSent();
  ctx.out.commandsByKind[command]++;
  const sample = (serverId: string | null, attempts: number, outcome: 'created' | 'existing') =>
    ctx.out.samples.push({ command, planId, serverId, tenantId, sentAt, acceptedAt: Date.now(), latencyMs: ms(performance.now() - t0), attempts, outcome });
  try {
    const r = await ctx.client.execute<Record<string, T>>(query, variables, { token, signal: ctx.signal });
    const data = r.data[command]!;
    const serverId = (data as { id?: unknown } | null)?.id;
    sample(typeof serverId === 'string' ? serverId : null, r.attempts, 'created');
    return data;
  } catch (err) {
    if (err instanceof GraphQLRequestError && doneCodes.some((c) => err.hasCode(c))) {
      sample(null, err.attempts, 'existing');
      return null;
    }
    throw err;
  }
};

/** One query, counted. */
export const read = async <T>(ctx: PdSeedContext, query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
  ctx.progress.querySent();
  return ctx.client.request<T>(query, variables, { token, signal: ctx.signal });
};

// ---- tokens: the real roles ----

export const operator = (ctx: PdSeedContext) => ctx.tokens.regionalOperator();
export const methodologist = (ctx: PdSeedContext, m: string) => ctx.tokens.methodologist(m);
export const coordinator = (ctx: PdSeedContext, m: string, orgPlanId: string) =>
  ctx.tokens.forRole('school_coordinator', {
    municipality: m,
    organization: ctx.ids.organizations[orgPlanId]!,
    subject: `demo-data-coordinator-${orgPlanId}`,
  });
export const teacher = (ctx: PdSeedContext, m: string, orgPlanId: string, eduPlanId: string) =>
  ctx.tokens.forRole('teacher', {
    municipality: m,
    organization: ctx.ids.organizations[orgPlanId]!,
    educator: ctx.ids.educators[eduPlanId]!,
    subject: `demo-data-teacher-${eduPlanId}`,
  });
/** The owner of a programme or cohort: its municipality's methodologist, or the regional operator. */
export const ownerToken = (ctx: PdSeedContext, municipalityId: string | null) => (municipalityId ? methodologist(ctx, municipalityId) : operator(ctx));

/** Runs one phase with its progress, unless skipped on request or the run has stopped. */
export const runPhase = async (ctx: PdSeedContext, phase: PdPhase, total: number, body: () => Promise<void>) => {
  ctx.progress.startPhase(phase, total);
  if (ctx.skip.has(phase)) {
    tally(ctx, phase, 'skipped', ctx.out.counts[phase].planned);
    ctx.out.warnings.push(`${phase}: skipped on request`);
  } else if (!aborted(ctx)) {
    try {
      await body();
    } catch (err) {
      // A token or a read failed outside the per-item handling, or the caller aborted.
      if (!aborted(ctx)) fail(ctx, { command: 'read', phase, planId: '*', tenantId: '*' }, err);
    }
  }
  ctx.progress.endPhase();
};
