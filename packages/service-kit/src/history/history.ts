import { EventStore, historyOf, HistoryEntry, HistoryOptions } from '@mms/eventsourcing/core';
/** The vault's reading side (the vault itself lives with the database). */
type Opener = { open(sealed: { subjectId: string; sealed: string }): Promise<unknown> };

export type { HistoryEntry } from '@mms/eventsourcing/core';

/**
 * An entity's history straight from its stream (the event store, not a read model): every
 * decision with who, when, what and why. Personal data shows only while its key exists.
 * Authorisation is the caller's: read the history of what the caller may read.
 */
export const readHistory = async (
  store: EventStore,
  vault: Opener | null,
  stream: { tenantId: string; streamId: string } | { streamId: string },
  options: Omit<HistoryOptions, 'open'>,
): Promise<HistoryEntry[]> => {
  const { events } = 'tenantId' in stream ? await store.readStream(stream.tenantId, stream.streamId) : await store.locateStream(stream.streamId);
  return historyOf(events, { ...options, ...(vault ? { open: (sealed) => vault.open(sealed) } : {}) });
};
