import type { Clock } from '../clock/clock';
import type { ImportRecord, ImportStore, ProblemChunk } from './import-store';

/** This run no longer holds its import: another run took it over. */
export class LeaseLost extends Error {}
/** This run was asked to stop (the service is shutting down). */
export class Stopped extends Error {}

/**
 * One run's hold on a record: renewed in the background; once lost (another run took the
 * record after the lease passed) every write of this run is refused by the store and the
 * run stops at its next step.
 */
export class Hold {
  lost = false;
  private readonly timer: ReturnType<typeof setInterval>;
  /** Record writes of this run, one after the other (a report chunk and the count that covers it go together). */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: ImportStore,
    private readonly clock: Clock,
    readonly id: string,
    readonly owner: string,
    private readonly leaseMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.timer = setInterval(
      () => {
        void this.save({}).catch(() => undefined);
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    this.timer.unref?.();
  }

  check() {
    if (this.lost) throw new LeaseLost(`import ${this.id} was taken over by another run`);
    if (this.signal?.aborted) throw new Stopped(`the run of import ${this.id} was stopped`);
  }

  /**
   * Writes report chunks then the record (with a renewed lease, or `release`d for the next
   * run, in the same write), after this run's earlier writes.
   */
  save(patch: Partial<ImportRecord>, problems: ProblemChunk[] = [], opts: { release?: boolean } = {}): Promise<void> {
    const write = this.writes.then(async () => {
      this.check();
      if (problems.length) await this.store.putProblems(problems);
      const now = this.clock.now();
      const lease = opts.release ? { owner: null, leaseUntil: 0 } : { leaseUntil: now.getTime() + this.leaseMs };
      const ok = await this.store.update(this.id, this.owner, { ...patch, ...lease, updatedAt: now.toISOString() });
      if (!ok) {
        this.lost = true;
        this.check();
      }
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  stop() {
    clearInterval(this.timer);
  }
}

/** Runs `work` over items, `parallel` at a time; the first failure stops new work and is thrown once running work settled. */
export const pool = async <T>(items: T[], parallel: number, work: (item: T) => Promise<void>, hold: Hold): Promise<void> => {
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++]!;
      try {
        hold.check();
        await work(item);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  if (failure !== null) throw failure;
};
