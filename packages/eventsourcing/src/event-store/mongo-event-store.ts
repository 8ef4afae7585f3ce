import { randomUUID } from 'node:crypto';
import { Collection, Db, MongoBulkWriteError } from 'mongodb';
import {
  AppendItem,
  AppendResult,
  CommandContext,
  ConcurrencyError,
  DomainEvent,
  EventEnvelope,
  EventStore,
  LocatedStream,
  ReadOptions,
  ReadStreamResult,
  Upcasting,
} from '../core';
import { inParallel } from '../core/in-parallel';
import { OwnCommits } from '../relay/own-commits';
import { CommitDocument, commitId, OUTBOX_PAGE, outboxPage, StoredCommit, toStored } from './commit';
import { LaneWriter, OpenLane } from './lane-writer';
import { LaneDocument, lanesOf } from './outbox-lanes';
import { digestsOf, PageDigestDocument, PageDigests } from './page-digests';
import { settleFailedInsert, SlotKeepers } from './failed-insert';
import { StreamCache } from './stream-cache';
import { StreamReads } from './stream-reads';

export const COMMITS_COLLECTION = 'event_commits';

/** Commits per batch insert: at most half a lane's window (LaneWriter.takeMany). */
export const APPEND_BATCH = 32;

/** Slots this process's relay may be behind its own lane before the store writes page digests for it. */
const DIGESTS_BEHIND = 8 * OUTBOX_PAGE;

/** The steps of an append where a test may stop the writer dead (`faults`). */
export type AppendStep = 'lane-opened' | 'slot-taken' | 'insert-failed';

export interface MongoEventStoreOptions {
  /** A lane idle this long with nothing in flight is closed (the relay then forgets it). Default 10 s. */
  laneIdleMs?: number;
  /** Tests only: throwing here stops this store as a crash would (nothing more is written by it). */
  faults?: (step: AppendStep) => void | Promise<void>;
  /** Full pages of this store's lanes also written as digests for a relay reading a backlog (README, "Page digests"). Default true. */
  pageDigests?: boolean;
  /** Events of recently used streams kept in memory (0: none; every read reads the whole stream). Default 200,000. */
  cachedEvents?: number;
}

/**
 * Event store on MongoDB (or a wire-compatible server) without multi-document
 * transactions: a commit is one insert, and the unique _id / index on
 * (tenant, stream, expected version) makes a second writer at the same version fail.
 * Each commit also takes a slot in this store's lane, which is how the relay finds it.
 */
export class MongoEventStore implements EventStore {
  readonly commits: Collection<StoredCommit>;
  readonly lanes: Collection<LaneDocument>;
  /** Full pages of this store's lanes as one document each, for a relay that reads them back (README, "Page digests"). */
  readonly pageDigests: Collection<PageDigestDocument>;
  private listeners: Array<() => void> = [];
  /** What this store wrote, for the relay of this process (on while it holds the lease). */
  readonly own = new OwnCommits();
  private lastCommitAt = 0;
  private readonly writer: LaneWriter;
  private readonly digests: PageDigests;
  /** What settling a failed insert's slot updates (`failed-insert.ts`). */
  private readonly slots: SlotKeepers;
  /** The lane and last version of streams this store last wrote or read: `prevInLane` without a query. */
  private readonly lastCommits = new Map<string, { lane: string | undefined; lastVersion: number }>();
  /** Reading streams for commands, with what this store read or wrote kept in memory. */
  private readonly reads: StreamReads;

  constructor(
    db: Db,
    private readonly upcasting: Upcasting = new Upcasting(),
    private readonly options: MongoEventStoreOptions = {},
  ) {
    this.commits = db.collection<StoredCommit>(COMMITS_COLLECTION);
    this.lanes = lanesOf(db);
    this.pageDigests = digestsOf(db);
    // A digest serves a relay that reads the page back: not this process's while it keeps up
    // from memory (`own`), only once it is so far behind (Kafka slow or down) that a restart
    // would leave a backlog to read.
    this.digests = new PageDigests(
      this.pageDigests,
      (lane, n) => options.pageDigests !== false && (!this.own.enabled || !this.own.knows(lane) || n * OUTBOX_PAGE - this.own.passed(lane) > DIGESTS_BEHIND),
    );
    this.writer = new LaneWriter(this.lanes, options.laneIdleMs ?? 10_000, () => this.fault('lane-opened'));
    this.slots = { commits: this.commits, writer: this.writer, own: this.own, digests: this.digests, fault: (step) => this.fault(step) };
    const cache = (options.cachedEvents ?? 200_000) > 0 ? new StreamCache(options.cachedEvents ?? 200_000) : undefined;
    this.reads = new StreamReads(
      this.commits,
      cache,
      (e) => this.upcast(e),
      (t, id, lane, v) => this.remember(t, id, lane, v),
    );
  }

