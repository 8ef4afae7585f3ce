import { Collection, Db } from 'mongodb';
import type { IncomingMessage } from '@mms/messaging';
import { HEADERS } from '../integration';

/** One message a consumer could not handle, parked on its dead-letter topic. */
export interface DeadLetter {
  /** consumer:topic:partition:offset — a message parked twice is one record. */
  _id: string;
  /** `<service>.<projection>` or `<service>.reactions`. */
  consumer: string;
  /** For a projection: the generation that could not apply it (a rebuild supersedes it). */
  generation: number | null;
  eventId: string | null;
  type: string | null;
  tenantId: string | null;
  streamId: string | null;
  topic: string;
  partition: number;
  offset: string;
  reason: string;
  attempts: number;
  parkedAt: Date;
  /** PARKED until a replay (a rebuild into a new generation) supersedes it; parked again there, it is a new letter. */
  status: 'PARKED' | 'SUPERSEDED';
}

/**
 * Where parked messages are written down, so that a parked event is an alarm (readiness,
 * metric, log with the event id) and an operator's list, never a silent loss. The message
 * itself stays on the dead-letter topic; this is its index.
 */
export class DeadLetterLedger {
  private readonly letters: Collection<DeadLetter>;

  constructor(db: Db) {
    this.letters = db.collection<DeadLetter>('dead_letters');
  }

  async record(consumer: string, generation: number | null, message: IncomingMessage, reason: string, attempts: number): Promise<DeadLetter> {
    const h = message.headers;
    const letter: DeadLetter = {
      _id: `${consumer}:${message.topic}:${message.partition}:${message.offset}`,
      consumer,
      generation,
      eventId: h[HEADERS.eventId] ?? null,
      type: h[HEADERS.type] ?? null,
      tenantId: h[HEADERS.tenantId] ?? null,
      streamId: h[HEADERS.streamId] ?? null,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      reason: reason.slice(0, 2000),
      attempts,
      parkedAt: new Date(),
      status: 'PARKED',
    };
    const { _id, ...rest } = letter;
    await this.letters.updateOne({ _id }, { $set: rest }, { upsert: true });
    return letter;
  }

  /** Parked letters, newest first (of one consumer, or of one generation of it). */
  async parked(filter: { consumer?: string; generation?: number } = {}, limit = 100): Promise<DeadLetter[]> {
    return this.letters
      .find({ status: 'PARKED', ...filter })
      .sort({ parkedAt: -1 })
      .limit(limit)
      .toArray();
  }

  async count(filter: { consumer?: string; generation?: number } = {}): Promise<number> {
    return this.letters.countDocuments({ status: 'PARKED', ...filter });
  }

  /** After a rebuild switched `consumer` to `generation`: older generations' letters are moot. */
  async supersede(consumer: string, generation: number): Promise<void> {
    await this.letters.updateMany({ consumer, status: 'PARKED', generation: { $lt: generation } }, { $set: { status: 'SUPERSEDED' } });
  }
}
