import { EventEnvelope, KeyedCommit, RequestKey } from '../core';

/**
 * One append = one document. The document is also the outbox entry: `published`
 * flips to true once the relay has had Kafka acknowledge every event in it.
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
  published: boolean;
  publishedAt?: Date;
}

export const commitId = (tenantId: string, streamId: string, expectedVersion: number) => `${tenantId}|${streamId}|${expectedVersion}`;

/** The keyed commits among a stream's commits (oldest first), or undefined when none is keyed. */
export const keyedCommits = (commits: readonly CommitDocument[]): KeyedCommit[] | undefined => {
  const keyed = commits.filter((c) => c.request).map((c) => ({ ...c.request!, expectedVersion: c.expectedVersion, lastVersion: c.lastVersion }));
  return keyed.length ? keyed : undefined;
};
