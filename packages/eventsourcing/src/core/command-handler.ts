import { Decider, StreamInfo } from './decider';
import { CommandContext, DomainEvent, EventEnvelope } from './envelope';
import { ConcurrencyError, IdempotencyKeyReusedError, PlatformError } from './errors';
import { EventStore, ReadStreamResult } from './event-store';
export type { CommandOrPlan } from './deciding';
export type { BatchItem } from './command-batch';
import { BatchItem, handleBatch } from './command-batch';
import { CommandOrPlan, decideEach, decideFresh, isPlan, stateAt } from './deciding';

export interface HandleResult<State> {
  state: State;
  version: number;
  /** The tenant that holds the stream (where the events were appended). */
  tenantId: string;
  events: EventEnvelope[];
  /** True when the stream already held this request's commit (a client retry): nothing was appended, `events` are that commit's. */
  replayed?: boolean;
}

/** What `handleEach` answers: the stream after the list, and per command null (taken) or its refusal. */
export interface EachResult<State> extends HandleResult<State> {
  outcomes: Array<PlatformError | null>;
}

export interface CommandHandlerOptions {
  /** How many times a command is re-decided after a concurrency conflict (default 3). */
  retries?: number;
}

/**
 * Where the stream is: `{ tenantId }` — in that tenant (a new stream is created there);
 * `{ locate: true }` — wherever it exists (one read by stream id), else, when `orIn` is
 * given, a new stream there; else NOT_FOUND is the decider's to say (state is initial).
 * `fixed`: the stream never moves to another tenant (a stage, a cohort, a community: only an
 * educator's record follows them), so a store need not check where it begins.
 * `fresh` (`handle`): the stream's id was minted for this request (a new record), so its
 * first attempt is decided on the initial state without reading the stream. A refusal or a
 * no-op there, or an append refused because the stream exists after all (a client's retry
 * under the same request key, whose id is derived from the key), sends it down the normal
 * path: read, then decide (and a retry is answered from its first commit).
 */
export type StreamLocation = { tenantId: string; fresh?: true } | { locate: true; orIn?: string; fixed?: true };

/**
 * Loads a stream once per attempt, decides, appends. On a concurrency conflict it reloads
 * and decides again (the command may now be refused by the rules: that is the point).
 */
