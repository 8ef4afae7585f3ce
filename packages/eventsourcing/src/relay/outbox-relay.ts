import { randomUUID } from 'node:crypto';
import { Collection } from 'mongodb';
import { MessageProducer, OutgoingMessage } from '@mms/messaging';
import { CommitDocument } from '../event-store/commit';
import { MongoEventStore } from '../event-store/mongo-event-store';
import { IntegrationTranslator, toMessage } from '../integration';
import { Lease } from './lease';
import { inParallel } from '../core/in-parallel';
import { EventEnvelope } from '../core';

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
    const batch = await this.commits.find({ published: false }, { limit: batchSize }).toArray();
    if (batch.length === 0) return 0;

    // Per stream, commits in version order; streams by their first commit time.
    const byStream = new Map<string, CommitDocument[]>();
    for (const c of batch.sort((a, b) => a.committedAt.getTime() - b.committedAt.getTime())) {
      const k = streamKey(c);
      const list = byStream.get(k) ?? [];
      list.push(c);
      byStream.set(k, list);
    }
    const ready = new Map<string, CommitDocument[]>();
    const unsure: string[] = [];
    for (const [k, list] of byStream) {
      list.sort(byVersion);
      if (this.follows(k, list[0]!) && unbroken(list).length === list.length) ready.set(k, list);
      else unsure.push(k);
    }
    // A commit whose predecessor this relay has not published itself may have one still
    // unpublished outside the batch: the query above is no snapshot of the backlog (a
    // cursor reads page by page while writers append), so look at the stream itself.
    await inParallel(unsure, 8, async (k) => {
      const complete = await this.unpublishedOf(byStream.get(k)![0]!);
      if (complete.length) ready.set(k, complete);
    });
    const ordered: CommitDocument[] = [];
    for (const k of byStream.keys()) ordered.push(...(ready.get(k) ?? []));
    if (ordered.length === 0) return 0;

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
    for (const c of ordered) this.remember(streamKey(c), c.lastVersion);
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

  /** Last version of each stream this relay has sent (bounded: forgetting only costs a lookup). */
  private readonly sent = new Map<string, number>();

  private remember(k: string, version: number) {
    if (this.sent.size >= MAX_REMEMBERED_STREAMS && !this.sent.has(k)) this.sent.clear();
    this.sent.set(k, Math.max(version, this.sent.get(k) ?? 0));
  }

  /** Whether everything before `c` is known to be sent: a stream's first commit, or the next after what we sent. */
  private follows(k: string, c: CommitDocument): boolean {
    const sent = this.sent.get(k);
    // At or below what was sent: a redelivery (a crash between send and mark), harmless.
    return c.expectedVersion === 0 || (sent !== undefined && c.expectedVersion <= sent);
  }

  /**
   * Every unpublished commit of `c`'s stream, in order, up to the first gap; empty when
   * the first of them may not go yet. A commit is only stored after its predecessor (the
   * writer read it), so what this query sees is complete up to the newest it returns; the
   * earliest may go if nothing precedes it or its predecessor is stored (hence published:
   * it is not among the unpublished). A predecessor not stored at all (a writer that
   * skipped a version) holds the stream back rather than send it out of order.
   */
  private async unpublishedOf(c: CommitDocument): Promise<CommitDocument[]> {
    const k = streamKey(c);
    // the tenant is checked here, not in the filter: every commit of a tenant matches it,
    // so as an index term it only costs the server work (equality-only: index-served)
    const pending = (await this.commits.find({ streamId: c.streamId, published: false }).toArray()).filter((p) => p.tenantId === c.tenantId).sort(byVersion);
    const first = pending[0];
    if (!first) return [];
    if (!this.follows(k, first)) {
      const predecessor = await this.commits.countDocuments({
        streamId: c.streamId,
        lastVersion: first.expectedVersion,
        tenantId: c.tenantId,
      });
      if (predecessor === 0) {
        this.o.logger?.warn('relay holds a stream back: a version before its oldest unpublished commit is not stored', {
          tenantId: c.tenantId,
          streamId: c.streamId,
          expectedVersion: first.expectedVersion,
        });
        return [];
      }
    }
    return unbroken(pending);
  }
}

const streamKey = (c: Pick<CommitDocument, 'tenantId' | 'streamId'>) => `${c.tenantId}|${c.streamId}`;
const byVersion = (a: CommitDocument, b: CommitDocument) => a.expectedVersion - b.expectedVersion;

/** The leading commits that follow one another without a gap (each starts where the previous ended). */
const unbroken = (sorted: CommitDocument[]): CommitDocument[] => {
  let n = 1;
  while (n < sorted.length && sorted[n]!.expectedVersion === sorted[n - 1]!.lastVersion) n++;
  return sorted.slice(0, n);
};

const MAX_REMEMBERED_STREAMS = 200_000;
const MARK_CHUNK = 50;
