import { randomUUID } from 'node:crypto';
import { Collection, MongoServerError } from 'mongodb';
import { MessageProducer, OutgoingMessage } from '@mms/messaging';
import { CommitDocument, fromStored, OUTBOX_PAGE, outboxPage, placeholder, PLACEHOLDER_TENANT, StoredCommit } from '../event-store/commit';
import { MongoEventStore } from '../event-store/mongo-event-store';
import { LANE_WINDOW, LaneDocument } from '../event-store/outbox-lanes';
import { IntegrationTranslator, toMessage } from '../integration';
import { Lease } from './lease';
import { inParallel } from '../core/in-parallel';
import { EventEnvelope } from '../core';
import { LegacyOutbox } from './legacy-outbox';
import { Gate, LanePages } from './lane-pages';

export { unpublishedCommits } from './backlog';

export interface RelayLogger {
  info(msg: string, extra?: Record<string, unknown>): void;
  warn(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

/**
 * The steps of the relay's protocol after which a test may stop it dead (`faults`):
 * whatever the relay would do next is then left to the next relay.
 */
export type RelayStep =
  /** lanes and pages read, nothing sent */
  | 'read'
  /** the internal topic acknowledged the batch, the public one not yet */
  | 'sent-internal'
  /** both topics acknowledged it, the checkpoint not yet advanced */
  | 'sent'
  /** the lane's checkpoint advanced */
  | 'checkpointed'
  /** a placeholder closed a gap, not yet read back */
  | 'gap-closed'
  /** a silent lane marked `fenced`, no placeholder inserted yet */
  | 'fence-marked'
  /** the fence's placeholders inserted, the lane's end not yet recorded */
  | 'fenced'
  /** a finished lane's placeholders deleted, its registry entry not yet */
  | 'lane-placeholders-deleted'
  /** old-protocol commits sent, none marked yet */
  | 'legacy-sent'
  /** old-protocol commits: the first chunk of marks written */
  | 'legacy-marked-some';

export interface OutboxRelayOptions {
  store: MongoEventStore;
  producer: MessageProducer;
  lease: Lease;
  /** Every internal event goes here (the context's own projections read it). */
  internalTopic: string;
  /** Public integration events go here (other contexts read it). */
  publicTopic: string;
  translate: IntegrationTranslator;
  /** Commits per lane per round (rounded up to whole pages). Default 500. */
  batchSize?: number;
  /** Poll interval when idle; an append in this process wakes the relay at once. */
  idlePollMs?: number;
  /** A missing slot with later slots present is closed by a placeholder after this long. Default 5 s. */
  gapMs?: number;
  /** A lane that did not move this long and was not closed by its writer is fenced. Default 60 s. */
  silentLaneMs?: number;
  /**
   * While a lane is live (nothing behind), how often its pages are read anyway when the probes
   * of the next slots find nothing: a gap wider than the probes is seen then. Default 1 s.
   */
  pageRecheckMs?: number;
  /** How often to look for old-protocol commits once none are left (a writer of the old version may still run). Default 10 s. */
  legacyRecheckMs?: number;
  logger?: RelayLogger;
  onPublished?: (events: number, commits: number) => void;
  /** Tests only: throwing here stops the relay at that step as a crash would. */
  faults?: (step: RelayStep) => void | Promise<void>;
}

const sleep = (ms: number, signal: { wake?: () => void }) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.wake = () => {
      clearTimeout(t);
      resolve();
    };
  });

const isDuplicateKey = (err: unknown) => err instanceof MongoServerError && err.code === 11000;

