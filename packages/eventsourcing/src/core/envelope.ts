/** Who did it: kept minimal (ids and role only) because events are immutable. */
export interface Actor {
  subject: string;
  role: string;
}

/** An event as a decider produces it: no metadata yet. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** The stored and published form of an event. */
export interface EventEnvelope<E extends DomainEvent = DomainEvent> {
  eventId: string;
  type: E['type'];
  schemaVersion: number;
  tenantId: string;
  streamType: string;
  streamId: string;
  /** Version of the stream after this event (1-based). */
  streamVersion: number;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  data: E['data'];
}

/**
 * A client's promise that a request is one it may send again (the `Idempotency-Key` header):
 * `key` is already scoped to the caller; `fingerprint` says what the request asked, so the
 * same key with another request is refused rather than answered with the first one's result.
 */
export interface RequestKey {
  key: string;
  fingerprint: string;
}

/** What every command carries besides its payload. */
export interface CommandContext {
  tenantId: string;
  actor: Actor;
  correlationId: string;
  /** The id of what caused this command (a request id or an event id). */
  causationId?: string;
  /** Set when the client may retry: an append under a key the stream already holds is not made again. */
  request?: RequestKey;
}

/** The platform-wide tenant id for data that belongs to the region (e.g. the tenant list itself). */
export const REGION_TENANT = 'region';