  async ensureIndexes(): Promise<void> {
    await this.commits.createIndex({ tenantId: 1, streamId: 1, expectedVersion: 1 }, { unique: true, name: 'stream_expected_version_unique' });
    // Old protocol (published: false): the relay still drains commits written before the lanes.
    await this.commits.createIndex({ published: 1, committedAt: 1 }, { name: 'outbox' });
    await this.commits.createIndex({ streamId: 1, expectedVersion: 1 }, { name: 'stream_any_tenant' });
    // One document per slot: a placeholder makes a late commit for its slot fail. Sparse:
    // commits of the old protocol have no slot (MongoDB would see them all as (null, null)).
    // The page leads, so the relay's equality on it is served by this index too.
    await this.commits.createIndex({ page: 1, seq: 1 }, { unique: true, sparse: true, name: 'outbox_slot' });
    await this.pageDigests.createIndex({ lane: 1, n: 1 }, { name: 'lane_page' });
  }

  /**
   * This process's relay holds the lease, or no longer: the store keeps what it writes for the
   * relay only meanwhile (`own`). When the lease comes, the lane in use is retired and appends go
   * to a new one, because only a lane opened while the relay holds it is known whole in memory: a
   * writer kept busy (an import right after a restart) never let the old lane go idle, and the
   * relay read every commit of it back (358 page reads for 300 commits in the imports benchmark).
   */
  relayHolds(on: boolean): void {
    const was = this.own.enabled;
    this.own.enable(on);
    if (on && !was) this.writer.retire();
  }

  /** Closes this store's lane if nothing is in flight (shutdown, tests): the relay forgets it sooner. */
  async closeLane(): Promise<void> {
    await this.writer.closeNow();
    await this.digests.written();
  }

  private async fault(step: AppendStep): Promise<void> {
    if (!this.options.faults) return;
    try {
      await this.options.faults(step);
    } catch (err) {
      this.writer.halted = true;
      throw err;
    }
  }

  private remember(tenantId: string, streamId: string, lane: string | undefined, lastVersion: number): void {
    if (this.lastCommits.size >= 100_000) this.lastCommits.clear();
    this.lastCommits.set(`${tenantId}|${streamId}`, { lane, lastVersion });
  }

  /** Called after every successful append (the in-process relay uses it to wake up). */
  onAppended(listener: () => void): void {
    this.listeners.push(listener);
  }

  readStream(tenantId: string, streamId: string, opts: ReadOptions = {}): Promise<ReadStreamResult> {
    return this.reads.readStream(tenantId, streamId, opts);
  }

  locateStream(streamId: string, opts: { fixed?: boolean } & ReadOptions = {}): Promise<LocatedStream> {
    return this.reads.locateStream(streamId, opts);
  }

  upcast(e: EventEnvelope): EventEnvelope {
    const { data, schemaVersion } = this.upcasting.upcast(e.type, e.schemaVersion, e.data);
    return schemaVersion === e.schemaVersion ? e : { ...e, data, schemaVersion };
  }

  /**
   * Appends events if the stream is still at `expectedVersion` (0 = new stream).
   * Throws ConcurrencyError otherwise; nothing is written in that case.
   * `expectedVersion` must be a version the writer read (a commit boundary), which is
   * what CommandHandler always passes; the append itself is a single insert.
   */
  async append(streamType: string, streamId: string, expectedVersion: number, events: DomainEvent[], ctx: CommandContext): Promise<AppendResult> {
    if (events.length === 0) return { events: [], nextExpectedVersion: expectedVersion };
    const doc = this.commitOf({ streamType, streamId, expectedVersion, events, ctx });
    let stored: StoredCommit;
    for (let attempt = 1; ; attempt++) {
      const slot = await this.writer.take();
      if (slot.seq === 1) this.own.opened(slot.lane.id);
      this.place(doc, slot.lane, slot.seq);
      await this.fault('slot-taken');
      stored = toStored(doc);
      try {
        await this.commits.insertOne(stored);
      } catch (err) {
        const outcome = await settleFailedInsert(this.slots, slot.lane, slot.seq, doc, err);
        if (outcome === 'conflict') {
          this.reads.moved(doc);
          throw new ConcurrencyError(streamId, expectedVersion);
        }
        if (outcome === 'failed' || (outcome === 'retry' && attempt >= 3)) throw err;
        if (outcome === 'retry') continue;
      }
      this.writer.settle(slot.lane, slot.seq);
      break;
    }
    this.written(doc, stored);
    for (const l of this.listeners) l();
    return { events: doc.events, nextExpectedVersion: doc.lastVersion };
  }