/** What this relay remembers of a lane (all of it may be lost: the registry has what counts). */
interface LaneState {
  /** Checkpoint as far as this relay knows (the registry's may be behind when its update failed). */
  cp: number;
  /** Slots above the checkpoint already sent (a stream held back below them stops the checkpoint). */
  sentAbove: Set<number>;
  /** When each missing slot with later slots present was first seen. */
  gapSince: Map<number, number>;
  /** Last time the lane moved (or this relay first saw it). */
  movedAt: number;
  pagesAhead: number;
  /** When this relay last read the lane's pages (probing reads single slots). */
  pagesReadAt: number;
  /** Pages read ahead or kept while behind. */
  pages: LanePages;
  /** The checkpoint write in flight: the next round goes on meanwhile (it is progress only, see `settle`). */
  checkpoint?: Promise<void>;
}

/** Slots probed one by one when a lane is live. */
const PROBES = 4;
/** Fields of a commit the relay does not use: fewer to encode and send for every commit read. */
const PAGE_FIELDS_UNUSED = { committedAt: 0, request: 0, streamType: 0, lane: 0, page: 0 } as const;
/** While the relay is busy, the lane registry is read again after this long, not every round. */
const REGISTRY_REREAD_MS = 200;
/** Page reads in flight at once, read-ahead included: FerretDB serves about as many at once as it has cores. */
const PAGE_READS = 4;

