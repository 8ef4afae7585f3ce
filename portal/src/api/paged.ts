import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CombinedError, useClient } from 'urql';

export interface Connection<Node> {
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export interface Paged<Node> {
  nodes: Node[];
  /** True while the first page loads; earlier rows stay on screen while more load. */
  loading: boolean;
  loadingMore: boolean;
  error: CombinedError | null;
  hasMore: boolean;
  loadMore(): void;
  /** Reads the list again from the first page (after a change the person made). */
  reload(): void;
  /** Every row, page by page (exports), reporting progress; stops at `max` rows. */
  all(onProgress?: (rows: number) => void, max?: number): Promise<Node[]>;
}

/** The largest page the API gives (MAX_PAGE of the subgraphs). */
export const MAX_PAGE = 200;

/**
 * A list the API pages with `first` / `after`: the first page when the variables change, more on
 * request, and all of it for an export. Rows already shown stay while the next page loads.
 */
export const usePaged = <Data, Vars extends Record<string, unknown>, Node>(
  document: TypedDocumentNode<Data, Vars>,
  variables: Omit<Vars, 'first' | 'after'>,
  pick: (data: Data) => Connection<Node> | null | undefined,
  options: { pageSize?: number; pause?: boolean } = {},
): Paged<Node> => {
  const client = useClient();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(!options.pause);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<CombinedError | null>(null);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const latest = useRef(0);
  const pickRef = useRef(pick);
  pickRef.current = pick;
  const size = options.pageSize ?? 50;

  const page = useCallback(
    async (after: string | null, first = size) => {
      const result = await client
        .query(document, { ...(JSON.parse(key) as object), first, after } as unknown as Vars, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error) throw result.error;
      return pickRef.current(result.data as Data) ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    },
    [client, document, key, size],
  );

  useEffect(() => {
    if (options.pause) return;
    const run = ++latest.current;
    setLoading(true);
    setError(null);
    page(null)
      .then((c) => {
        if (run !== latest.current) return;
        setNodes(c.nodes);
        setCursor(c.pageInfo.endCursor ?? null);
        setHasMore(c.pageInfo.hasNextPage);
      })
      .catch((e: CombinedError) => run === latest.current && setError(e))
      .finally(() => run === latest.current && setLoading(false));
  }, [page, generation, options.pause]);

  const loadMore = useCallback(() => {
    if (!hasMore || loadingMore) return;
    const run = latest.current;
    setLoadingMore(true);
    page(cursor)
      .then((c) => {
        if (run !== latest.current) return;
        setNodes((n) => [...n, ...c.nodes]);
        setCursor(c.pageInfo.endCursor ?? null);
        setHasMore(c.pageInfo.hasNextPage);
      })
      .catch((e: CombinedError) => setError(e))
      .finally(() => setLoadingMore(false));
  }, [cursor, hasMore, loadingMore, page]);

  const all = useCallback(
    async (onProgress?: (rows: number) => void, max = 50_000) => {
      const rows: Node[] = [];
      let after: string | null = null;
      for (;;) {
        const c: Connection<Node> = await page(after, MAX_PAGE);
        rows.push(...c.nodes);
        onProgress?.(rows.length);
        if (!c.pageInfo.hasNextPage || rows.length >= max) return rows;
        after = c.pageInfo.endCursor ?? null;
      }
    },
    [page],
  );

  return { nodes, loading, loadingMore, error, hasMore, loadMore, reload: () => setGeneration((g) => g + 1), all };
};
