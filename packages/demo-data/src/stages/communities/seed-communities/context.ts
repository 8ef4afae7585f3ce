/**
 * What every phase of the communities seeding shares: the platform (client, tokens), the plans,
 * the run's settings, the ids the platform gave (communities, sites, events), and what the run
 * records. The helpers below are the phases' only way to send, read, count and report, so every
 * command is sampled and every failure kept alike.
 */
import { createHash } from 'node:crypto';
import { RegionPlan } from '../../../region/region-model';
import { GraphQLClient, GraphQLRequestError } from '../../../runner/graphql-client';
import { OutcomeCounts } from '../../../runner/latency';
import { Outcome } from '../../../runner/progress';
import { aborted, readCounted, recordFailure, sendTimed, StageRun, tallyOutcome } from '../../../runner/stage-run';
import { TokenSource } from '../../../runner/tokens';
import { DirectoryIds } from '../../directory/seed-directory';
import { REGION, type CommunitiesPlan, type CommunityPlan } from '../communities-plan';
import type { MethodEventLive, SiteLive } from './documents';
import type { CommunitiesCommand, CommunitiesCommandSample, CommunitiesPhase, CommunitiesSeedFailure, CommunitiesWaitingNote } from '../seed-communities';

export { aborted, REGION };

export interface CommunitiesRunRecord {
  counts: Record<CommunitiesPhase, OutcomeCounts>;
  commandsByKind: Record<CommunitiesCommand, number>;
  samples: CommunitiesCommandSample[];
  errors: CommunitiesSeedFailure[];
  waiting: CommunitiesWaitingNote[];
  /** Plan key → the platform's id. */
  communityIds: Record<string, string>;
  siteCallIds: Record<string, string>;
  siteIds: Record<string, string>;
  eventIds: Record<string, string>;
  failures: number;
}

export interface CommunitiesSeedContext extends StageRun {
  client: GraphQLClient;
  tokens: TokenSource;
  region: RegionPlan;
  ids: DirectoryIds;
  plan: CommunitiesPlan;
  /** The service's clock: events started or over, a site's reporting season (the region's day). */
  now: () => Date;
  today: () => string;
  /** How long to wait for the service's read models (educators, communities, calls, sites). */
  settleMs: number;
  pollMs: number;
  out: CommunitiesRunRecord;
  /** What the platform answered for each site and event (plan key → row), for the phases after. */
  siteLive: Map<string, SiteLive>;
  eventLive: Map<string, MethodEventLive>;
}

export const tally = (ctx: CommunitiesSeedContext, phase: CommunitiesPhase, outcome: Outcome, n = 1) =>
  tallyOutcome(ctx.progress, ctx.out.counts[phase], outcome, n);

export const fail = (ctx: CommunitiesSeedContext, f: Omit<CommunitiesSeedFailure, 'message' | 'codes'>, err: unknown) => recordFailure(ctx, ctx.out, f, err);

/** A waiting note, merged with an earlier one of the same phase and reason. */
export const wait = (ctx: CommunitiesSeedContext, note: CommunitiesWaitingNote) => {
  const same = ctx.out.waiting.find((w) => w.phase === note.phase && w.reason === note.reason);
  if (!same) ctx.out.waiting.push({ ...note });
  else {
    same.items += note.items;
    if (note.from && (!same.from || note.from < same.from)) same.from = note.from;
  }
};

/** The key of a create the platform names itself: a retry (or a re-run) finds the first one, and the answer is the row as it is now. */
export const idempotencyKey = (ctx: CommunitiesSeedContext, what: string) =>
  `demo-communities-${ctx.plan.planTag}-${createHash('sha256').update(what).digest('hex').slice(0, 32)}`;

/** Sends one mutation and records its sample; `doneCodes` mean "already done" (recorded as `existing`, answered null). */
export const send = async <T>(
  ctx: CommunitiesSeedContext,
  command: CommunitiesCommand,
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

export const read = <T>(ctx: CommunitiesSeedContext, query: string, variables: Record<string, unknown>, token: string): Promise<T> =>
  readCounted<T>(ctx, query, variables, token);

export const codeOf = (err: unknown, ...codes: string[]): string | null =>
  err instanceof GraphQLRequestError ? (codes.find((c) => err.hasCode(c)) ?? null) : null;

/** One poll interval (or until the run is stopped): before asking a read model that was behind again. */
export const pause = (ctx: CommunitiesSeedContext) => sleep(ctx, ctx.pollMs);

const sleep = (ctx: CommunitiesSeedContext, ms: number) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    ctx.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Tries again while the service answers with one of `codes` because its read model has not yet
 * caught up (an educator the directory just registered, a community or call just created, a site
 * just granted), for up to `settleMs`; then the last error stands.
 */
export const settled = async <T>(
  ctx: CommunitiesSeedContext,
  codes: readonly string[],
  body: () => Promise<T>,
  matches?: (err: unknown) => boolean,
): Promise<T> => {
  const t0 = performance.now();
  for (;;) {
    try {
      return await body();
    } catch (err) {
      const behind = codeOf(err, ...codes) !== null && (!matches || matches(err));
      if (!behind || aborted(ctx) || performance.now() - t0 > ctx.settleMs) throw err;
      await sleep(ctx, ctx.pollMs);
    }
  }
};

// ---- tokens: the real roles ----

export const operator = (ctx: CommunitiesSeedContext) => ctx.tokens.regionalOperator();
export const methodologist = (ctx: CommunitiesSeedContext, m: string) => ctx.tokens.methodologist(m);
/** A tenant's manager: the regional operator for the region, the methodologist for a municipality. */
export const manager = (ctx: CommunitiesSeedContext, tenantId: string) => (tenantId === REGION ? operator(ctx) : methodologist(ctx, tenantId));
export const coordinator = (ctx: CommunitiesSeedContext, m: string, orgPlanId: string) =>
  ctx.tokens.forRole('school_coordinator', { municipality: m, organization: ctx.ids.organizations[orgPlanId]!, subject: `demo-data-coordinator-${orgPlanId}` });
export const teacher = (ctx: CommunitiesSeedContext, m: string, orgPlanId: string, eduPlanId: string) =>
  ctx.tokens.forRole('teacher', {
    municipality: m,
    organization: ctx.ids.organizations[orgPlanId]!,
    educator: ctx.ids.educators[eduPlanId]!,
    subject: `demo-data-teacher-${eduPlanId}`,
  });
/** An expert of the municipality's council (any municipality's for a regional status). */
export const expert = (ctx: CommunitiesSeedContext, m: string) => ctx.tokens.forRole('expert', { municipality: m, subject: `demo-data-expert-${m}` });
/** Who runs a community: its school's coordinator (ШМО), its municipality's methodologist, the regional operator. */
export const runnerOf = (ctx: CommunitiesSeedContext, c: CommunityPlan) =>
  c.runBy === 'COORDINATOR' ? coordinator(ctx, c.tenantId, c.hostOrganizationPlanId!) : manager(ctx, c.tenantId);

/** Runs one phase with its progress, unless the run has stopped. */
export const runPhase = async (ctx: CommunitiesSeedContext, phase: CommunitiesPhase, total: number, body: () => Promise<void>) => {
  ctx.progress.startPhase(phase, total);
  if (!aborted(ctx)) {
    try {
      await body();
    } catch (err) {
      if (!aborted(ctx)) fail(ctx, { command: 'read', phase, planId: '*', tenantId: '*' }, err);
    }
  }
  ctx.progress.endPhase();
};
