/**
 * What every phase of the contests seeding shares: the platform (client, tokens), the plans,
 * the run's settings, what the platform is found to hold (stage ids, students' ids, each
 * stage's protocols), and what the run records. The helpers below are the phases' only way
 * to send, read, count and report, so every command is sampled and every failure kept alike.
 */
import { createHash } from 'node:crypto';
import { RegionPlan } from '../../../region/region-model';
import { GraphQLClient, GraphQLRequestError } from '../../../runner/graphql-client';
import { OutcomeCounts } from '../../../runner/latency';
import { Outcome } from '../../../runner/progress';
import { aborted, ms, readCounted, recordFailure, sendTimed, StageRun, tallyOutcome } from '../../../runner/stage-run';
import { TokenSource } from '../../../runner/tokens';
import { DirectoryIds } from '../../directory/seed-directory';
import type { ContestsPlan, OlympiadStagePlan, StudentPlan } from '../contests-plan';
import type { ContestsCommand, ContestsCommandSample, ContestsPhase, ContestsSeedFailure, WaitingNote } from '../seed-contests';

export { aborted };

export const REGION = 'region';

/** A grade group's protocol as the platform's read model shows it. */
export interface PartitionLive {
  id: string;
  groupId: string;
  status: 'SCORING' | 'PRELIMINARY' | 'FINAL';
  marks: number;
  appealsUntil: string | null;
  appeals: { id: string; code: string; taskId: string; decided: boolean }[];
}

/** A stage as the platform has it (its organiser's view). */
export interface StageLive {
  id: string;
  consentDeadline: string;
  registrationTo: string;
  jury: { jurorId: string; chair: boolean; appealCommission: boolean }[];
  passingScores: { groupId: string; score: number }[];
  partitions: Map<string, PartitionLive>;
  /** Student id → their entry (code, group, status); filled by the entries phase. */
  entries: Map<string, { code: string | null; groupId: string; status: string }>;
  /** Code → jurors (sorted), once assigned. */
  assignments: Map<string, string[]>;
}

/** What the run records for its result. */
export interface ContestsRunRecord {
  counts: Record<ContestsPhase, OutcomeCounts>;
  commandsByKind: Record<ContestsCommand, number>;
  samples: ContestsCommandSample[];
  errors: ContestsSeedFailure[];
  warnings: string[];
  waiting: WaitingNote[];
  /** Student plan key → the platform's id. */
  studentIds: Record<string, string>;
  /** Stage plan key → the platform's id. */
  stageIds: Record<string, string>;
  scores: { files: number; reruns: number; lines: number; applied: number; rejected: number; missingWorks: number };
  /** Planned entrants of a later level the admission list does not hold (left out). */
  notAdmitted: number;
  failures: number;
}

export interface ContestsSeedContext extends StageRun {
  client: GraphQLClient;
  tokens: TokenSource;
  region: RegionPlan;
  /** Plan id → the directory's id. */
  ids: DirectoryIds;
  plan: ContestsPlan;
  stageByKey: Map<string, OlympiadStagePlan>;
  studentByKey: Map<string, StudentPlan>;
  /** Directory organisation id → plan id. */
  orgPlanIdOf: Map<string, string>;
  live: Map<string, StageLive>;
  /** How long to wait for the platform's read models (educators known, codes, the admission list). */
  settleMs: number;
  pollMs: number;
  out: ContestsRunRecord;
}

/** Counts an outcome for the phase and reports it to the progress. */
export const tally = (ctx: ContestsSeedContext, phase: ContestsPhase, outcome: Outcome, n = 1) => tallyOutcome(ctx.progress, ctx.out.counts[phase], outcome, n);

/** Keeps the failure (the first `maxErrorsKept`) and stops the run after `maxFailures`. */
export const fail = (ctx: ContestsSeedContext, f: Omit<ContestsSeedFailure, 'message' | 'codes'>, err: unknown) => recordFailure(ctx, ctx.out, f, err);

/** A waiting note, merged with an earlier one of the same phase and reason. */
export const wait = (ctx: ContestsSeedContext, note: WaitingNote) => {
  const same = ctx.out.waiting.find((w) => w.phase === note.phase && w.reason === note.reason);
  if (!same) ctx.out.waiting.push({ ...note });
  else {
    same.items += note.items;
    if (note.until && (!same.until || note.until < same.until)) same.until = note.until;
  }
};

/** An idempotency key for a create the platform names itself (stage, class list, appeal): a retry finds the first one. */
export const idempotencyKey = (ctx: ContestsSeedContext, what: string) =>
  `demo-contests-${ctx.plan.planTag}-${createHash('sha256').update(what).digest('hex').slice(0, 32)}`;

