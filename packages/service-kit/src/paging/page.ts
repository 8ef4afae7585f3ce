import { ReadTable, Row, RowFilter, ValidationError } from '@mms/eventsourcing/core';

export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** What a paged field takes: at most `first` items after the cursor `after` (from an earlier page's endCursor). */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

export const pageSize = (first: number | null | undefined): number => {
  const n = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw new ValidationError(`first must be between 1 and ${MAX_PAGE}`, [{ field: 'first', message: `must be between 1 and ${MAX_PAGE}` }]);
  }
  return n;
};

/** Cursors are opaque to clients: base64url of the last row key. */
export const encodeCursor = (key: string) => Buffer.from(key, 'utf8').toString('base64url');

export const decodeCursor = (cursor: string): string => {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || Buffer.from(key, 'utf8').toString('base64url') !== cursor) {
    throw new ValidationError('after is not a cursor this API returned', [{ field: 'after', message: 'is not a valid cursor' }]);
  }
  return key;
};

export const emptyPage = <T>(): Page<T> => ({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });

/** Keyset paging by `_id` over a table; `filter` already holds the caller's scope. */
export const pageOf = async <R extends Row, V>(
  table: ReadTable<R>,
  filter: RowFilter,
  args: { first?: number | null; after?: string | null },
  view: (row: R) => V,
): Promise<Page<V>> => {
  const size = pageSize(args.first);
  const scoped = args.after ? { $and: [filter, { _id: { $gt: decodeCursor(args.after) } }] } : filter;
  const rows = await table.find(scoped, { sort: { _id: 1 }, limit: size + 1 });
  const nodes = rows.slice(0, size);
  return {
    nodes: nodes.map(view),
    pageInfo: { hasNextPage: rows.length > size, endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1]!._id) : null },
  };
};

// Paging by a sort key (tables and lists computed in memory) and the bound of unpaged lists.
export * from './keyset';
export * from './sorted';
export * from './list-limit';
