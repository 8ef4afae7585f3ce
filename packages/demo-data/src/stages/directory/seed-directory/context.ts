/**
 * What every phase of the directory seeding shares: the platform (client, tokens), the plan,
 * the run's settings, and what the run records. The helpers below are the phases' only way to
 * send, read, count and report, so every command is sampled and every failure kept alike.
 */
import { RegionPlan } from '../../../region/region-model';
import { GraphQLClient } from '../../../runner/graphql-client';
import { Outcome } from '../../../runner/progress';
import { aborted, readCounted, recordFailure, sendTimed, StageRun, tallyOutcome } from '../../../runner/stage-run';
import { TokenSource } from '../../../runner/tokens';
import type { CommandSample, DirectoryCommand, DirectoryIds, DirectorySeedResult, SeedFailure } from '../seed-directory';

export { aborted };

/** One page of a list query (the directory's connections). */
interface Page<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** What every phase of the directory seeding shares: the platform, the run's settings, and what it records. */
export interface DirectorySeedContext extends StageRun {
  client: GraphQLClient;
  tokens: TokenSource;
  plan: RegionPlan;
  mode: 'seed' | 'resolve';
  /** Read what exists before registering (always in `resolve`). */
  reconcile: boolean;
  counts: DirectorySeedResult['counts'];
  ids: DirectoryIds;
  samples: CommandSample[];
  errors: SeedFailure[];
  failures: number;
  duplicatesFound: number;
}

/** The kinds of record the directory seeding counts. */
type Which = keyof DirectorySeedResult['counts'];

/** Counts an outcome for the kind of record and reports it to the progress. */
export const tally = (ctx: DirectorySeedContext, which: Which, outcome: Outcome, n = 1) => tallyOutcome(ctx.progress, ctx.counts[which], outcome, n);

/** Keeps the failure (the first `maxErrorsKept`) and stops the run after `maxFailures`. */
export const fail = (ctx: DirectorySeedContext, f: Omit<SeedFailure, 'message' | 'codes'>, err: unknown) => recordFailure(ctx, ctx, f, err);

/** One command to send: what, for which plan record and tenant, and the answer that means "exists" (if any). */
export interface DirectoryCommandCall {
  name: DirectoryCommand;
  query: string;
  input: Record<string, unknown>;
  token: string;
  planId: string;
  tenantId: string;
  existsCode: string | null;
}

/** Sends one command and records its sample; returns the id, or the plan id as `existing` for the "exists" code. */
export const command = async (ctx: DirectorySeedContext, c: DirectoryCommandCall): Promise<{ id: string; outcome: 'created' | 'existing' }> => {
  const { name, planId, tenantId } = c;
  const a = await sendTimed<{ id: string }>(ctx, name, c.query, { input: c.input }, c.token, c.existsCode ? [c.existsCode] : []);
  const id = a.outcome === 'created' ? a.data!.id : planId;
  const { sentAt, acceptedAt, latencyMs, attempts, outcome } = a;
  ctx.samples.push({ command: name, planId, serverId: id, tenantId, sentAt, acceptedAt, latencyMs, attempts, outcome });
  return { id, outcome };
};

/** Every page of a list query. */
export const readAll = async <N>(
  ctx: DirectorySeedContext,
  query: string,
  field: string,
  token: string,
  variables: Record<string, unknown> = {},
): Promise<N[]> => {
  const out: N[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Page<N>> = await readCounted<Record<string, Page<N>>>(ctx, query, { ...variables, after }, token);
    const page: Page<N> = data[field]!;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
    after = page.pageInfo.endCursor;
  }
};

/** Natural key → id (the first by id); counts keys seen more than once. */
export const index = <N>(ctx: DirectorySeedContext, nodes: N[], key: (n: N) => string | null, id: (n: N) => string): Map<string, string> => {
  const map = new Map<string, string>();
  for (const n of [...nodes].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0))) {
    const k = key(n);
    if (k === null) continue;
    if (map.has(k)) ctx.duplicatesFound++;
    else map.set(k, id(n));
  }
  return map;
};
