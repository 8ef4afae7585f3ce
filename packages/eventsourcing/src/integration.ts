import { EventEnvelope } from './core';
import { Headers, OutgoingMessage, IncomingMessage, PoisonMessageError, EVENT_TYPE_HEADER } from '@mms/messaging';

/** A public event as a context's translator produces it from an internal one. */
export interface IntegrationEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** Maps an internal event to the public events it announces (often none or one). */
export type IntegrationTranslator = (event: EventEnvelope) => IntegrationEvent[];

export const HEADERS = {
  type: EVENT_TYPE_HEADER,
  schemaVersion: 'schema-version',
  eventId: 'event-id',
  tenantId: 'tenant-id',
  correlationId: 'correlation-id',
  streamId: 'stream-id',
  streamVersion: 'stream-version',
} as const;

export const envelopeHeaders = (e: EventEnvelope): Headers => ({
  [HEADERS.type]: e.type,
  [HEADERS.schemaVersion]: String(e.schemaVersion),
  [HEADERS.eventId]: e.eventId,
  [HEADERS.tenantId]: e.tenantId,
  [HEADERS.correlationId]: e.correlationId,
  [HEADERS.streamId]: e.streamId,
  [HEADERS.streamVersion]: String(e.streamVersion),
});

export const toMessage = (e: EventEnvelope): OutgoingMessage => ({
  key: e.streamId,
  value: JSON.stringify(e),
  headers: envelopeHeaders(e),
});

/** Parses an envelope off the wire; a malformed one is a poison message. */
export const fromMessage = (m: IncomingMessage): EventEnvelope => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(m.value);
  } catch {
    throw new PoisonMessageError(`message at ${m.topic}/${m.partition}@${m.offset} is not JSON`);
  }
  const e = parsed as Partial<EventEnvelope>;
  if (
    !e ||
    typeof e.eventId !== 'string' ||
    typeof e.type !== 'string' ||
    typeof e.tenantId !== 'string' ||
    typeof e.streamId !== 'string' ||
    typeof e.streamVersion !== 'number' ||
    typeof e.schemaVersion !== 'number'
  ) {
    throw new PoisonMessageError(`message at ${m.topic}/${m.partition}@${m.offset} is not an event envelope`);
  }
  return e as EventEnvelope;
};
