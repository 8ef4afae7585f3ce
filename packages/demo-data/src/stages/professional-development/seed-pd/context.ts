/**
 * What every phase of the PD seeding shares: the platform (client, tokens), the plans, the
 * run's settings, and what the run records. The helpers below are the phases' only way to
 * send, read, count and report, so every command is sampled and every failure kept alike.
 */
import { RegionPlan } from '../../../region/region-model';
import { GraphQLClient } from '../../../runner/graphql-client';
import { OutcomeCounts } from '../../../runner/latency';
import { Outcome } from '../../../runner/progress';
import { aborted, readCounted, recordFailure, sendTimed, StageRun, tallyOutcome } from '../../../runner/stage-run';
import { TokenSource } from '../../../runner/tokens';
import { DirectoryIds } from '../../directory/seed-directory';
import type { CohortPlan, PdPlan } from '../pd-plan';
import type { PdCommand, PdCommandSample, PdPhase, PdSeedFailure } from '../seed-professional-development';

export { aborted };

export const REGION = 'region';

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

export interface PdSeedContext extends StageRun {
  client: GraphQLClient;
  tokens: TokenSource;
  region: RegionPlan;
  /** Plan id → the directory's id. */
  ids: DirectoryIds;
  pd: PdPlan;
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

/** Counts an outcome for the phase and reports it to the progress. */
export const tally = (ctx: PdSeedContext, phase: PdPhase, outcome: Outcome, n = 1) => tallyOutcome(ctx.progress, ctx.out.counts[phase], outcome, n);

/** Keeps the failure (the first `maxErrorsKept`) and stops the run after `maxFailures`. */
export const fail = (ctx: PdSeedContext, f: Omit<PdSeedFailure, 'message' | 'codes'>, err: unknown) => recordFailure(ctx, ctx.out, f, err);

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
  ctx.out.commandsByKind[command]++;
  const { data, sentAt, acceptedAt, latencyMs, attempts, outcome } = await sendTimed<T>(ctx, command, query, variables, token, doneCodes);
  const id = (data as { id?: unknown } | null)?.id;
  ctx.out.samples.push({ command, planId, serverId: typeof id === 'string' ? id : null, tenantId, sentAt, acceptedAt, latencyMs, attempts, outcome });
  return data;
};

/** One query, counted. */
export const read = <T>(ctx: PdSeedContext, query: string, variables: Record<string, unknown>, token: string): Promise<T> =>
  readCounted<T>(ctx, query, variables, token);

interface Page<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every page of a paged list (`field` is the connection field; the query takes `$after`), each read counted. */
export const readAll = async <N>(ctx: PdSeedContext, query: string, field: string, variables: Record<string, unknown>, token: string): Promise<N[]> => {
  const out: N[] = [];
  for (let after: string | null = null; ;) {
    const page: Page<N> = (await read<Record<string, Page<N>>>(ctx, query, { ...variables, after }, token))[field]!;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
    after = page.pageInfo.endCursor;
  }
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
