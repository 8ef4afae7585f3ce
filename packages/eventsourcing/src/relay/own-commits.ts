import type { CommitDocument } from '../event-store/commit';

/** What a slot of this process's lanes holds, as its writer knows it: a commit, or a settled empty slot. */
export type OwnSlot = CommitDocument | 'empty';

/**
 * The commits this process's event store wrote, by lane and slot, kept until the relay of this
 * process has passed them: the live path from an append to Kafka reads nothing back from the
 * database. Only what a writer saw land goes in (a commit whose insert succeeded, a slot it
 * settled with a placeholder); the relay takes an unbroken run from its checkpoint and reads the
 * database for anything else (other processes' lanes, a restart, what did not fit). Off until a
 * relay of this process holds the lease; bounded by bytes of stored bodies.
 */
export class OwnCommits {
  private readonly lanes = new Map<string, Map<number, { slot: OwnSlot; bytes: number }>>();
  /** Lanes opened while on, with every settled slot here since: what is not here is not settled yet. */
  private readonly whole = new Set<string>();
  /** The relay's checkpoint in each lane it has passed slots of (while on). */
  private readonly checkpoints = new Map<string, number>();
  private bytes = 0;
  private on = false;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  /** The relay of this process holds the lease (or stopped holding it: everything is dropped). */
  enable(on: boolean): void {
    this.on = on;
    if (!on) {
      this.lanes.clear();
      this.whole.clear();
      this.checkpoints.clear();
      this.bytes = 0;
    }
  }

  get enabled(): boolean {
    return this.on;
  }

  /** A lane of this process's writer took its first slot. */
  opened(lane: string): void {
    if (this.on) this.whole.add(lane);
  }

  /** A slot of the lane settled without being added here (its fate unknown, or no room): the database tells. */
  lost(lane: string): void {
    this.whole.delete(lane);
  }

  /** Every settled slot of the lane past what was forgotten is here: an empty run means nothing more has settled yet. */
  knows(lane: string): boolean {
    return this.whole.has(lane);
  }

  /** A slot of one of this process's lanes, settled: its commit (`bytes`: its stored size) or empty. */
  add(lane: string, seq: number, slot: OwnSlot, bytes = 64): void {
    if (!this.on) return;
    if (this.bytes + bytes > this.maxBytes) return this.lost(lane);
    let slots = this.lanes.get(lane);
    if (!slots) this.lanes.set(lane, (slots = new Map()));
    if (slots.has(seq)) return;
    slots.set(seq, { slot, bytes });
    this.bytes += bytes;
  }

  /** The unbroken run of known slots from `from` on (at most `max`): empty when `from` itself is unknown here. */
  run(lane: string, from: number, max: number): Array<{ seq: number; slot: OwnSlot }> {
    const slots = this.lanes.get(lane);
    const out: Array<{ seq: number; slot: OwnSlot }> = [];
    if (!slots) return out;
    for (let seq = from; out.length < max; seq++) {
      const held = slots.get(seq);
      if (!held) break;
      out.push({ seq, slot: held.slot });
    }
    return out;
  }

  /** How far this process's relay has sent the lane (0: not at all, or it is not on). */
  passed(lane: string): number {
    return this.checkpoints.get(lane) ?? 0;
  }

  /** The relay's checkpoint passed `upTo` (or the lane is gone: `upTo` Infinity). */
  forget(lane: string, upTo: number): void {
    const slots = this.lanes.get(lane);
    if (upTo === Infinity) {
      this.whole.delete(lane);
      this.checkpoints.delete(lane);
    } else if (this.on && upTo > this.passed(lane)) this.checkpoints.set(lane, upTo);
    if (!slots) return;
    for (const [seq, held] of slots)
      if (seq <= upTo) {
        slots.delete(seq);
        this.bytes -= held.bytes;
      }
    if (slots.size === 0) this.lanes.delete(lane);
  }

  /** Bytes held (a gauge for tests and operators). */
  get size(): number {
    return this.bytes;
  }
}
