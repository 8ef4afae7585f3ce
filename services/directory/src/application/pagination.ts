import { ValidationError } from '@mms/eventsourcing';

export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const MAX_PAGE = 200;

export const pageSize = (first: number | null | undefined): number => {
  const n = first ?? 50;
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
