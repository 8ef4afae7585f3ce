/**
 * The messaging port. Services and the event-sourcing core depend on this, never on a
 * broker client, so the Kafka client (kafkajs, in maintenance mode) can be swapped.
 */

export type Headers = Record<string, string>;

export interface OutgoingMessage {
  /** Partitioning key: all messages with one key keep their order. */
  key: string;
  value: string;
  headers?: Headers;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Headers;
}

export interface MessageProducer {
  connect(): Promise<void>;
  /** Resolves only when the broker acknowledged every message (all in-sync replicas). */
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

export type MessageHandler = (message: IncomingMessage) => Promise<void>;

/**
 * Consecutive messages of one partition at once, in order. Must have the same effect as
 * `handler` on each in turn and be idempotent: when it fails, the consumer falls back to
 * `handler` message by message (with its retries and dead-lettering), so a batch may be
 * partly applied twice.
 */
export type BatchMessageHandler = (messages: IncomingMessage[]) => Promise<void>;

export interface DeadLetterPolicy {
  /** Attempts before a message is parked on the dead-letter topic. */
  maxAttempts: number;
  /** Defaults to `<groupId>.dlq`. */
  topic?: string;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
  /**
   * Told of every parked message after it is on the dead-letter topic and before the offset
   * moves on: where a consumer records it so that a parked message is an alarm, not a silent
   * loss. If it throws, the message is handled again (and parked again: record idempotently).
   */
  onParked?: (message: IncomingMessage, reason: string, attempts: number) => Promise<void>;
  /**
   * A failure of the infrastructure, not of the message (the read model's database unreachable):
   * retried with backoff for as long as it lasts, never counted towards `maxAttempts`, so an
   * outage longer than the attempts parks nothing.
   */
  isTransient?: (err: unknown) => boolean;
}

export interface SubscriptionOptions {
  groupId: string;
  topics: string[];
  /** Where a group with no committed offset starts. */
  fromBeginning: boolean;
  handler: MessageHandler;
  /** Optional: lets a handler that writes once per batch catch up faster. */
  batchHandler?: BatchMessageHandler;
  /** Most messages per `batchHandler` call; default 100. */
  maxBatch?: number;
  deadLetter?: DeadLetterPolicy;
}

export interface MessageConsumer {
  /** Resolves once the group has joined and partitions are assigned. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions?: number;
}

export interface PartitionOffset {
  partition: number;
  offset: string;
}

export interface MessagingAdmin {
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /** Offset of the next message to be written, per partition. */
  endOffsets(topic: string): Promise<PartitionOffset[]>;
  /** Committed offsets of a group, per partition ('-1' = none). */
  groupOffsets(groupId: string, topic: string): Promise<PartitionOffset[]>;
  deleteGroup(groupId: string): Promise<void>;
  close(): Promise<void>;
}

export interface MessageBus {
  producer(): MessageProducer;
  consumer(options: SubscriptionOptions): MessageConsumer;
  admin(): Promise<MessagingAdmin>;
}

/** Raised when a message cannot be handled and must not be retried (bad payload). */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

/** The header carrying an event's type (consumers route by it without parsing the value). */
export const EVENT_TYPE_HEADER = 'event-type';
