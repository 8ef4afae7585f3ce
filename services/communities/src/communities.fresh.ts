import { foldRow, Row, RowTable } from '@mms/eventsourcing/core';
import type { CommunitiesDeps } from './communities.deps';

/**
 * The row a stream's events make now, folded from the stream itself by the same row table
 * the projection runs: a mutation answers with what it changed before the projection has
 * caught up (read-your-writes), in exactly the shape the lists show.
 */
export const freshRow = async <R extends Row>(d: CommunitiesDeps, table: RowTable<R>, tenantId: string, streamId: string, rowId: string): Promise<R | null> => {
  const { events } = await d.store.readStream(tenantId, streamId);
  return foldRow(
    table,
    rowId,
    null,
    events.filter((e) => table.rowsOf(e).includes(rowId)),
  ).row;
};
