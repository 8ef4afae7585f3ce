import { randomBytes } from 'node:crypto';
import type { StoredRow } from '../core';

/** A stored row's write token: new at every write, so a guard on it proves nobody wrote the row since (a counter could meet its old value again in a collection dropped and refilled). */
export const writeToken = () => randomBytes(9).toString('base64url');

/** A held row's key: its collection's namespace (a generation's own) and the row's id. */
export const heldKey = (coll: { namespace: string }, id: string) => `${coll.namespace}|${id}`;

/** What a row is taken to cost held, from its stored form: its packed text counted twice (it is held unpacked), plus its fields. */
export const costOf = (row: { _id: string }) => {
  const packed = (row as { _packed?: unknown })._packed;
  return (typeof packed === 'string' ? packed.length * 2 : 0) + 64 * Object.keys(row).length;
};

/**
 * The rows a projection last wrote, as written, so a row met again is folded and written
 * without a read first: the write is guarded by the row's token, and a row someone else wrote
 * meanwhile (another replica, a rebuild) is refused and read as before. A row is taken out
 * while it is folded (a failed write leaves nothing held that the fold may have touched) and
 * put back once written. Bounded by an estimate of memory; the least recently used go first.
 */
export class HeldRows<T extends { _id: string } = StoredRow> {
  private readonly rows = new Map<string, { row: T; cost: number }>();
  private cost = 0;

  constructor(private readonly maxCost = 48 * 1024 * 1024) {}

  take(key: string): T | undefined {
    const held = this.rows.get(key);
    if (!held) return undefined;
    this.rows.delete(key);
    this.cost -= held.cost;
    return held.row;
  }

  put(key: string, row: T, cost: number): void {
    this.take(key);
    if (cost > this.maxCost / 16) return;
    this.rows.set(key, { row, cost });
    this.cost += cost;
    while (this.cost > this.maxCost) this.take(this.rows.keys().next().value!);
  }

  get size(): number {
    return this.rows.size;
  }
}
