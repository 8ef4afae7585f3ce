import { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { KafkaAdminAdapter } from './kafka-admin';
import type { KafkaBusOptions } from './kafka-bus';
import { OffsetCommits } from './offset-commits';
import { DeadLetterPolicy, IncomingMessage, MessageConsumer, PoisonMessageError, SubscriptionOptions } from '../port';

/** A consumer that has not fetched for this long, with no chunk in hand, is started again. */
export const STALL_MS = 45_000;

/** Longest wait between tries of a message while its handler's infrastructure is out. */
export const TRANSIENT_BACKOFF_MAX_MS = 2000;

/** How long the group waits for a member it has not heard from (the broker's minimum is 6 s). */
export const SESSION_TIMEOUT_MS = 10_000;

const headerValues = (msg: KafkaMessage): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(msg.headers ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? String(v[0]) : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  }
  return out;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The port's consumer on kafkajs: a consumer group whose handled offsets are committed together
 * (offset-commits.ts), messages retried while their handler's infrastructure is out, poison ones
 * parked on the dead-letter topic, and a watchdog that starts a stalled consumer again.
 */
export class KafkaConsumerAdapter implements MessageConsumer {
  private consumer: Consumer | undefined;
  private dlqProducer: Producer | undefined;
  private stopping = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: SubscriptionOptions,
    private readonly log?: KafkaBusOptions['log'],
  ) {}

  async start(): Promise<void> {
    await this.launch(true);
    this.watchdog = setInterval(() => void this.restartIfStalled(), 5000);
  }

  private watchdog: NodeJS.Timeout | undefined;
  private commits: OffsetCommits | undefined;
  private lastProgress = Date.now();
  private handling = 0;
  private relaunching = false;

  /**
   * A running consumer fetches every 100 ms even when there is nothing to read. One that has not
   * fetched for STALL_MS while no chunk was being handled is stuck (seen once in the Kafka fault
   * test: after the broker came back one group never consumed again, kafkajs logging nothing):
   * it is disconnected and started again, rejoining its group at the committed offsets.
   */
  private async restartIfStalled(): Promise<void> {
    if (this.stopping || this.relaunching || this.handling > 0 || Date.now() - this.lastProgress < STALL_MS) return;
    this.relaunching = true;
    this.log?.('warn', 'consumer has not fetched for a while: starting it again', { groupId: this.options.groupId, stalledMs: Date.now() - this.lastProgress });
    try {
      await this.consumer?.disconnect().catch(() => undefined);
      if (!this.stopping) await this.launch(false);
    } catch (err) {
      this.log?.('warn', 'consumer could not be started again; tried again later', { groupId: this.options.groupId, reason: String(err) });
    } finally {
      this.lastProgress = Date.now();
      this.relaunching = false;
    }
  }

  private async launch(waitForJoin: boolean): Promise<void> {
    const { groupId, topics, fromBeginning } = this.options;
    this.lastProgress = Date.now();
    const consumer = this.kafka.consumer({
      groupId,
      // After a broker restart kafkajs joins again as a new member, and the group waits for
      // the old one to time out before it gets partitions: every consumer stood still for
      // the whole session timeout (30 s measured with 30 s). A live member never times out:
      // it beats while a chunk is handled (below), however long that takes.
      sessionTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: 1000,
      rebalanceTimeout: 30000,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: true,
      // After these retries kafkajs restarts the consumer (restartOnFailure), so it never gives up.
      retry: { initialRetryTime: 300, retries: 30, maxRetryTime: 5000 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.FETCH, () => (this.lastProgress = Date.now()));
    this.commits?.drop(); // a relaunched consumer: what the old one handled is read again (applied once)
    const commits = new OffsetCommits(
      (offsets) => consumer.commitOffsets(offsets),
      (err) => this.log?.('warn', 'offsets not committed: handled messages may be delivered again', { groupId, reason: String(err) }),
    );
    this.commits = commits;
    // Before the partitions are handed out again, what was handled is committed (best effort).
    consumer.on(consumer.events.REBALANCING, () => void commits.flush().catch(() => undefined));
    if (this.options.deadLetter && !this.dlqProducer) {
      this.dlqProducer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await this.dlqProducer.connect();
    }
    const joined = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    // Subscribing to a topic that is still being auto-created fails: create them first.
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await new KafkaAdminAdapter(admin).ensureTopics(
        [...topics, ...(this.options.deadLetter ? [this.options.deadLetter.topic ?? `${groupId}.dlq`] : [])].map((topic) => ({ topic })),
      );
    } finally {
      await admin.disconnect();
    }
    await consumer.connect();
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const incoming: IncomingMessage[] = batch.messages.map((message) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          key: message.key ? message.key.toString('utf8') : null,
          value: message.value ? message.value.toString('utf8') : '',
          headers: headerValues(message),
        }));
        const step = this.options.batchHandler ? Math.max(1, this.options.maxBatch ?? 100) : 1;
        for (let i = 0; i < incoming.length; i += step) {
          if (!isRunning() || isStale() || this.stopping) break;
          const chunk = incoming.slice(i, i + step);
          // A refused beat (a rebalance under way) ends the batch at the beat after the chunk.
          const beating = setInterval(() => void heartbeat().catch(() => undefined), 1000);
          this.handling++;
          try {
            await this.handleChunk(chunk);
          } finally {
            clearInterval(beating);
            this.handling--;
            this.lastProgress = Date.now();
          }
          const last = chunk[chunk.length - 1]!.offset;
          resolveOffset(last);
          // The read model is written: only now may the offset move past these messages.
          // Commits are grouped across batches (every 200 messages or 500 ms: OffsetCommits).
          await commits.handled(batch.topic, batch.partition, last, chunk.length);
          await heartbeat();
        }
        if (!isRunning() || isStale() || this.stopping) await commits.flush();
      },
    });
    if (waitForJoin) await joined;
  }

  /** A chunk through the batch handler; on any failure, message by message with the usual retries. */
  private async handleChunk(chunk: IncomingMessage[]): Promise<void> {
    const batchHandler = this.options.batchHandler;
    if (batchHandler && chunk.length > 1) {
      try {
        await batchHandler(chunk);
        return;
      } catch (err) {
        this.log?.('warn', 'batch handling failed, handling its messages one by one', {
          groupId: this.options.groupId,
          topic: chunk[0]!.topic,
          partition: chunk[0]!.partition,
          fromOffset: chunk[0]!.offset,
          messages: chunk.length,
          reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        });
      }
    }
    for (const message of chunk) await this.handleWithRetry(message);
  }

  private async handleWithRetry(message: IncomingMessage): Promise<void> {
    const policy: DeadLetterPolicy | undefined = this.options.deadLetter;
    const maxAttempts = policy?.maxAttempts ?? Number.MAX_SAFE_INTEGER;
    let backoff = policy?.backoffMs ?? 200;
    // Attempts that count towards parking: an outage of the infrastructure (isTransient) does not.
    let attempt = 0;
    let waits = 0;
    for (;;) {
      try {
        await this.options.handler(message);
        return;
      } catch (err) {
        const poison = err instanceof PoisonMessageError;
        const transient = !poison && !!policy?.isTransient?.(err);
        if (!transient) attempt++;
        const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        if (policy && (poison || attempt >= maxAttempts)) {
          await this.deadLetter(message, reason, attempt, policy);
          return;
        }
        // An outage is asked about every TRANSIENT_BACKOFF_MAX_MS at most (a read model catches up
        // that soon after it ends) and logged now and then, not at every try.
        if (!transient || waits % 15 === 0)
          this.log?.('warn', 'message handling failed, retrying', {
            groupId: this.options.groupId,
            topic: message.topic,
            partition: message.partition,
            offset: message.offset,
            attempt,
            transient,
            ...(transient ? { waitedTimes: waits } : {}),
            reason,
          });
        if (this.stopping) throw err;
        await sleep(backoff);
        if (transient) waits++;
        backoff = Math.min(backoff * 2, transient ? TRANSIENT_BACKOFF_MAX_MS : 10000);
      }
    }
  }

  private async deadLetter(message: IncomingMessage, reason: string, attempts: number, policy: DeadLetterPolicy) {
    const topic = policy.topic ?? `${this.options.groupId}.dlq`;
    this.log?.('error', 'message parked on the dead-letter topic', {
      groupId: this.options.groupId,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      deadLetterTopic: topic,
      reason,
    });
    await this.dlqProducer!.send({
      topic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlq-reason': reason.slice(0, 2000),
            'dlq-attempts': String(attempts),
            'dlq-source-topic': message.topic,
            'dlq-source-partition': String(message.partition),
            'dlq-source-offset': message.offset,
            'dlq-group': this.options.groupId,
            'dlq-at': new Date().toISOString(),
          },
        },
      ],
    });
    await policy.onParked?.(message, reason, attempts);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.watchdog) clearInterval(this.watchdog);
    await this.commits?.flush().catch(() => undefined);
    await this.consumer?.disconnect();
    await this.dlqProducer?.disconnect();
  }
}
