/**
 * Bounded concurrency: at most `concurrency` workers in flight over an iterable, pulled
 * lazily (a 40,000-item plan is never turned into 40,000 pending promises).
 * The first error a worker throws stops the pool and is rethrown; workers that want to
 * carry on after a failure must catch it themselves.
 */
export const runPool = async <T>(
  items: Iterable<T>,
  concurrency: number,
  worker: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> => {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  const it = items[Symbol.iterator]();
  let index = 0;
  let failure: { error: unknown } | null = null;
  const next = (): { item: T; index: number } | null => {
    if (failure || signal?.aborted) return null;
    const r = it.next();
    return r.done ? null : { item: r.value, index: index++ };
  };
  const runner = async () => {
    for (let n = next(); n; n = next()) {
      try {
        await worker(n.item, n.index);
      } catch (error) {
        failure ??= { error };
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, runner));
  if (failure) throw (failure as { error: unknown }).error;
};
