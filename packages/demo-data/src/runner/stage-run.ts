/**
 * The mechanics every seeding stage shares while it runs: its settings and signals, counting
 * outcomes, keeping failures and stopping after too many, sending a timed command, and the
 * timing part of its result. Each stage keeps its own record (stages/<context>/); these
 * helpers only work on it, so every stage counts, samples and reports failures alike.
 */
import { DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { GraphQLClient, GraphQLRequestError, GraphQLTransportError } from './graphql-client';
import { OutcomeCounts } from './latency';
import { Outcome, ProgressListener, ProgressTracker } from './progress';

/** The reason a run aborts itself once it has failed `maxFailures` times. */
export class TooManyFailures extends Error {}

/** Milliseconds to the microsecond. */
export const ms = (x: number) => Math.round(x * 1000) / 1000;

/** Today as the services count it: the region's day (REGION_TIME_ZONE), which turns at its own midnight, not UTC's. */
export const regionToday = () => todayIn(process.env['REGION_TIME_ZONE'] ?? DEFAULT_REGION_TIME_ZONE);

/** Nothing done yet of `planned` items. */
export const emptyCounts = (planned: number): OutcomeCounts => ({ planned, created: 0, existing: 0, failed: 0, skipped: 0, missing: 0 });

/** The run settings every seeder takes, with the same defaults. */
export interface StageRunOptions {
  /** Commands in flight at once; default 16. */
  concurrency?: number;
  onProgress?: ProgressListener;
  progressIntervalMs?: number;
  /** Stop the stage after this many failures; default 200. */
  maxFailures?: number;
  maxErrorsKept?: number;
  signal?: AbortSignal;
}

/** What a run needs to count, report and stop: its settings (defaults applied), its progress and its signals. */
export interface StageRun {
  concurrency: number;
  /** The caller's signal and the run's own (aborted after `maxFailures`). */
  signal: AbortSignal;
  internal: AbortController;
  maxFailures: number;
  maxErrorsKept: number;
  progress: ProgressTracker;
}

/** A stage's run settings; its progress clock starts here. */
export const startStageRun = (stage: string, options: StageRunOptions): StageRun => {
  const progress = new ProgressTracker(stage, options.onProgress, options.progressIntervalMs ?? 1000);
  const internal = new AbortController();
  return {
    concurrency: options.concurrency ?? 16,
    signal: options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal,
    internal,
    maxFailures: options.maxFailures ?? 200,
    maxErrorsKept: options.maxErrorsKept ?? 100,
    progress,
  };
};

/** Stopped early: too many failures or the caller's signal. */
export const aborted = (run: Pick<StageRun, 'signal'>) => run.signal.aborted;

/** Counts an outcome of `n` items and reports it to the progress. */
export const tallyOutcome = (progress: ProgressTracker, counts: OutcomeCounts, outcome: Outcome, n = 1) => {
  if (n <= 0) return;
  counts[outcome] += n;
  progress.record(outcome, n);
};

/** Where a run keeps its failures: how many, and the first `maxErrorsKept` of them. */
export interface FailureLog<F> {
  failures: number;
  errors: F[];
}

/** What every failure report holds besides what it was for. */
export interface ReportedError {
  message: string;
  codes: string[];
}

/** Keeps the failure (the first `maxErrorsKept`) and stops the run after `maxFailures`. */
export const recordFailure = <F extends ReportedError>(run: StageRun, log: FailureLog<F>, f: Omit<F, keyof ReportedError>, err: unknown) => {
  log.failures++;
  if (log.errors.length < run.maxErrorsKept) {
    log.errors.push({
      ...f,
      message: err instanceof Error ? err.message : String(err),
      codes: err instanceof GraphQLRequestError ? err.codes : err instanceof GraphQLTransportError ? ['TRANSPORT'] : [],
    } as F);
  }
  if (log.failures >= run.maxFailures && !run.internal.signal.aborted) run.internal.abort(new TooManyFailures(`${log.failures} failures`));
};

/** A mutation's answer with what its sample records: `existing` when the platform answered "already done" (`data` is then null). */
export interface TimedAnswer<T> {
  data: T | null;
  outcome: 'created' | 'existing';
  attempts: number;
  /** Epoch ms. */
  sentAt: number;
  acceptedAt: number;
  /** Round trip through the gateway, including retries (ms, sub-millisecond precision). */
  latencyMs: number;
}

/** The platform and the run a command is sent in. */
export interface CommandChannel {
  client: GraphQLClient;
  progress: ProgressTracker;
  signal: AbortSignal;
}

/**
 * Sends one mutation (counted) and times it; an error with one of `doneCodes` means "already
 * done". `headers`: e.g. an `Idempotency-Key`, so that a retry after a lost answer finds the
 * first request's commit instead of writing again.
 */
export const sendTimed = async <T>(
  ch: CommandChannel,
  field: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  doneCodes: readonly string[] = [],
  headers?: Record<string, string>,
): Promise<TimedAnswer<T>> => {
  const sentAt = Date.now();
  const t0 = performance.now();
  const answer = (data: T | null, attempts: number, outcome: 'created' | 'existing'): TimedAnswer<T> => ({
    data,
    outcome,
    attempts,
    sentAt,
    acceptedAt: Date.now(),
    latencyMs: ms(performance.now() - t0),
  });
  ch.progress.commandSent();
  try {
    const r = await ch.client.execute<Record<string, T>>(query, variables, { token, signal: ch.signal, ...(headers ? { headers } : {}) });
    return answer(r.data[field]!, r.attempts, 'created');
  } catch (err) {
    if (err instanceof GraphQLRequestError && doneCodes.some((c) => err.hasCode(c))) return answer(null, err.attempts, 'existing');
    throw err;
  }
};

/** One query, counted. */
export const readCounted = async <T>(ch: CommandChannel, query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
  ch.progress.querySent();
  return ch.client.request<T>(query, variables, { token, signal: ch.signal });
};

/** The timing part of a stage's result, from the run's progress and its start. */
export const runTiming = (progress: ProgressTracker, startedAt: Date) => {
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  return {
    commands: progress.commandCount,
    queries: progress.queryCount,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs,
    commandsPerSecond: durationMs > 0 ? Math.round((progress.commandCount * 10000) / durationMs) / 10 : 0,
  };
};
