import { ImportProblem, ImportStore, ProblemChunk, problemChunkId } from './import-store';

/** The report as it grows: full chunks are written once, the tail chunk is rewritten as it fills. */
export class ProblemSink {
  private full: ProblemChunk[] = [];
  private tailChanged = false;

  private constructor(
    private readonly id: string,
    private readonly size: number,
    private seq: number,
    private tail: ImportProblem[],
  ) {}

  /** Continues a report at `count` entries (what the record says): entries written past it by a crashed run are overwritten. */
  static async at(store: ImportStore, id: string, size: number, count: number): Promise<ProblemSink> {
    const seq = Math.floor(count / size);
    const rest = count % size;
    const tail = rest ? ((await store.problemChunk(id, seq))?.problems.slice(0, rest) ?? []) : [];
    return new ProblemSink(id, size, seq, tail);
  }

  get count() {
    return this.seq * this.size + this.tail.length;
  }

  add(p: ImportProblem) {
    this.tail.push(p);
    this.tailChanged = true;
    if (this.tail.length === this.size) {
      this.full.push(this.chunk(this.seq, this.tail));
      this.seq++;
      this.tail = [];
      this.tailChanged = false;
    }
  }

  /** What to write now, taken synchronously (the count it brings the report to goes with it). */
  take(): { chunks: ProblemChunk[]; count: number } {
    const chunks = [...this.full, ...(this.tailChanged ? [this.chunk(this.seq, [...this.tail])] : [])];
    this.full = [];
    this.tailChanged = false;
    return { chunks, count: this.count };
  }

  private chunk(seq: number, problems: ImportProblem[]): ProblemChunk {
    return { _id: problemChunkId(this.id, seq), importRef: this.id, seq, problems };
  }
}
