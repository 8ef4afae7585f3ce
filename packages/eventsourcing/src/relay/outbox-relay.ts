import { randomUUID } from 'node:crypto';
import { Collection } from 'mongodb';
import { CommitDocument, OUTBOX_PAGE, PLACEHOLDER_TENANT, StoredCommit } from '../event-store/commit';
import { LaneDocument } from '../event-store/outbox-lanes';
import { inParallel } from '../core/in-parallel';
import { LegacyOutbox } from './legacy-outbox';
import { LanePages } from './lane-pages';
import { PageSource } from './page-source';
import { sendCommits } from './send-commits';
import type { LaneState } from './lane-state';
import type { OutboxRelayOptions, RelayStep } from './relay-options';
import { StreamOrder, streamKey } from './stream-order';
import { closeGap, fence, LaneEndings } from './lane-endings';
import { readFromCheckpoint, walkLane } from './lane-round';

export { unpublishedCommits } from './backlog';
export type { OutboxRelayOptions, RelayLogger, RelayStep } from './relay-options';
export { streamKey } from './stream-order';

const sleep = (ms: number, signal: { wake?: () => void }) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.wake = () => {
      clearTimeout(t);
      resolve();
    };
  });

/** While the relay is busy, the lane registry is read again after this long, not every round. */
const REGISTRY_REREAD_MS = 200;

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
  private readonly source: PageSource;
  private readonly lanes: Collection<LaneDocument>;
  private holding = false;
  private readonly legacy: LegacyOutbox;
  private readonly order: StreamOrder;
  private readonly endings: LaneEndings;
  private readonly laneStates = new Map<string, LaneState>();
  /** Registry entries as read this round (predecessor checks consult them). */
  private laneDocs = new Map<string, LaneDocument>();
  private registryReadAt = 0;
  private lastRoundSent = false;
  private legacyCheckedAt = 0;
  private legacyLeft = true;

  constructor(private readonly o: OutboxRelayOptions) {
    this.commits = o.store.commits;
    this.source = new PageSource(this.commits, o.store.pageDigests);
    this.lanes = o.store.lanes;
    this.endings = {
      commits: this.commits,
      lanes: this.lanes,
      gapMs: o.gapMs ?? 5000,
      logger: o.logger,
      fault: (step) => this.fault(step),
      checkpointed: (st) => this.checkpointed(st),
    };
    this.order = new StreamOrder(
      this.commits,
      this.lanes,
      () => this.laneDocs,
      () => this.laneStates,
      o.logger,
    );
    o.store.onAppended(() => this.nudge());
    this.legacy = new LegacyOutbox(this.commits, {
      batchSize: o.batchSize ?? 500,
      logger: o.logger,
      mayFollow: (c) => this.order.predecessorPublished(c),
      sentUpTo: (k) => this.order.sentUpTo(k),
      send: (batch) => this.send(batch),
      remember: (k, v) => this.order.remember(k, v),
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
    this.o.store.relayHolds(false);
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
          this.o.store.relayHolds(this.holding);
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
    await this.source.tidy(sent === 0);
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
        pages: new LanePages(lane._id, this.source.read),
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
    // A closed lane sent up to its last slot: nothing to read (its writer took no slot after it).
    if (lane.last !== undefined && cp >= lane.last) {
      await this.forget(lane);
      return 0;
    }
    const { read, readWindow } = await readFromCheckpoint(
      { commits: this.commits, own: this.o.store.own, batchSize: this.o.batchSize ?? 500, pageRecheckMs: this.o.pageRecheckMs ?? 1000 },
      lane,
      st,
      voids,
      maxPages,
    );
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

    // Step 3 (README): what may go, in slot order; the checkpoint stops before what is held.
    const { batch, settled, blocked } = await walkLane(bySeq, st, end, this.o.batchSize ?? 500, (d, queued) => this.order.mayGo(d, queued));
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
        this.order.remember(streamKey(d), d.lastVersion);
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
      this.source.passed(lane._id, cp, settled);
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
      await inParallel(gaps, 8, (gap) => closeGap(this.endings, lane, st, gap));
    } else if (lane.last !== undefined && settled >= lane.last) await this.forget(lane);
    else if (lane.closedAt === undefined && !blocked && Date.now() - st.movedAt >= (this.o.silentLaneMs ?? 60_000)) await fence(this.endings, lane, st, end);
    return events;
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
    await this.source.forget(lane._id);
    await this.lanes.deleteOne({ _id: lane._id });
    this.laneStates.delete(lane._id);
    this.laneDocs.delete(lane._id);
    this.o.store.own.forget(lane._id, Infinity);
  }

  /** Sends commits (in order) to both topics; returns the number of internal events. */
  private send(commits: CommitDocument[]): Promise<number> {
    return sendCommits(this.o, commits, (step) => this.fault(step));
  }

  private async fault(step: RelayStep): Promise<void> {
    await this.o.faults?.(step);
  }
}

const MAX_SENT_ABOVE = 100_000;
