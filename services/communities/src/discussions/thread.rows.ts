import type { EventEnvelope, RowTable } from '@mms/eventsourcing/core';
import type { ThreadEvent } from './thread.decider';

/** A thread as its community's list shows it; the posts themselves are read from the stream. */
export interface ThreadRow {
  _id: string;
  communityId: string;
  tenantId: string;
  title: string;
  authorId: string;
  startedAt: string;
  posts: number;
  lastPostAt: string;
  status: 'OPEN' | 'CLOSED';
}

const typed = (envelope: EventEnvelope) => ({ type: envelope.type, data: envelope.data }) as ThreadEvent;

export const threadRows: RowTable<ThreadRow> = {
  collection: 'threads',
  indexes: [{ keys: { communityId: 1 } }],
  rowsOf: (e) => (e.streamType === 'thread' ? [(e.data as { threadId: string }).threadId] : []),
  evolve: (row, envelope) => {
    const e = typed(envelope);
    if (e.type === 'ThreadStarted')
      return {
        _id: e.data.threadId,
        communityId: e.data.communityId,
        tenantId: envelope.tenantId,
        title: e.data.title,
        authorId: e.data.authorId,
        startedAt: e.data.at,
        posts: 0,
        lastPostAt: e.data.at,
        status: 'OPEN',
      };
    if (!row) return null;
    switch (e.type) {
      case 'PostAdded':
        return { ...row, posts: row.posts + 1, lastPostAt: e.data.at };
      case 'ThreadClosed':
        return { ...row, status: 'CLOSED' };
      default:
        return row;
    }
  },
};
