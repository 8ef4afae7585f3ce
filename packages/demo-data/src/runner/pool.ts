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

/**
 * Like `runPool`, with at most `perGroup` items of one group in flight: items of a group
 * write to one stream (a cohort, a mentor), where concurrent commands only conflict and are
 * retried. An item of several groups (a list command over several cohorts) waits until each
 * of them has room. A free worker takes the first item, in the given order, that may start.
 * The first error a worker throws stops the pool and is rethrown.
 */
export const runGroupedPool = async <T>(
  items: readonly T[],
  groupOf: (item: T) => string | readonly string[],
  concurrency: number,
  perGroup: number,
  worker: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> => {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  if (!Number.isInteger(perGroup) || perGroup < 1) throw new Error(`perGroup must be a positive integer, got ${perGroup}`);
  const pending = items.map((item) => {
    const g = groupOf(item);
    return { item, groups: typeof g === 'string' ? [g] : [...new Set(g)] };
  });
  const inFlight = new Map<string, number>();
  const room = (groups: string[]) => groups.every((g) => (inFlight.get(g) ?? 0) < perGroup);
  const count = (groups: string[], by: number) => groups.forEach((g) => inFlight.set(g, (inFlight.get(g) ?? 0) + by));
  let running = 0;
  let failure: { error: unknown } | null = null;
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (!failure && !signal?.aborted && running < concurrency) {
        const i = pending.findIndex((p) => room(p.groups));
        if (i < 0) break;
        const [{ item, groups }] = pending.splice(i, 1) as [{ item: T; groups: string[] }];
        running++;
        count(groups, 1);
        worker(item)
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => {
            running--;
            count(groups, -1);
            pump();
          });
      }
      if (running === 0) resolve();
    };
    pump();
  });
  if (failure) throw (failure as { error: unknown }).error;
};

/**
 * Orders items so that each group's items are spread evenly over the whole sequence (item k
 * of a group of n sits at (k + ½) / n): a large group does not end up alone at the tail.
 * Ties keep the groups' first-seen order.
 */
export const spreadByGroup = <T>(items: readonly T[], groupOf: (item: T) => string): T[] => {
  const groups = new Map<string, T[]>();
  for (const x of items) {
    const k = groupOf(x);
    const list = groups.get(k);
    if (list) list.push(x);
    else groups.set(k, [x]);
  }
  const placed: { x: T; at: number; g: number; k: number }[] = [];
  let g = 0;
  for (const list of groups.values()) {
    list.forEach((x, k) => placed.push({ x, at: (k + 0.5) / list.length, g, k }));
    g++;
  }
  return placed.sort((a, b) => a.at - b.at || a.g - b.g || a.k - b.k).map((p) => p.x);
};

/**
 * Items grouped by a key (groups in first-seen order, items in the given order), each group cut
 * into lists of at most `size`: what a list command's caller sends, one call per list.
 */
export const listsBy = <T>(items: readonly T[], keyOf: (item: T) => string, size: number): T[][] => {
  const groups = new Map<string, T[]>();
  for (const x of items) {
    const k = keyOf(x);
    const list = groups.get(k);
    if (list) list.push(x);
    else groups.set(k, [x]);
  }
  return [...groups.values()].flatMap((g) => Array.from({ length: Math.ceil(g.length / size) }, (_, i) => g.slice(i * size, (i + 1) * size)));
};
