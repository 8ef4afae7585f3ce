import { ReadTable, Row, RowFilter, ValidationError } from '@mms/eventsourcing/core';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize } from './page';

/** One value of a sort key: a row's field as stored (dates are YYYY-MM-DD strings). */
export type SortValue = string | number;
export type SortKey = readonly SortValue[];

const badCursor = () => new ValidationError('after is not a cursor this API returned', [{ field: 'after', message: 'is not a valid cursor' }]);

/** Cursors over a sort key: base64url of the key's values as JSON, opaque to clients. */
export const encodeKeyCursor = (key: SortKey): string => encodeCursor(JSON.stringify(key));

/** `length`: the key's components, when the caller knows them (an empty list does not). */
export const decodeKeyCursor = (cursor: string, length?: number): SortKey => {
  let key: unknown;
  try {
    key = JSON.parse(decodeCursor(cursor));
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw badCursor();
  }
  if (
    !Array.isArray(key) ||
    !key.length ||
    (length !== undefined && key.length !== length) ||
    !key.every((v) => typeof v === 'string' || typeof v === 'number')
  )
    throw badCursor();
  return key as SortKey;
};

/** Table order: fields with their direction, ending with `_id` so that a key names one row. */
export type KeysetOrder = Record<string, 1 | -1>;

/**
 * The rows after `key` in `order`, as a filter: (f1 beyond v1) or (f1 = v1 and f2 beyond v2)
 * or … Every field of the order must be present on every row (a missing one sorts apart).
 */
export const afterKey = (order: KeysetOrder, key: SortKey): RowFilter => {
  const fields = Object.entries(order);
  return {
    $or: fields.map(([field, dir], i) => ({
      ...Object.fromEntries(fields.slice(0, i).map(([f], j) => [f, key[j]])),
      [field]: { [dir === 1 ? '$gt' : '$lt']: key[i] },
    })),
  };
};

/**
 * Keyset paging over a table in a list's own order (e.g. newest first): one read of at most
 * `first + 1` rows after the cursor's key; `filter` already holds the caller's scope. A row
 * added or removed between pages moves no other row across a page boundary.
 */
export const pageBy = async <R extends Row, V>(
  table: ReadTable<R>,
  filter: RowFilter,
  order: KeysetOrder,
  args: PageArgs,
  view: (rows: R[]) => V[] | Promise<V[]>,
): Promise<Page<V>> => {
  const fields = Object.keys(order);
  if (fields[fields.length - 1] !== '_id') throw new Error('a keyset order must end with _id');
  const size = pageSize(args.first);
  const scoped = args.after ? { $and: [filter, afterKey(order, decodeKeyCursor(args.after, fields.length))] } : filter;
  const rows = await table.find(scoped, { sort: order, limit: size + 1 });
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return {
    nodes: await view(nodes),
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: last ? encodeKeyCursor(fields.map((f) => (last as Record<string, unknown>)[f] as SortValue)) : null,
    },
  };
};
