import { DomainError, FindOptions, ReadTable, Row, RowFilter } from '@mms/eventsourcing/core';

/**
 * The most rows an unpaged list field answers (the deprecated lists kept for old clients).
 * A constant, not a setting: the gateway prices those fields at this size
 * (gateway/src/limits/cost-table.ts), so both must agree.
 */
export const MAX_LIST_ROWS = 1000;

/** An unpaged list would exceed its maximum: the client is told which paged field to use, never given a cut list. */
export class ListTooLargeError extends DomainError {
  constructor(field: string, limit: number, use: string) {
    const message = `${field} has more than ${limit} rows; page through ${use}(first, after) instead`;
    // `problems` travels through the gateway, which keeps only code and problems of a subgraph's error.
    super('LIST_TOO_LARGE', message, { field, limit, use, problems: [{ field, message }] });
  }
}

export interface ListLimit {
  /** The list field, as the client named it (e.g. `trainingDue`). */
  field: string;
  /** The paged field to use instead (e.g. `trainingDuePage`). */
  use: string;
  limit?: number;
}

/** The whole list, or LIST_TOO_LARGE when it has more rows than the limit. */
export const withinLimit = <T>(items: T[], { field, use, limit = MAX_LIST_ROWS }: ListLimit): T[] => {
  if (items.length > limit) throw new ListTooLargeError(field, limit, use);
  return items;
};

/** A table read bounded by the limit: at most limit + 1 rows are read, and more than the limit is LIST_TOO_LARGE. */
export const findWithinLimit = async <R extends Row>(
  table: ReadTable<R>,
  filter: RowFilter,
  options: Omit<FindOptions, 'limit'>,
  limit: ListLimit,
): Promise<R[]> => withinLimit(await table.find(filter, { ...options, limit: (limit.limit ?? MAX_LIST_ROWS) + 1 }), limit);
