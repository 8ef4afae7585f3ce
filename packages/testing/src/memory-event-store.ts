import { randomUUID } from 'node:crypto';
import {
  AppendItem,
  AppendResult,
  CommandContext,
  ConcurrencyError,
  DomainEvent,
  EventEnvelope,
  EventStore,
  KeyedCommit,
  LocatedStream,
  ReadStreamResult,
  RequestKey,
} from '@mms/eventsourcing/core';

interface MemoryCommit {
  tenantId: string;
  streamId: string;
  expectedVersion: number;
  seq: number;
  events: EventEnvelope[];
  request?: RequestKey;
}

/**
 * The event store in memory, with the real one's rules: one commit per append, a second
 * writer at the same version gets ConcurrencyError, a moved stream is found where its
 * latest commit is. For handler specs: given events, when a mutation, then new events.
 */
export class InMemoryEventStore implements EventStore {
  readonly commits: MemoryCommit[] = [];
  private seq = 0;
  private clock = Date.parse('2026-09-01T09:00:00Z');

  /** Every event appended, in order (handler specs assert on the tail). */
  get events(): EventEnvelope[] {
    return this.commits.flatMap((c) => c.events);
  }

  /** Events appended after a mark taken with `mark()`. */
  mark(): number {
    return this.events.length;
  }
  since(mark: number): EventEnvelope[] {
    return this.events.slice(mark);
  }

  private versionOf(tenantId: string, streamId: string): number {
    const own = this.commits.filter((c) => c.tenantId === tenantId && c.streamId === streamId);
    return own.length ? own[own.length - 1]!.events.at(-1)!.streamVersion : 0;
  }

  async readStream(tenantId: string, streamId: string): Promise<ReadStreamResult> {
    const own = this.commits.filter((c) => c.tenantId === tenantId && c.streamId === streamId);
    const keyed: KeyedCommit[] = own
      .filter((c) => c.request)
      .map((c) => ({ ...c.request!, expectedVersion: c.expectedVersion, lastVersion: c.events.at(-1)!.streamVersion }));
    return {
      events: own.flatMap((c) => c.events),
      version: own.length ? own[own.length - 1]!.events.at(-1)!.streamVersion : 0,
      ...(keyed.length ? { keyed } : {}),
    };
  }

  async locateStream(streamId: string): Promise<LocatedStream> {
    const all = this.commits.filter((c) => c.streamId === streamId);
    if (!all.length) return { events: [], version: 0, tenantId: null };
    const holder = all.reduce((a, b) => (b.seq > a.seq ? b : a)).tenantId;
    return { ...(await this.readStream(holder, streamId)), tenantId: holder };
  }

  async append(streamType: string, streamId: string, expectedVersion: number, events: DomainEvent[], ctx: CommandContext): Promise<AppendResult> {
    if (events.length === 0) return { events: [], nextExpectedVersion: expectedVersion };
    // Check and push with no await between them: two appends started together cannot both pass (the real store's unique index).
    const current = this.versionOf(ctx.tenantId, streamId);
    if (current !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion);
    const occurredAt = new Date((this.clock += 1000)).toISOString();
    const envelopes: EventEnvelope[] = events.map((e, i) => ({
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: 1,
      tenantId: ctx.tenantId,
      streamType,
      streamId,
      streamVersion: expectedVersion + i + 1,
      occurredAt,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId ?? null,
      actor: { ...ctx.actor },
      data: structuredClone(e.data),
    }));
    this.commits.push({
      tenantId: ctx.tenantId,
      streamId,
      expectedVersion,
      seq: ++this.seq,
      events: envelopes,
      ...(ctx.request ? { request: { ...ctx.request } } : {}),
    });
    return { events: envelopes, nextExpectedVersion: expectedVersion + events.length };
  }

  async appendMany(items: readonly AppendItem[]): Promise<Array<AppendResult | Error>> {
    const results: Array<AppendResult | Error> = [];
    for (const it of items)
      results.push(await this.append(it.streamType, it.streamId, it.expectedVersion, it.events, it.ctx).catch((err: unknown) => err as Error));
    return results;
  }

  /** Seeds a stream as if a command had written it (given …). */
  async given(streamType: string, streamId: string, tenantId: string, events: DomainEvent[], actor = { subject: 'seed', role: 'system' }) {
    const { version } = await this.readStream(tenantId, streamId);
    return this.append(streamType, streamId, version, events, { tenantId, actor, correlationId: 'given' });
  }
}
