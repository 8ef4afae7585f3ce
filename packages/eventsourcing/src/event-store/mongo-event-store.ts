import { randomUUID } from 'node:crypto';
import { Collection, Db, MongoServerError } from 'mongodb';
import { AppendResult, CommandContext, ConcurrencyError, DomainEvent, EventEnvelope, EventStore, LocatedStream, ReadStreamResult, Upcasting } from '../core';
import { CommitDocument, commitId, keyedCommits } from './commit';

export const COMMITS_COLLECTION = 'event_commits';

const isDuplicateKey = (err: unknown) => err instanceof MongoServerError && err.code === 11000;

/**
 * Event store on MongoDB (or a wire-compatible server) without multi-document
 * transactions: a commit is one insert, and the unique _id / index on
 * (tenant, stream, expected version) makes a second writer at the same version fail.
 */
export class MongoEventStore implements EventStore {
  readonly commits: Collection<CommitDocument>;
  private listeners: Array<() => void> = [];
  private lastCommitAt = 0;

  constructor(
    db: Db,
    private readonly upcasting: Upcasting = new Upcasting(),
  ) {
    this.commits = db.collection<CommitDocument>(COMMITS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.commits.createIndex({ tenantId: 1, streamId: 1, expectedVersion: 1 }, { unique: true, name: 'stream_expected_version_unique' });
    await this.commits.createIndex({ published: 1, committedAt: 1 }, { name: 'outbox' });
    await this.commits.createIndex({ streamId: 1, expectedVersion: 1 }, { name: 'stream_any_tenant' });
  }

  /** Called after every successful append (the in-process relay uses it to wake up). */
  onAppended(listener: () => void): void {
    this.listeners.push(listener);
  }

  async readStream(tenantId: string, streamId: string): Promise<ReadStreamResult> {
    const commits = await this.commits.find({ tenantId, streamId }, { sort: { expectedVersion: 1 } }).toArray();
    const events: EventEnvelope[] = [];
    for (const c of commits) for (const e of c.events) events.push(this.upcast(e));
    const keyed = keyedCommits(commits);
    return { events, version: commits.length ? commits[commits.length - 1]!.lastVersion : 0, ...(keyed ? { keyed } : {}) };
  }

  async locateStream(streamId: string): Promise<LocatedStream> {
    const commits = await this.commits.find({ streamId }, { sort: { expectedVersion: 1 } }).toArray();
    if (commits.length === 0) return { events: [], version: 0, tenantId: null };
    // A stream that moved (an educator transferred on) continues where its latest commit is.
    let holder = commits[0]!;
    for (const c of commits) if (c.committedAt.getTime() > holder.committedAt.getTime()) holder = c;
    const own = commits.filter((c) => c.tenantId === holder.tenantId);
    const events: EventEnvelope[] = [];
    for (const c of own) for (const e of c.events) events.push(this.upcast(e));
    const keyed = keyedCommits(own);
    return { events, version: own[own.length - 1]!.lastVersion, tenantId: holder.tenantId, ...(keyed ? { keyed } : {}) };
  }

  upcast(e: EventEnvelope): EventEnvelope {
    const { data, schemaVersion } = this.upcasting.upcast(e.type, e.schemaVersion, e.data);
    return schemaVersion === e.schemaVersion ? e : { ...e, data, schemaVersion };
  }

  /**
   * Appends events if the stream is still at `expectedVersion` (0 = new stream).
   * Throws ConcurrencyError otherwise; nothing is written in that case.
   * `expectedVersion` must be a version the writer read (a commit boundary), which is
   * what CommandHandler always passes; the append itself is a single insert.
   */
  async append(streamType: string, streamId: string, expectedVersion: number, events: DomainEvent[], ctx: CommandContext): Promise<AppendResult> {
    if (events.length === 0) return { events: [], nextExpectedVersion: expectedVersion };
    // Strictly increasing within a process, so `locateStream` orders the two halves of a
    // move (out of one tenant, into another) even when both land in one millisecond.
    const now = new Date(Math.max(Date.now(), this.lastCommitAt + 1));
    this.lastCommitAt = now.getTime();
    const envelopes: EventEnvelope[] = events.map((e, i) => ({
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: this.upcasting.currentVersion(e.type),
      tenantId: ctx.tenantId,
      streamType,
      streamId,
      streamVersion: expectedVersion + i + 1,
      occurredAt: now.toISOString(),
      correlationId: ctx.correlationId,
      causationId: ctx.causationId ?? null,
      actor: { subject: ctx.actor.subject, role: ctx.actor.role },
      data: e.data,
    }));
    const doc: CommitDocument = {
      _id: commitId(ctx.tenantId, streamId, expectedVersion),
      tenantId: ctx.tenantId,
      streamType,
      streamId,
      expectedVersion,
      lastVersion: expectedVersion + events.length,
      committedAt: now,
      events: envelopes,
      ...(ctx.request ? { request: { key: ctx.request.key, fingerprint: ctx.request.fingerprint } } : {}),
      published: false,
    };
    try {
      await this.commits.insertOne(doc);
    } catch (err) {
      if (isDuplicateKey(err)) throw new ConcurrencyError(streamId, expectedVersion);
      throw err;
    }
    for (const l of this.listeners) l();
    return { events: envelopes, nextExpectedVersion: doc.lastVersion };
  }
}