  /**
   * Many appends in few round trips (seeding, imports, batch commands): up to
   * APPEND_BATCH commits take consecutive slots of the lane together and go in one unordered
   * insert. Each item ends as its own append would: its result, or its error
   * (ConcurrencyError when its stream moved on); one item's failure writes nothing of it and
   * leaves the others alone. A slot whose fate is unknown is settled as a single append's is.
   */
  async appendMany(items: readonly AppendItem[]): Promise<Array<AppendResult | Error>> {
    const results = new Array<AppendResult | Error>(items.length);
    const todo: number[] = [];
    items.forEach((it, i) => {
      if (it.events.length === 0) results[i] = { events: [], nextExpectedVersion: it.expectedVersion };
      else todo.push(i);
    });
    for (let from = 0; from < todo.length; from += APPEND_BATCH) {
      const chunk = todo.slice(from, from + APPEND_BATCH);
      const docs = chunk.map((i) => this.commitOf(items[i]!));
      const { lane, seqs } = await this.writer.takeMany(docs.length);
      if (seqs[0] === 1) this.own.opened(lane.id);
      docs.forEach((d, k) => this.place(d, lane, seqs[k]!));
      await this.fault('slot-taken');
      const failures = new Map<number, unknown>();
      const stored = docs.map(toStored);
      try {
        await this.commits.insertMany(stored, { ordered: false });
      } catch (err) {
        const writeErrors = err instanceof MongoBulkWriteError ? [err.writeErrors].flat() : [];
        // Every document accounted for (inserted or refused) or, if not, none is known.
        const known = err instanceof MongoBulkWriteError && err.insertedCount + writeErrors.length === docs.length;
        if (known) for (const we of writeErrors) failures.set(we.index, we);
        else docs.forEach((_, k) => failures.set(k, err));
      }
      const retries: number[] = [];
      await inParallel(
        docs.map((_, k) => k),
        8,
        async (k) => {
          const i = chunk[k]!;
          const doc = docs[k]!;
          if (failures.has(k)) {
            const err = failures.get(k);
            const outcome = await settleFailedInsert(this.slots, lane, seqs[k]!, doc, err);
            if (outcome === 'conflict') {
              this.reads.moved(doc);
              return void (results[i] = new ConcurrencyError(doc.streamId, doc.expectedVersion));
            }
            if (outcome === 'failed') return void (results[i] = err instanceof Error ? err : new Error(String(err)));
            if (outcome === 'retry') return void retries.push(i);
          }
          this.writer.settle(lane, seqs[k]!);
          this.written(doc, stored[k]!);
          results[i] = { events: doc.events, nextExpectedVersion: doc.lastVersion };
        },
      );
      // A slot someone else closed: these go again one by one, in a new lane.
      for (const i of retries.sort((a, b) => a - b)) {
        const it = items[i]!;
        results[i] = await this.append(it.streamType, it.streamId, it.expectedVersion, it.events, it.ctx).catch((err: unknown) =>
          err instanceof Error ? err : new Error(String(err)),
        );
      }
    }
    for (const l of this.listeners) l();
    return results;
  }

  /** The commit document of an append, before it has a slot. */
  private commitOf({ streamType, streamId, expectedVersion, events, ctx }: AppendItem): CommitDocument {
    // Strictly increasing within a process, so `locateStream` orders the two halves of a
    // move (out of one tenant, into another) even when both land in one millisecond.
    const now = new Date(Math.max(Date.now(), this.lastCommitAt + 1));
    this.lastCommitAt = now.getTime();
    const envelopes: EventEnvelope[] = events.map((e, i) => ({
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: this.upcasting.currentVersion(e.type),
      tenantId: ctx.tenantId,
      streamType,
      streamId,
      streamVersion: expectedVersion + i + 1,
      occurredAt: now.toISOString(),
      correlationId: ctx.correlationId,
      causationId: ctx.causationId ?? null,
      actor: { subject: ctx.actor.subject, role: ctx.actor.role },
      data: e.data,
    }));
    return {
      _id: commitId(ctx.tenantId, streamId, expectedVersion),
      tenantId: ctx.tenantId,
      streamType,
      streamId,
      expectedVersion,
      lastVersion: expectedVersion + events.length,
      committedAt: now,
      events: envelopes,
      ...(ctx.request ? { request: { key: ctx.request.key, fingerprint: ctx.request.fingerprint } } : {}),
    };
  }

  /** Puts a commit in slot (lane, seq). */
  private place(doc: CommitDocument, lane: OpenLane, seq: number): void {
    const prev = this.lastCommits.get(`${doc.tenantId}|${doc.streamId}`);
    doc.lane = lane.id;
    doc.seq = seq;
    doc.page = outboxPage(lane.id, seq);
    if (prev && prev.lane === lane.id && prev.lastVersion === doc.expectedVersion) doc.prevInLane = true;
    else delete doc.prevInLane;
  }

  /** After a commit landed: what this store remembers of its stream, and the relay's copies. */
  private written(doc: CommitDocument, stored: StoredCommit): void {
    this.remember(doc.tenantId, doc.streamId, doc.lane, doc.lastVersion);
    if (doc.lane !== undefined && doc.seq !== undefined) {
      this.own.add(doc.lane, doc.seq, doc, (stored.body?.length ?? 0) + 512);
      this.digests.known(doc.lane, doc.seq, stored);
    }
    this.reads.wrote(doc);
  }
}

export * from './outbox-lanes';
