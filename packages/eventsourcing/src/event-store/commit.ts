import { EventEnvelope, KeyedCommit, RequestKey } from '../core';

/**
 * One append = one document, and it is the outbox entry too: the relay finds it by its
 * place in a writer's lane (`lane`, `seq`, `page`; see packages/eventsourcing/README.md)
 * and never writes to it. Commits written before the lanes carry `published` instead.
 */
export interface CommitDocument {
  /** `${tenantId}|${streamId}|${expectedVersion}`: unique by construction. */
  _id: string;
  tenantId: string;
  streamType: string;
  streamId: string;
  /** The stream version the writer saw; events get expectedVersion+1 … */
  expectedVersion: number;
  lastVersion: number;
  committedAt: Date;
  events: EventEnvelope[];
  /** The client's request key (Idempotency-Key, scoped to the caller) when it sent one: a retry finds it here. */
  request?: RequestKey;
  /** The writer's lane (one per event store instance and period of activity). */
  lane?: string;
  /** Position in the lane: 1, 2, 3 … in the order the writer began its appends. */
  seq?: number;
  /** `${lane}/${floor(seq / OUTBOX_PAGE)}`: what the relay reads by equality (pushed down by every backend). */
  page?: string;
  /** The stream's previous commit is in the same lane (so before this one): the relay needs no look-up. */
  prevInLane?: true;
  /** Set only on a placeholder: a slot the relay or the writer closed so that no commit can take it. */
  void?: VoidKind;
  /** Old protocol only: false until the relay had Kafka acknowledge every event in it. */
  published?: boolean;
  publishedAt?: Date;
}

/**
 * A commit as the collection holds it: its events as one JSON text, `body`. The store never
 * queries inside events, and a document backend decodes a nested value field by field while
 * it takes a string in one piece: FerretDB read a 110 KiB partition stream in 83 ms nested,
 * a 3,000-commit page of one-event commits at 379 against 137 µs a commit as text
 * (benchmarks/README.md, "Commit bodies"). Commits written before carry `events` instead.
 */
export type StoredCommit = Omit<CommitDocument, 'events'> & { body?: string; events?: EventEnvelope[] };

export const toStored = (c: CommitDocument): StoredCommit => {
  const { events, ...rest } = c;
  return { ...rest, body: JSON.stringify(events) };
};

export const fromStored = (s: StoredCommit): CommitDocument => {
  if (s.body === undefined) return { ...s, events: s.events ?? [] };
  const { body, ...rest } = s;
  return { ...rest, events: JSON.parse(body) as EventEnvelope[] };
};

/** Why a slot holds a placeholder instead of a commit. */
export type VoidKind = 'gap' | 'fence' | 'unknown' | 'conflict';

export const commitId = (tenantId: string, streamId: string, expectedVersion: number) => `${tenantId}|${streamId}|${expectedVersion}`;

/** Slots per page: the relay reads a lane page by page (one equality query each). */
export const OUTBOX_PAGE = 64;
/** The tenant of placeholders: no real tenant id starts with `~`, so no stream read ever meets one. */
export const PLACEHOLDER_TENANT = '~outbox';

export const outboxPage = (lane: string, seq: number) => `${lane}/${Math.floor(seq / OUTBOX_PAGE)}`;

/**
 * A document that takes slot (lane, seq) so that a commit still on its way there fails
 * on the unique slot index. Shaped like an empty commit of a stream nobody reads.
 */
export const placeholder = (lane: string, seq: number, kind: VoidKind): CommitDocument => ({
  _id: `${PLACEHOLDER_TENANT}|${lane}|${seq}`,
  tenantId: PLACEHOLDER_TENANT,
  streamType: PLACEHOLDER_TENANT,
  streamId: lane,
  expectedVersion: seq,
  lastVersion: seq,
  committedAt: new Date(),
  events: [],
  lane,
  seq,
  page: outboxPage(lane, seq),
  void: kind,
});

/** The keyed commits among a stream's commits (oldest first), or undefined when none is keyed. */
export const keyedCommits = (commits: readonly CommitDocument[]): KeyedCommit[] | undefined => {
  const keyed = commits.filter((c) => c.request).map((c) => ({ ...c.request!, expectedVersion: c.expectedVersion, lastVersion: c.lastVersion }));
  return keyed.length ? keyed : undefined;
};
