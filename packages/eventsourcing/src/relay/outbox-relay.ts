import { randomUUID } from 'node:crypto';
import { Collection } from 'mongodb';
import { MessageProducer, OutgoingMessage } from '@mms/messaging';
import { CommitDocument } from '../event-store/commit';
import { MongoEventStore } from '../event-store/mongo-event-store';
import { IntegrationTranslator, toMessage } from '../integration';
import { Lease } from './lease';
import { EventEnvelope } from '../envelope';

export interface RelayLogger {
  info(msg: string, extra?: Record<string, unknown>): void;
  warn(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

export interface OutboxRelayOptions {
  store: MongoEventStore;
  producer: MessageProducer;
  lease: Lease;
  /** Every internal event goes here (the context's own projections read it). */
  internalTopic: string;
  /** Public integration events go here (other contexts read it). */
  publicTopic: string;
  translate: IntegrationTranslator;
  batchSize?: number;
  /** Poll interval when idle; an append in this process wakes the relay at once. */
  idlePollMs?: number;
  logger?: RelayLogger;
  onPublished?: (events: number, commits: number) => void;
}

const sleep = (ms: number, signal: { wake?: () => void }) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.wake = () => {
      clearTimeout(t);
      resolve();
    };
  });

/**
 * Moves commits from the store (the outbox) to Kafka: at least once, per-stream order,
 * key = stream id. Kafka down → commits wait (appends go on) and the relay retries with
 * backoff. Killed mid-batch → the batch was not marked, so it is sent again.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly signal: { wake?: () => void } = {};
  private pendingWake = false;
  readonly id = randomUUID();
  private readonly commits: Collection<CommitDocument>;
  private holding = false;

  constructor(private readonly o: OutboxRelayOptions) {
    this.commits = o.store.commits;
    o.store.onAppended(() => this.nudge());
  }

  get isLeader(): boolean {
    return this.holding;
  }

  nudge(): void {
    this.pendingWake = true;
    this.signal.wake?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal.wake?.();
    await this.loop;
    if (this.holding) await this.o.lease.release().catch(() => undefined);
    this.holding = false;
    // The relay owns its producer (it was made for it).
    await this.o.producer.disconnect().catch(() => undefined);
  }

  /** Publishes everything pending once (used by tests and tooling). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  private async run(): Promise<void> {
    let backoff = 100;
    let lastLeaseCheck = 0;
    const idle = this.o.idlePollMs ?? 200;
    while (this.running) {
      try {
        if (Date.now() - lastLeaseCheck > 1000 || !this.holding) {
          const had = this.holding;
          this.holding = await this.o.lease.tryAcquire();
          lastLeaseCheck = Date.now();
          if (this.holding !== had) this.o.logger?.info(this.holding ? 'relay lease acquired' : 'relay lease lost');
        }
        if (!this.holding) {
          await sleep(1000, this.signal);
          continue;
        }
        this.pendingWake = false;
        const published = await this.publishBatch();
        backoff = 100;
        if (published === 0 && !this.pendingWake) await sleep(idle, this.signal);
      } catch (err) {
        this.o.logger?.warn('relay could not publish, will retry', {
          error: err instanceof Error ? err.message : String(err),
          backoffMs: backoff,
        });
        await sleep(backoff, this.signal);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  /** One batch: select, order per stream, send, then mark. Returns events sent. */
  async publishBatch(): Promise<number> {
    const batchSize = this.o.batchSize ?? 500;
    // No server-side sort: FerretDB cannot push a sort down and would decode the whole
    // backlog to sort it. Order comes from stream versions below, not from the query.
    let batch = await this.commits.find({ published: false }, { limit: batchSize }).toArray();
    if (batch.length === 0) return 0;
    // A short batch is the whole backlog; a full one may leave earlier versions outside.
    if (batch.length === batchSize) batch = await this.withEarlierCommits(batch);

    // Per stream, commits in version order; streams by their first commit time.
    const byStream = new Map<string, CommitDocument[]>();
    for (const c of batch.sort((a, b) => a.committedAt.getTime() - b.committedAt.getTime())) {
      const k = `${c.tenantId}|${c.streamId}`;
      const list = byStream.get(k) ?? [];
      list.push(c);
      byStream.set(k, list);
    }
    const ordered: CommitDocument[] = [];
    for (const list of byStream.values()) ordered.push(...list.sort((a, b) => a.expectedVersion - b.expectedVersion));

    const internal: OutgoingMessage[] = [];
    const pub: OutgoingMessage[] = [];
    for (const c of ordered) {
      for (const stored of c.events) {
        const e = this.o.store.upcast(stored);
        internal.push(toMessage(e));
        for (const ie of this.o.translate(e)) {
          const publicEnvelope: EventEnvelope = { ...e, type: ie.type, schemaVersion: ie.schemaVersion, data: ie.data };
          pub.push(toMessage(publicEnvelope));
        }
      }
    }
    await this.o.producer.send(this.o.internalTopic, internal);
    await this.o.producer.send(this.o.publicTopic, pub);
    // Each statement is an equality on _id, which every backend serves from an index
    // (an `$in` is not pushed down by FerretDB). Chunked: FerretDB v1 keeps one pooled
    // PostgreSQL connection per statement of an update command until the command ends,
    // so one command with more statements than its pool deadlocks it.
    const publishedAt = new Date();
    for (let i = 0; i < ordered.length; i += MARK_CHUNK) {
      await this.commits.bulkWrite(
        ordered.slice(i, i + MARK_CHUNK).map((c) => ({
          updateOne: { filter: { _id: c._id, published: false }, update: { $set: { published: true, publishedAt } } },
        })),
        { ordered: false },
      );
    }
    this.o.onPublished?.(internal.length, ordered.length);
    return internal.length;
  }

  /**
   * The batch is a slice of the backlog: for each of its streams, pull in that stream's
   * other unpublished commits so nothing is sent ahead of an earlier version.
   */
  private async withEarlierCommits(batch: CommitDocument[]): Promise<CommitDocument[]> {
    const streams = new Map<string, CommitDocument>();
    for (const c of batch) {
      const k = `${c.tenantId}|${c.streamId}`;
      const m = streams.get(k);
      if (!m || c.expectedVersion < m.expectedVersion) streams.set(k, c);
    }
    const candidates = [...streams.values()].filter((c) => c.expectedVersion > 0);
    const have = new Set(batch.map((c) => c._id));
    const extra: CommitDocument[] = [];
    // Equality-only filters (no $or) so every backend answers from an index.
    const lookups = candidates.map((c) => async () => {
      // the tenant is checked here, not in the filter: every commit of a tenant matches
      // it, so as an index term it only costs the server work
      const pending = await this.commits.find({ streamId: c.streamId, published: false }).toArray();
      for (const p of pending) {
        if (p.tenantId === c.tenantId && !have.has(p._id) && p.expectedVersion < c.expectedVersion) extra.push(p);
      }
    });
    await runLimited(lookups, 8);
    return [...extra, ...batch];
  }
}

const MARK_CHUNK = 50;

/** Runs async tasks with at most `limit` in flight. */
const runLimited = async (tasks: Array<() => Promise<void>>, limit: number): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
};
