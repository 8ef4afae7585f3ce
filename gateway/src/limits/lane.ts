/**
 * A fixed number of turns, handed out first come, first served: the costly operations' lane.
 * A waiter whose signal aborts (its deadline, its client gone) leaves the queue without a turn.
 */
export class Lane {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  /** `size` 0: no bound, every acquire is granted at once. */
  constructor(readonly size: number) {}

  get waiting() {
    return this.queue.length;
  }

  get inUse() {
    return this.running;
  }

  /** A turn; the returned function gives it back (once; later calls do nothing). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.size <= 0) return () => undefined;
    signal?.throwIfAborted();
    if (this.running < this.size) {
      this.running++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.queue.indexOf(granted);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal!.reason);
      };
      const granted = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(granted);
    });
    return this.releaser(); // the turn was handed over by its previous holder
  }

  private releaser() {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    };
  }
}