export class CommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly options: CommandHandlerOptions = {},
  ) {}

  /**
   * `cached`: for a command that appends on what it reads (see `ReadOptions`); a load that
   * answers from the store's memory says `found.fromCache`.
   */
  async load<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    where: StreamLocation | string,
    streamId: string,
    cached = false,
  ): Promise<{ state: S; version: number; tenantId: string | null; found: ReadStreamResult }> {
    const at: StreamLocation = typeof where === 'string' ? { tenantId: where } : where;
    const opts = cached ? { cached: true } : {};
    const found =
      'tenantId' in at
        ? { ...(await this.store.readStream(at.tenantId, streamId, opts)), tenantId: at.tenantId }
        : await this.store.locateStream(streamId, at.fixed ? { fixed: true, ...opts } : opts);
    let state = decider.initialState();
    for (const e of found.events) state = decider.evolve(state, { type: e.type, data: e.data } as E);
    const tenantId = found.tenantId ?? ('orIn' in at ? (at.orIn ?? null) : null);
    return { state, version: found.version, tenantId, found };
  }

  /**
   * Many commands, decided as `handle` decides one and appended together
   * (`EventStore.appendMany`: few round trips for seeding and bulk work). Each item ends with
   * its result or its error, in the order given: a refusal or a conflict of one stream leaves
   * the others alone; a conflict is decided again on its own, as `handle` would. Items on the
   * same stream (two trainings of one educator in a list) are decided in order and appended
   * as one commit, as `handleEach` does. Under a client's request key, a stream's commit is
   * kept under `<key>#<index of its first item>`: a retried batch gets each item's first
   * answer (`replayed`) and appends nothing again.
   */
  handleMany<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    items: readonly BatchItem<S, C>[],
    ctx: Omit<CommandContext, 'tenantId'> & { tenantId?: string },
  ): Promise<Array<HandleResult<S> | Error>> {
    return handleBatch(this, this.store, decider, items, ctx);
  }

  /**
   * A list of commands on one stream (a community's new members, an event's attendance
   * sheet): decided in order, each on the state the ones before it left, and appended as one
   * commit. A command the rules refuse is answered with its error and the others go on; a
   * conflict decides the whole list again. A client's retry gets the first answer: that
   * commit's events, and each command's refusal decided again on the stream as it was then.
   */
  async handleEach<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    commands: readonly CommandOrPlan<S, C>[],
    ctx: Omit<CommandContext, 'tenantId'> & { tenantId?: string },
    where?: StreamLocation,
  ): Promise<EachResult<S>> {
    const location: StreamLocation = where ?? { tenantId: ctx.tenantId ?? '' };
    if ('tenantId' in location && !location.tenantId) throw new Error('a command needs the tenant of its stream');
    const retries = this.options.retries ?? 3;
    let cached = true;
    for (let attempt = 0; ; attempt++) {
      const { state, version, tenantId, found } = await this.load(decider, location, streamId, cached);
      // An answer from memory is only trusted for an append (a stale one fails it); otherwise read again.
      const fromCache = found.fromCache === true;
      cached = false;
      const stream: StreamInfo = { tenantId: tenantId ?? '', streamId, version };
      const earlier = ctx.request && found.keyed?.find((k) => k.key === ctx.request!.key);
      if (earlier) {
        if (earlier.fingerprint !== ctx.request!.fingerprint) throw new IdempotencyKeyReusedError(streamId);
        const before = stateAt(decider, found.events, earlier.expectedVersion);
        const { outcomes } = decideEach(decider, commands, before, { ...stream, version: earlier.expectedVersion });
        const events = found.events.filter((e) => e.streamVersion > earlier.expectedVersion && e.streamVersion <= earlier.lastVersion);
        return { state, version, tenantId: tenantId ?? '', events, replayed: true, outcomes: outcomes as Array<PlatformError | null> };
      }
      // Without `anyError` every outcome is a rule's refusal (anything else was thrown).
      let decided: ReturnType<typeof decideEach<S, C, E>>;
      try {
        decided = decideEach(decider, commands, state, stream);
      } catch (err) {
        if (fromCache) {
          attempt--;
          continue;
        }
        throw err;
      }
      const { events: newEvents, after } = decided;
      const outcomes = decided.outcomes as Array<PlatformError | null>;
      if (fromCache && (!newEvents.length || outcomes.some(Boolean))) {
        attempt--;
        continue;
      }
      if (newEvents.length && !tenantId) throw new Error(`stream ${streamId} has no tenant to append to`);
      try {
        const { events, nextExpectedVersion } = await this.store.append(decider.streamType, streamId, version, newEvents, { ...ctx, tenantId: tenantId ?? '' });
        return { state: after, version: nextExpectedVersion, tenantId: tenantId ?? '', events, outcomes };
      } catch (err) {
        if (err instanceof ConcurrencyError && fromCache) {
          attempt--;
          continue;
        }
        if (err instanceof ConcurrencyError && attempt < retries) {
          await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
          continue;
        }
        throw err;
      }
    }
  }

  /** A fresh stream's first attempt (see `StreamLocation`): the result, or undefined for the normal path. */
  private async freshAttempt<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: CommandOrPlan<S, C>,
    ctx: Omit<CommandContext, 'tenantId'>,
    tenantId: string,
  ): Promise<HandleResult<S> | undefined> {
    const decided = decideFresh(decider, command, tenantId, streamId, false);
    if (!decided) return undefined;
    try {
      const appended = await this.store.append(decider.streamType, streamId, 0, decided.events, { ...ctx, tenantId });
      return { state: decided.state, version: appended.nextExpectedVersion, tenantId, events: appended.events };
    } catch (err) {
      if (err instanceof ConcurrencyError) return undefined;
      throw err;
    }
  }

  async handle<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: CommandOrPlan<S, C>,
    ctx: Omit<CommandContext, 'tenantId'> & { tenantId?: string },
    where?: StreamLocation,
  ): Promise<HandleResult<S>> {
    const location: StreamLocation = where ?? { tenantId: ctx.tenantId ?? '' };
    if ('tenantId' in location && !location.tenantId) throw new Error('a command needs the tenant of its stream');
    const retries = this.options.retries ?? 3;
    let fresh = 'tenantId' in location && location.fresh === true;
    let cached = true;
    for (let attempt = 0; ; attempt++) {
      if (fresh) {
        fresh = false;
        const done = await this.freshAttempt(decider, streamId, command, ctx, (location as { tenantId: string }).tenantId);
        if (done) return done;
      }
      const { state, version, tenantId, found } = await this.load(decider, location, streamId, cached);
      // An answer from memory is only trusted for an append (a stale one fails it); otherwise read again.
      const fromCache = found.fromCache === true;
      cached = false;
      // A client retry of a request this stream already took: its answer, not a second append.
      const earlier = ctx.request && found.keyed?.find((k) => k.key === ctx.request!.key);
      if (earlier) {
        if (earlier.fingerprint !== ctx.request!.fingerprint) throw new IdempotencyKeyReusedError(streamId);
        const events = found.events.filter((e) => e.streamVersion > earlier.expectedVersion && e.streamVersion <= earlier.lastVersion);
        return { state, version, tenantId: tenantId ?? '', events, replayed: true };
      }
      // A stream found nowhere, with nowhere to create it: the decider sees the initial state and says NOT_FOUND.
      const stream: StreamInfo = { tenantId: tenantId ?? '', streamId, version };
      let newEvents: E[];
      try {
        newEvents = decider.decide(isPlan(command) ? command(state, stream) : command, state, stream);
      } catch (err) {
        if (fromCache && err instanceof PlatformError) {
          attempt--;
          continue;
        }
        throw err;
      }
      if (fromCache && !newEvents.length) {
        attempt--;
        continue;
      }
      if (newEvents.length && !tenantId) throw new Error(`stream ${streamId} has no tenant to append to`);
      try {
        const { events, nextExpectedVersion } = await this.store.append(decider.streamType, streamId, version, newEvents, {
          ...ctx,
          tenantId: tenantId ?? '',
        });
        return { state: newEvents.reduce(decider.evolve, state), version: nextExpectedVersion, tenantId: tenantId ?? '', events };
      } catch (err) {
        if (err instanceof ConcurrencyError && fromCache) {
          attempt--;
          continue;
        }
        if (err instanceof ConcurrencyError && attempt < retries) {
          await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
          continue;
        }
        throw err;
      }
    }
  }
}
