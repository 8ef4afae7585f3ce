import { randomUUID } from 'node:crypto';
import { Collection } from 'mongodb';
import { LANE_WINDOW, LaneDocument } from './outbox-lanes';

/** One lane as its writer sees it. */
export class OpenLane {
  /** The last slot handed out. */
  next = 0;
  /** Slots handed out and not yet settled (a commit, a placeholder or a recorded void). */
  readonly unsettled = new Set<number>();
  /** No new slots: the lane hit a placeholder, or is closing. */
  abandoned = false;
  /** A slot's fate is unknown: the writer must not close the lane (the relay will fence it). */
  broken = false;
  lastUsed = Date.now();
  waiters: Array<() => void> = [];
  idleTimer: NodeJS.Timeout | undefined;

  constructor(readonly id: string) {}

  /** The lowest slot not yet settled, or the next one. */
  lowest(): number {
    let low = this.next + 1;
    for (const s of this.unsettled) if (s < low) low = s;
    return low;
  }

  wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/**
 * Hands out slots (lane, seq) to appends: opens a lane on first use (its registry entry is
 * written before any commit in it), keeps at most LANE_WINDOW slots unsettled, and closes
 * the lane when it has been idle `idleMs` with nothing in flight, so the relay can forget it.
 */
export class LaneWriter {
  private lane: OpenLane | undefined;
  private opening: Promise<void> | undefined;
  halted = false;

  constructor(
    private readonly lanes: Collection<LaneDocument>,
    private readonly idleMs: number,
    private readonly beforeFirstCommit: () => Promise<void> = async () => undefined,
  ) {}

  async take(): Promise<{ lane: OpenLane; seq: number }> {
    for (;;) {
      const lane = this.lane;
      if (!lane || lane.abandoned) {
        this.opening ??= this.open().finally(() => (this.opening = undefined));
        await this.opening;
        continue;
      }
      if (lane.next + 1 - lane.lowest() < LANE_WINDOW) {
        const seq = ++lane.next;
        lane.unsettled.add(seq);
        lane.lastUsed = Date.now();
        return { lane, seq };
      }
      await new Promise<void>((resolve) => lane.waiters.push(resolve));
    }
  }

  /**
   * `count` consecutive slots of one lane at once (a batch append), or none until they fit:
   * taken one by one, two batches could each hold half the window and wait for the other.
   */
  async takeMany(count: number): Promise<{ lane: OpenLane; seqs: number[] }> {
    if (count < 1 || count > LANE_WINDOW / 2) throw new Error(`a batch takes 1 to ${LANE_WINDOW / 2} slots (asked ${count})`);
    for (;;) {
      const lane = this.lane;
      if (!lane || lane.abandoned) {
        this.opening ??= this.open().finally(() => (this.opening = undefined));
        await this.opening;
        continue;
      }
      if (lane.next + count - lane.lowest() < LANE_WINDOW) {
        const seqs = Array.from({ length: count }, () => ++lane.next);
        for (const s of seqs) lane.unsettled.add(s);
        lane.lastUsed = Date.now();
        return { lane, seqs };
      }
      await new Promise<void>((resolve) => lane.waiters.push(resolve));
    }
  }

  /** The slot holds a commit, a placeholder or a recorded void: nothing will ever change there. */
  settle(lane: OpenLane, seq: number): void {
    lane.unsettled.delete(seq);
    lane.lastUsed = Date.now();
    lane.wake();
    if (lane.unsettled.size === 0) {
      if (lane.abandoned) this.closeSoon(lane);
      else this.scheduleClose(lane);
    }
  }

  /** Stop handing out slots of this lane (someone placed a placeholder in it). */
  abandon(lane: OpenLane): void {
    lane.abandoned = true;
    if (this.lane === lane) this.lane = undefined;
    lane.wake();
    if (lane.unsettled.size === 0) this.closeSoon(lane);
  }

  /** An abandoned lane with nothing in flight closes now, not when an idle timer runs out: the relay probes an open lane for more. */
  private closeSoon(lane: OpenLane): void {
    clearTimeout(lane.idleTimer);
    lane.idleTimer = undefined;
    this.scheduleClose(lane, 0);
  }

  /** Appends from now on take a new lane; this one closes once what is in flight in it has settled. */
  retire(): void {
    if (this.lane) this.abandon(this.lane);
  }

  /** A slot's fate is unknown: abandon the lane and never close it (the relay fences it). */
  breakLane(lane: OpenLane): void {
    lane.broken = true;
    this.abandon(lane);
  }

  private async open(): Promise<void> {
    const id = randomUUID();
    await this.lanes.insertOne({ _id: id, openedAt: new Date(), published: 0, voids: [] });
    await this.beforeFirstCommit();
    this.lane = new OpenLane(id);
  }

  private scheduleClose(lane: OpenLane, after = this.idleMs): void {
    if (lane.idleTimer || lane.broken || this.halted) return;
    lane.idleTimer = setTimeout(() => {
      lane.idleTimer = undefined;
      void this.closeIfIdle(lane);
    }, after);
    lane.idleTimer.unref();
  }

  private async closeIfIdle(lane: OpenLane): Promise<void> {
    if (this.halted || lane.broken || lane.unsettled.size > 0) return;
    const idleFor = Date.now() - lane.lastUsed;
    if (!lane.abandoned && idleFor < this.idleMs) return this.scheduleClose(lane, this.idleMs - idleFor);
    // Synchronously out of use, then recorded: an append from now on opens a new lane.
    lane.abandoned = true;
    if (this.lane === lane) this.lane = undefined;
    // If this fails the lane stays open in the registry and the relay fences it when it has been silent long enough.
    await this.lanes.updateOne({ _id: lane.id }, { $set: { closedAt: new Date(), last: lane.next } }).catch(() => undefined);
  }

  /** Closes the current lane now if nothing is in flight (tests, shutdown). */
  async closeNow(): Promise<void> {
    const lane = this.lane;
    if (!lane) return;
    lane.abandoned = true;
    if (this.lane === lane) this.lane = undefined;
    if (lane.unsettled.size === 0 && !lane.broken) await this.closeIfIdle(lane);
  }
}
