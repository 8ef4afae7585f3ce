import { CommandContext, DomainEvent, EventEnvelope, RequestKey } from './envelope';

/** A commit made under a client's request key: the versions it appended. */
export interface KeyedCommit extends RequestKey {
  /** The stream version before the commit and after it. */
  expectedVersion: number;
  lastVersion: number;
}

export interface ReadStreamResult {
  events: EventEnvelope[];
  /** 0 when the stream does not exist. */
  version: number;
  /** Commits made under a request key (`CommandContext.request`), oldest first; absent when none. */
  keyed?: KeyedCommit[];
  /** Answered from the store's memory without looking for what followed (asked with `cached`). */
  fromCache?: true;
}

/**
 * `cached`: the caller appends on what it reads, and a stream that moved on meanwhile only makes
 * that append fail with ConcurrencyError (the version it expects is taken), so the store may
 * answer from its memory without asking what followed. Whoever gets a refusal or nothing to
 * append from such an answer must read again without it before saying so.
 */
export interface ReadOptions {
  cached?: boolean;
}

export interface LocatedStream extends ReadStreamResult {
  /** The tenant that holds the stream now; null when no tenant has it. */
  tenantId: string | null;
}

export interface AppendResult {
  events: EventEnvelope[];
  nextExpectedVersion: number;
}

/** One append of a batch (`EventStore.appendMany`). */
export interface AppendItem {
  streamType: string;
  streamId: string;
  expectedVersion: number;
  events: DomainEvent[];
  ctx: CommandContext;
}

/**
 * The event store port: streams are keyed by (tenant, stream id). MongoEventStore is the
 * real one; @mms/testing has an in-memory one for handler specs.
 */
export interface EventStore {
  readStream(tenantId: string, streamId: string, opts?: ReadOptions): Promise<ReadStreamResult>;
  /**
   * A stream by id alone, in whichever tenant holds it, in one read. Stream ids are unique
   * per stream type across tenants except where a stream moves (an educator transferred to
   * another municipality continues in a stream of the same id there): the tenant with the
   * most recent commit holds it. `fixed`: the caller knows the stream never moves.
   */
  locateStream(streamId: string, opts?: { fixed?: boolean } & ReadOptions): Promise<LocatedStream>;
  /**
   * Appends if the stream is still at `expectedVersion` (0 = new); ConcurrencyError otherwise,
   * nothing written. `ctx.request` is kept with the commit and read back as `keyed`.
   */
  append(streamType: string, streamId: string, expectedVersion: number, events: DomainEvent[], ctx: CommandContext): Promise<AppendResult>;
  /**
   * Many appends, each as `append` would do it (its result or its error, in the order
   * given; one failing leaves the others alone), in fewer round trips.
   */
  appendMany(items: readonly AppendItem[]): Promise<Array<AppendResult | Error>>;
}
