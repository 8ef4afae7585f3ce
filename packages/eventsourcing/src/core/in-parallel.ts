/**
 * Runs `task` over `items` with at most `limit` in flight; results in input order.
 * For independent read-model documents (and the relay's per-stream lookups): a few at once
 * hide the database round trip without flooding its connection pool.
 */
export const inParallel = async <T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
};
