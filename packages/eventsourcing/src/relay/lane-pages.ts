import { CommitDocument, OUTBOX_PAGE } from '../event-store/commit';

/** Reads one page of a lane (`${lane}/${n}`), only the slots above `above` when given. */
export type PageReader = (page: string, above: number | undefined) => Promise<CommitDocument[]>;

/** At most `limit` tasks at once, the rest queued in order. */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * The pages of one lane while the relay is behind on it. Reading is what a backlog costs
 * (FerretDB decodes every document it returns), so the reads must never stop: the pages after
 * a batch are read while that batch is being sent (`readAhead`), and a page whose every slot
 * was there is kept for the next round instead of being read again (`keep`). A page read
 * while its slots were still filling is never kept: the next round reads it again, so what
 * this holds only ever saves a read, it never hides a commit (a stale read looks like a gap
 * for one round, and gaps are decided by the slot index, not by a read).
 */
export class LanePages {
  private readonly ahead = new Map<number, Promise<CommitDocument[]>>();

  constructor(
    private readonly lane: string,
    private readonly read: PageReader,
  ) {}

  /** Pages `first` … `first + n − 1`, each with its commits above `cp`: those read ahead taken, the others read now. */
  async take(first: number, n: number, cp: number): Promise<Map<number, CommitDocument[]>> {
    for (const p of this.ahead.keys()) if (p < first) this.ahead.delete(p);
    const numbers = Array.from({ length: n }, (_, i) => first + i);
    const pending = numbers.map((p) => {
      const got = this.ahead.get(p);
      this.ahead.delete(p);
      // A page wholly above the checkpoint is read by equality alone (nothing for FerretDB to filter).
      return got ?? this.read(`${this.lane}/${p}`, p * OUTBOX_PAGE > cp ? undefined : cp);
    });
    const pages = await Promise.all(pending);
    return new Map(numbers.map((p, i) => [p, pages[i]!.filter((d) => d.seq! > cp)]));
  }

  /** After the walk: a page whose every slot is at or below `end` (all there) and not all sent yet is kept. */
  keep(pages: Map<number, CommitDocument[]>, end: number, settled: number): void {
    for (const [p, docs] of pages) {
      const last = p * OUTBOX_PAGE + OUTBOX_PAGE - 1;
      if (last <= end && last > settled) this.ahead.set(p, Promise.resolve(docs));
    }
  }

  /** Starts reading pages `from` … `from + n − 1` for the next round (a failed read is read again then). */
  readAhead(from: number, n: number): void {
    for (let p = from; p < from + n; p++) {
      if (this.ahead.has(p)) continue;
      const read = this.read(`${this.lane}/${p}`, undefined);
      read.catch(() => this.ahead.get(p) === read && this.ahead.delete(p));
      this.ahead.set(p, read);
    }
  }

  clear(): void {
    this.ahead.clear();
  }
}
