import { DomainEvent, EventEnvelope } from '@mms/eventsourcing/core';

let counter = 0;

/** A stored-and-published event for projection tests: `envelope(event, { tenantId, streamId, streamVersion })`. */
export const envelope = <E extends DomainEvent>(
  event: E,
  at: {
    tenantId: string;
    streamId: string;
    streamVersion: number;
    streamType?: string;
    occurredAt?: string;
    actor?: { subject: string; role: string };
  },
): EventEnvelope<E> => ({
  eventId: `e-${++counter}`,
  type: event.type,
  schemaVersion: 1,
  tenantId: at.tenantId,
  streamType: at.streamType ?? at.streamId.replace(/-[^-]*$/, ''),
  streamId: at.streamId,
  streamVersion: at.streamVersion,
  occurredAt: at.occurredAt ?? '2026-09-01T09:00:00.000Z',
  correlationId: 'c-test',
  causationId: null,
  actor: at.actor ?? { subject: 'u-test', role: 'municipal_methodologist' },
  data: event.data,
});

/** Envelopes for a sequence of one stream's events, versions 1…n. */
export const streamOf = <E extends DomainEvent>(tenantId: string, streamId: string, events: E[], from = 1): EventEnvelope<E>[] =>
  events.map((e, i) => envelope(e, { tenantId, streamId, streamVersion: from + i }));
