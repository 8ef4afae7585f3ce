import { EventEnvelope } from '../core';

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
  published: boolean;
  publishedAt?: Date;
}

export const commitId = (tenantId: string, streamId: string, expectedVersion: number) => `${tenantId}|${streamId}|${expectedVersion}`;