/**
 * Moves commits from the store to Kafka: at least once, per-stream order, key = stream id.
 * Each writer appends in its own lane (slots 1, 2, 3 …); the relay reads a lane page by
 * page from its checkpoint, sends, and advances the checkpoint: one small write per batch,
 * nothing written to the commits. Kafka down → commits wait (appends go on) and the relay
 * retries with backoff. Killed at any step → the checkpoint was not advanced, so the batch
 * is sent again. The protocol, and every failure case, in packages/eventsourcing/README.md.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly signal: { wake?: () => void } = {};
  private pendingWake = false;
  readonly id = randomUUID();
  private readonly commits: Collection<StoredCommit>;
  private readonly lanes: Collection<LaneDocument>;
  private holding = false;
  private readonly legacy: LegacyOutbox;
  private readonly laneStates = new Map<string, LaneState>();
  /** Registry entries as read this round (predecessor checks consult them). */
  private laneDocs = new Map<string, LaneDocument>();
  private registryReadAt = 0;
  private lastRoundSent = false;
  private legacyCheckedAt = 0;
  private legacyLeft = true;
  private readonly pageReads = new Gate(PAGE_READS);

  constructor(private readonly o: OutboxRelayOptions) {
    this.commits = o.store.commits;
    this.lanes = o.store.lanes;
    o.store.onAppended(() => this.nudge());
    this.legacy = new LegacyOutbox(this.commits, {
      batchSize: o.batchSize ?? 500,
      logger: o.logger,
      mayFollow: (c) => this.predecessorPublished(c),
      sentUpTo: (k) => this.sent.get(k),
      send: (batch) => this.send(batch),
      remember: (k, v) => this.remember(k, v),
      fault: (step) => this.fault(step),
      onPublished: (events, commits) => o.onPublished?.(events, commits),
    });
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
    await this.settle();
    if (this.holding) await this.o.lease.release().catch(() => undefined);
    this.holding = false;
    this.o.store.own.enable(false);
    // The relay owns its producer (it was made for it).
    await this.o.producer.disconnect().catch(() => undefined);
  }

  /** Publishes everything pending once (used by tests and tooling). */
  async drain(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const n = await this.publishBatch();
        total += n;
        if (n === 0) return total;
      }
    } finally {
      await this.settle();
    }
  }

  /**
   * Waits for the checkpoint writes in flight. A round does not wait for its own: the next
   * round reads and sends meanwhile, and a write that failed or never landed only means that
   * the next relay sends that batch again (at least once). Each lane's writes go one at a
   * time, in order, and `$max` never moves a checkpoint back.
   */
  private async settle(): Promise<void> {
    await Promise.all([...this.laneStates.values()].map((st) => this.checkpointed(st).catch(() => undefined)));
  }

  /** The lane's checkpoint write in flight, awaited (its failure thrown once). */
  private async checkpointed(st: LaneState): Promise<void> {
    const write = st.checkpoint;
    st.checkpoint = undefined;
    await write;
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
          // Only the lease holder sends: the store keeps what it writes for it only meanwhile.
          this.o.store.own.enable(this.holding);
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
        await this.settle();
        this.o.logger?.warn('relay could not publish, will retry', {
          error: err instanceof Error ? err.message : String(err),
          backoffMs: backoff,
        });
        await sleep(backoff, this.signal);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  /** One round: old-protocol commits while there are any, then every lane once. Returns events sent. */
  async publishBatch(): Promise<number> {
    let sent = 0;
    const recheck = this.o.legacyRecheckMs ?? 10_000;
    if (this.legacyLeft || Date.now() - this.legacyCheckedAt >= recheck) {
      const r = await this.legacy.publishBatch();
      this.legacyCheckedAt = Date.now();
      this.legacyLeft = r.found > 0;
      sent += r.events;
    }
    // Busy (the last round sent): the registry as read a moment ago. What it may miss for that
    // long: a new lane, a lane's end, another relay's checkpoint. A round that sends nothing
    // from it reads the registry after all, so "nothing sent" always means nothing pending.
    const cached = this.lastRoundSent && Date.now() - this.registryReadAt < REGISTRY_REREAD_MS;
    if (!cached) await this.readRegistry();
    let lanesSent = 0;
    for (const lane of [...this.laneDocs.values()]) lanesSent += await this.publishLane(lane);
    if (cached && lanesSent === 0) {
      await this.readRegistry();
      for (const lane of [...this.laneDocs.values()]) lanesSent += await this.publishLane(lane);
    }
    sent += lanesSent;
    this.lastRoundSent = sent > 0;
    return sent;
  }

  private async readRegistry(): Promise<void> {
    const lanes = await this.lanes.find({}).toArray();
    lanes.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
    this.laneDocs = new Map(lanes.map((l) => [l._id, l]));
    this.registryReadAt = Date.now();
    for (const id of this.laneStates.keys()) if (!this.laneDocs.has(id)) this.laneStates.delete(id);
  }

  private stateOf(lane: LaneDocument): LaneState {
    let st = this.laneStates.get(lane._id);
    if (!st) {
      st = {
        cp: lane.published,
        sentAbove: new Set(),
        gapSince: new Map(),
        movedAt: Date.now(),
        pagesAhead: 2,
        pagesReadAt: 0,
        pages: new LanePages(lane._id, (page, above) =>
          this.pageReads.run(() =>
            this.commits
              .find(above === undefined ? { page } : { page, seq: { $gt: above } }, { projection: PAGE_FIELDS_UNUSED })
              .map(fromStored)
              .toArray(),
          ),
        ),
      };
      this.laneStates.set(lane._id, st);
    }
    if (lane.published > st.cp) st.cp = lane.published; // another relay got further
    return st;
  }

  /** One lane: read from the checkpoint, send what may go, advance the checkpoint; then gaps, fences, endings. */
  private async publishLane(lane: LaneDocument): Promise<number> {
    const st = this.stateOf(lane);
    const cp = st.cp;
    const maxPages = Math.max(2, Math.ceil((this.o.batchSize ?? 500) / OUTBOX_PAGE) + 1);
    const voids = new Set(lane.voids);
    // Equality on the page is served from an index by every backend; a range on seq only for the
    // checkpoint's own page (FerretDB applies it itself, decoding the page's every commit).
    let readWindow: { first: number; n: number; pages: Map<number, CommitDocument[]> } | undefined;
    const readPages = async () => {
      const first = Math.floor((cp + 1) / OUTBOX_PAGE);
      const n = Math.min(st.pagesAhead, maxPages);
      st.pagesReadAt = Date.now();
      readWindow = { first, n, pages: await st.pages.take(first, n, cp) };
      return [...readWindow.pages.values()].flat();
    };
    let read: CommitDocument[];
    // What this process wrote from the checkpoint on, as its writer saw it land: nothing to read.
    const own = this.o.store.own.run(lane._id, cp + 1, this.o.batchSize ?? 500);
    if (own.length) {
      st.pages.clear();
      read = [];
      for (const x of own)
        if (x.slot === 'empty') voids.add(x.seq);
        else read.push(x.slot);
    } else if (this.o.store.own.knows(lane._id))
      read = []; // nothing of this process's lane settled past the checkpoint yet
    else if (st.pagesAhead > 2) read = await readPages();
    else {
      // Live: the next slots one by one, page and seq both equalities (served from the slot index,
      // one document decoded per hit), not whole pages that hold earlier commits, some large, sent
      // long ago. Pages are read when the probes may not have seen everything: all of them hit
      // (more may follow), a hole before a hit (a gap), or nothing found for pageRecheckMs (a
      // gap wider than the probes).
      const slots = Array.from({ length: PROBES }, (_, i) => cp + 1 + i);
      const hits = await inParallel(slots, PROBES, async (seq) => {
        const hit = await this.commits.findOne({ page: outboxPage(lane._id, seq), seq });
        return hit && fromStored(hit);
      });
      const filled = hits.map((h, i) => h !== null || voids.has(slots[i]!));
      const prefix = filled.indexOf(false) === -1 ? PROBES : filled.indexOf(false);
      const holeBeforeHit = filled.slice(prefix).some(Boolean);
      // A gap being closed is followed by pages until it is (its later slots are beyond the probes).
      const stale = prefix === 0 && (st.gapSince.size > 0 || Date.now() - st.pagesReadAt >= (this.o.pageRecheckMs ?? 1000));
      read = prefix === PROBES || holeBeforeHit || stale ? await readPages() : hits.filter((h): h is CommitDocument => h !== null);
    }
    const bySeq = new Map<number, CommitDocument>();
    let maxRead = cp;
    for (const d of read) {
      bySeq.set(d.seq!, d);
      if (d.seq! > maxRead) maxRead = d.seq!;
    }
    const maxSeen = Math.max(lane.last ?? cp, maxRead);
    let end = cp;
    while (bySeq.has(end + 1) || voids.has(end + 1)) end++;
    st.pagesAhead = end - cp >= (st.pagesAhead - 1) * OUTBOX_PAGE ? Math.min(st.pagesAhead * 2, maxPages) : 2;
    if (end > cp) st.movedAt = Date.now();
    await this.fault('read');

    // In slot order; a commit whose predecessor is not out yet is held, with every later
    // version of its stream, and the checkpoint stops before it. (An earlier version in a
    // later slot is judged on its own: no writer does that, but order must not depend on it.)
    const held = new Map<string, number>();
    const queued = new Map<string, number>();
    const batch: CommitDocument[] = [];
    let settled = cp;
    let blocked = false;
    const cap = this.o.batchSize ?? 500;
    for (let s = cp + 1; s <= end && batch.length < cap; s++) {
      const d = bySeq.get(s);
      let goes = !d || d.void !== undefined || st.sentAbove.has(s);
      if (!goes) {
        const k = streamKey(d!);
        const heldFrom = held.get(k);
        if ((heldFrom === undefined || d!.expectedVersion < heldFrom) && (d!.prevInLane || (await this.mayGo(d!, queued.get(k))))) {
          batch.push(d!);
          queued.set(k, d!.lastVersion);
          goes = true;
        } else held.set(k, Math.min(d!.expectedVersion, heldFrom ?? Infinity));
      }
      if (!goes) blocked = true;
      else if (!blocked) settled = s;
    }
    if (readWindow) {
      st.pages.keep(readWindow.pages, end, settled);
      // Still behind (every slot read there): the next pages are read while this batch is sent.
      const next = readWindow.first + readWindow.n;
      const beyond = next * OUTBOX_PAGE;
      if (end >= beyond - 1 && (lane.last === undefined || lane.last >= beyond)) st.pages.readAhead(next, Math.min(st.pagesAhead, maxPages));
    }

    let events = 0;
    if (batch.length) {
      events = await this.send(batch);
      for (const d of batch) {
        this.remember(streamKey(d), d.lastVersion);
        if (d.seq! > settled) st.sentAbove.add(d.seq!);
      }
      if (st.sentAbove.size > MAX_SENT_ABOVE) st.sentAbove.clear(); // only costs a re-send
      this.o.onPublished?.(events, batch.length);
    }
    if (settled > cp) {
      const consumed = lane.voids.filter((v) => v <= settled);
      await this.checkpointed(st);
      // $max: a relay that lost its lease meanwhile can never move the checkpoint back.
      const write = this.lanes
        .updateOne({ _id: lane._id }, { $max: { published: settled }, ...(consumed.length ? { $pullAll: { voids: consumed } } : {}) })
        .then(() => this.fault('checkpointed'));
      write.catch(() => undefined); // thrown where it is awaited
      st.checkpoint = write;
      st.cp = settled;
      this.o.store.own.forget(lane._id, settled);
      for (const s of st.sentAbove) if (s <= settled) st.sentAbove.delete(s);
      // A gap filled after all (a late commit, a recorded void) is no gap any more.
      for (const s of st.gapSince.keys()) if (s <= settled) st.gapSince.delete(s);
    }

    if (end < maxSeen) {
      // Every hole seen at once, not only the first: their times run together, so a run of
      // missing slots (lost settlements, a writer that died with several in flight) costs the
      // lane one gapMs, not one per slot.
      const gaps = [end + 1];
      for (let s = end + 2; s < maxRead; s++) if (!bySeq.has(s) && !voids.has(s)) gaps.push(s);
      await inParallel(gaps, 8, (gap) => this.closeGap(lane, st, gap));
    } else if (lane.last !== undefined && settled >= lane.last) await this.forget(lane);
    else if (lane.closedAt === undefined && !blocked && Date.now() - st.movedAt >= (this.o.silentLaneMs ?? 60_000)) await this.fence(lane, st, end);
    return events;
  }

  /**
   * Slot `gap` is missing while later ones are there: an insert still on its way, or one
   * that will never come (its writer died). After `gapMs` a placeholder decides: if it
   * lands, no commit can take the slot any more; if the commit landed first, the
   * placeholder is refused and the commit is read next round.
   */
  private async closeGap(lane: LaneDocument, st: LaneState, gap: number): Promise<void> {
    const since = st.gapSince.get(gap);
    if (since === undefined) {
      st.gapSince.set(gap, Date.now());
      return;
    }
    if (Date.now() - since < (this.o.gapMs ?? 5000)) return;
    try {
      await this.commits.insertOne(placeholder(lane._id, gap, 'gap'));
      this.o.logger?.warn('relay closed a gap in a lane (its commit never came)', { lane: lane._id, seq: gap });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    await this.fault('gap-closed');
    st.gapSince.delete(gap);
  }

  /**
   * A lane that has not moved for `silentLaneMs` and was never closed: its writer died (or
   * stalls). Placeholders on the LANE_WINDOW slots after the last one seen leave no slot
   * its inserts could still land in (the writer never runs that far ahead of a missing
   * slot); if one is refused, a commit came after all and the lane lives on.
   */
  private async fence(lane: LaneDocument, st: LaneState, end: number): Promise<void> {
    // Marked first: a fenced lane's placeholders are never deleted.
    await this.lanes.updateOne({ _id: lane._id }, { $set: { fenced: true } });
    await this.fault('fence-marked');
    const slots = Array.from({ length: LANE_WINDOW }, (_, i) => placeholder(lane._id, end + 1 + i, 'fence'));
    try {
      await this.commits.insertMany(slots, { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      st.movedAt = Date.now(); // something landed: the lane lives
      return;
    }
    await this.fault('fenced');
    await this.lanes.updateOne({ _id: lane._id }, { $max: { last: end + LANE_WINDOW } });
    this.o.logger?.warn('relay fenced a silent lane', { lane: lane._id, after: end });
  }

  /** Everything up to the lane's last slot is out: delete its placeholders (unless fenced) and its entry. */
  private async forget(lane: LaneDocument): Promise<void> {
    const st = this.laneStates.get(lane._id);
    if (st) await this.checkpointed(st);
    // A closed lane has nothing in flight, so no insert can need its placeholders any more.
    if (!lane.fenced) {
      await this.commits.deleteMany({ tenantId: PLACEHOLDER_TENANT, streamId: lane._id });
      await this.fault('lane-placeholders-deleted');
    }
    await this.lanes.deleteOne({ _id: lane._id });
    this.laneStates.delete(lane._id);
    this.laneDocs.delete(lane._id);
    this.o.store.own.forget(lane._id, Infinity);
  }

  /** Whether `c` may go now: its stream's previous commit is out (or queued before it in this batch). */
  private async mayGo(c: CommitDocument, queuedUpTo: number | undefined): Promise<boolean> {
    if (c.expectedVersion === 0) return true;
    if (queuedUpTo !== undefined && c.expectedVersion <= queuedUpTo) return true;
    const sent = this.sent.get(streamKey(c));
    // At or below what was sent: the predecessor is out (a redelivery is harmless).
    if (sent !== undefined && c.expectedVersion <= sent) return true;
    return this.predecessorPublished(c);
  }

  /**
   * Looks the stream's previous commit up and tells whether it is out. A commit is only
   * stored after its predecessor (the writer read it), so the predecessor exists unless a
   * writer skipped a version: then the stream is held back rather than sent out of order.
   */
  private async predecessorPublished(c: CommitDocument): Promise<boolean> {
    const p = await this.commits.findOne({ tenantId: c.tenantId, streamId: c.streamId, lastVersion: c.expectedVersion });
    if (!p) {
      this.o.logger?.warn('relay holds a stream back: a version before its oldest unpublished commit is not stored', {
        tenantId: c.tenantId,
        streamId: c.streamId,
        expectedVersion: c.expectedVersion,
      });
      return false;
    }
    const sent = this.sent.get(streamKey(p));
    if (sent !== undefined && sent >= p.lastVersion) return true;
    if (p.lane === undefined) return p.published === true;
    // A lane opened after this round's registry read may hold it: read its entry then.
    const lane = this.laneDocs.get(p.lane) ?? (await this.lanes.findOne({ _id: p.lane })) ?? undefined;
    if (!lane) return true; // forgotten: every slot of it was out
    const st = this.laneStates.get(p.lane);
    return p.seq! <= Math.max(lane.published, st?.cp ?? 0) || (st?.sentAbove.has(p.seq!) ?? false);
  }

  /** Sends commits (in order) to both topics; returns the number of internal events. */
  private async send(commits: CommitDocument[]): Promise<number> {
    const internal: OutgoingMessage[] = [];
    const pub: OutgoingMessage[] = [];
    for (const c of commits) {
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
    await this.fault('sent-internal');
    await this.o.producer.send(this.o.publicTopic, pub);
    await this.fault('sent');
    return internal.length;
  }

  private async fault(step: RelayStep): Promise<void> {
    await this.o.faults?.(step);
  }

  /** Last version of each stream this relay has sent (bounded: forgetting only costs a lookup). */
  private readonly sent = new Map<string, number>();

  private remember(k: string, version: number) {
    if (this.sent.size >= MAX_REMEMBERED_STREAMS && !this.sent.has(k)) this.sent.clear();
    this.sent.set(k, Math.max(version, this.sent.get(k) ?? 0));
  }
}

export const streamKey = (c: Pick<CommitDocument, 'tenantId' | 'streamId'>) => `${c.tenantId}|${c.streamId}`;

const MAX_REMEMBERED_STREAMS = 200_000;
const MAX_SENT_ABOVE = 100_000;