/**
 * Sends one mutation and records its sample. `doneCodes`: answers that mean "already
 * done" — recorded as `existing` and returned as null.
 */
export const send = async <T>(
  ctx: ContestsSeedContext,
  command: ContestsCommand,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  planId: string,
  tenantId: string,
  opts: { doneCodes?: readonly string[]; idempotencyKey?: string } = {},
): Promise<T | null> => {
  ctx.out.commandsByKind[command]++;
  const headers = opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : undefined;
  const { data, sentAt, acceptedAt, latencyMs, attempts, outcome } = await sendTimed<T>(ctx, command, query, variables, token, opts.doneCodes ?? [], headers);
  const id = (data as { id?: unknown } | null)?.id;
  ctx.out.samples.push({ command, planId, serverId: typeof id === 'string' ? id : null, tenantId, sentAt, acceptedAt, latencyMs, attempts, outcome });
  return data;
};

/** A score file through the gateway's upload route, timed and sampled like a command. */
export const upload = async (ctx: ContestsSeedContext, params: Record<string, string>, csv: string, token: string, planId: string, tenantId: string) => {
  ctx.out.commandsByKind.uploadScores++;
  ctx.progress.commandSent();
  const sentAt = Date.now();
  const t0 = performance.now();
  const r = await ctx.client.upload('olympiad-scores', params, csv, { token, signal: ctx.signal, timeoutMs: 300_000 });
  const ok = r.status >= 200 && r.status < 300;
  if (ok) {
    const latencyMs = ms(performance.now() - t0);
    const outcome = r.body?.rerun ? 'existing' : 'created';
    ctx.out.samples.push({
      command: 'uploadScores',
      planId,
      serverId: params['importId'] ?? null,
      tenantId,
      sentAt,
      acceptedAt: Date.now(),
      latencyMs,
      attempts: r.attempts,
      outcome,
    });
  }
  return r;
};

/** One query, counted. */
export const read = <T>(ctx: ContestsSeedContext, query: string, variables: Record<string, unknown>, token: string): Promise<T> =>
  readCounted<T>(ctx, query, variables, token);

interface Page<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every page of a paged list (`field` is the connection field; the query takes `$after`), each read counted. */
export const readAll = async <N>(ctx: ContestsSeedContext, query: string, field: string, variables: Record<string, unknown>, token: string): Promise<N[]> => {
  const out: N[] = [];
  for (let after: string | null = null; ;) {
    const page: Page<N> = (await read<Record<string, Page<N>>>(ctx, query, { ...variables, after }, token))[field]!;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
    after = page.pageInfo.endCursor;
  }
};

export const sleep = (ctx: ContestsSeedContext, msToWait: number) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, msToWait);
    ctx.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** The error's code, if the platform answered with one. */
export const codeOf = (err: unknown, ...codes: string[]): string | null =>
  err instanceof GraphQLRequestError ? (codes.find((c) => err.hasCode(c)) ?? null) : null;

// ---- tokens: the real roles ----

export const operator = (ctx: ContestsSeedContext) => ctx.tokens.regionalOperator();
export const methodologist = (ctx: ContestsSeedContext, m: string) => ctx.tokens.methodologist(m);
/** The stage's organiser: its municipality's methodologist, or the regional operator. */
export const organiser = (ctx: ContestsSeedContext, s: OlympiadStagePlan) => (s.organiser === REGION ? operator(ctx) : methodologist(ctx, s.organiser));
export const coordinator = (ctx: ContestsSeedContext, m: string, orgPlanId: string) =>
  ctx.tokens.forRole('school_coordinator', {
    municipality: m,
    organization: ctx.ids.organizations[orgPlanId]!,
    subject: `demo-data-coordinator-${orgPlanId}`,
  });
/** A juror: an educator's token names their municipality and educator (`juror` role). */
export const juror = (ctx: ContestsSeedContext, municipalityId: string, eduPlanId: string) =>
  ctx.tokens.forRole('juror', {
    municipality: municipalityId,
    educator: ctx.ids.educators[eduPlanId]!,
    subject: `demo-data-juror-${eduPlanId}`,
  });

/** Runs one phase with its progress, unless the run has stopped. */
export const runPhase = async (ctx: ContestsSeedContext, phase: ContestsPhase, total: number, body: () => Promise<void>) => {
  ctx.progress.startPhase(phase, total);
  if (!aborted(ctx)) {
    try {
      await body();
    } catch (err) {
      // A token or a read failed outside the per-item handling, or the caller aborted.
      if (!aborted(ctx)) fail(ctx, { command: 'read', phase, planId: '*', tenantId: '*' }, err);
    }
  }
  ctx.progress.endPhase();
};
