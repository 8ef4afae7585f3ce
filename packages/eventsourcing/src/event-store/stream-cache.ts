import type { CommitDocument } from './commit';

/** What a cached stream holds: its commits in version order (a commit never changes once written). */
export interface CachedStream {
  commits: CommitDocument[];
  events: number;
}

/**
 * The commits of recently read or written streams, so that a command on a stream it just
 * touched reads only what came after (the next commit's `_id` is known: one point read) rather
 * than every commit again. FerretDB decodes each commit it returns (≈ 150 µs per KiB-sized
 * event), and a partition's stream holds score files: re-reading it cost ≈ 50 ms a command.
 * Bounded by events held; the least recently used streams go first.
 */
export class StreamCache {
  private readonly streams = new Map<string, CachedStream>();
  private events = 0;

  constructor(
    private readonly maxEvents = 200_000,
    /** A stream longer than this is not kept (it would push out many short ones). */
    private readonly maxStreamEvents = 20_000,
  ) {}

  get(key: string): CachedStream | undefined {
    const hit = this.streams.get(key);
    if (hit) {
      this.streams.delete(key); // re-inserted: the map's order is the order of use
      this.streams.set(key, hit);
    }
    return hit;
  }

  set(key: string, commits: CommitDocument[]): void {
    this.drop(key);
    const events = commits.reduce((n, c) => n + c.events.length, 0);
    if (events > this.maxStreamEvents) return;
    this.streams.set(key, { commits, events });
    this.events += events;
    while (this.events > this.maxEvents) this.drop(this.streams.keys().next().value!);
  }

  drop(key: string): void {
    const had = this.streams.get(key);
    if (!had) return;
    this.streams.delete(key);
    this.events -= had.events;
  }

  get size(): number {
    return this.streams.size;
  }
}
