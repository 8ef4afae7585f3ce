import { Page, PageArgs, pageSize } from './page';
import { decodeKeyCursor, encodeKeyCursor, SortKey } from './keyset';

/** Component by component: strings by code unit, numbers by value. */
export const compareKeys = (a: SortKey, b: SortKey): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
};

export interface SortedPaging<T> {
  /** The item's sort key; its last component must make it unique (an id). */
  key: (item: T) => SortKey;
  /** The list's order over keys (default compareKeys). */
  compare?: (a: SortKey, b: SortKey) => number;
}

/**
 * Paging a list computed in memory (the three-year rule, a catalogue sorted by title): the
 * cursor is the last item's sort key, so a page resumes after that key even when items
 * before it came or went.
 */
export const pageSorted = <T, V>(items: readonly T[], order: SortedPaging<T>, args: PageArgs, view: (item: T) => V): Page<V> => {
  const size = pageSize(args.first);
  const compare = order.compare ?? compareKeys;
  const keyed = items.map((item) => ({ item, key: order.key(item) })).sort((a, b) => compare(a.key, b.key));
  let start = 0;
  if (args.after) {
    const after = decodeKeyCursor(args.after, keyed[0]?.key.length);
    // Binary search: the first item whose key is past the cursor's.
    let lo = 0;
    let hi = keyed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(keyed[mid]!.key, after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const nodes = keyed.slice(start, start + size);
  const last = nodes[nodes.length - 1];
  return {
    nodes: nodes.map((n) => view(n.item)),
    pageInfo: { hasNextPage: start + size < keyed.length, endCursor: last ? encodeKeyCursor(last.key) : null },
  };
};
