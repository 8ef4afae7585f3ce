import { testDatabase } from '@mms/testing/infra';
import { MongoEventStore, COMMITS_COLLECTION } from './mongo-event-store';
import { commitId } from './commit';
import { CommandHandler } from '../core';
import { ConcurrencyError, DomainError } from '../core';
import { Upcasting } from '../core';
import { Decider } from '../core';
import { CommandContext, DomainEvent } from '../core';

const ctx: CommandContext = { tenantId: 'm1', actor: { subject: 'u1', role: 'municipal_methodologist' }, correlationId: 'c1' };

type SeatEvent = DomainEvent<'SeatTaken', { by: string }>;
/** A cohort with 3 seats: the classic "last seat" race. */
const seats: Decider<{ taken: string[] }, { type: 'Take'; by: string }, SeatEvent> = {
  streamType: 'cohort',
  initialState: () => ({ taken: [] }),
  evolve: (s, e) => ({ taken: [...s.taken, e.data.by] }),
  decide: (c, s) => {
    if (s.taken.length >= 3) throw new DomainError('COHORT_FULL', 'no seats left');
    return [{ type: 'SeatTaken', data: { by: c.by } }];
  },
};

describe('MongoEventStore (real MongoDB-compatible server)', () => {
  let t: Awaited<ReturnType<typeof testDatabase>>;
  let store: MongoEventStore;

  beforeAll(async () => {
    t = await testDatabase('eventstore');
    store = new MongoEventStore(t.db, new Upcasting({ current: { Renamed: 2 }, upcasters: { Renamed: { 1: ({ old, ...r }) => ({ ...r, renamed: old }) } } }));
    await store.ensureIndexes();
  });
  afterAll(() => t.drop());

  it('appends and reads a stream with full envelopes', async () => {
    const r = await store.append(
      'cohort',
      's-read',
      0,
      [
        { type: 'SeatTaken', data: { by: 'a' } },
        { type: 'SeatTaken', data: { by: 'b' } },
      ],
      ctx,
    );
    expect(r.nextExpectedVersion).toBe(2);
    const { events, version } = await store.readStream('m1', 's-read');
    expect(version).toBe(2);
    expect(events.map((e) => [e.streamVersion, e.data])).toEqual([
      [1, { by: 'a' }],
      [2, { by: 'b' }],
    ]);
    expect(events[0]).toMatchObject({ tenantId: 'm1', streamType: 'cohort', correlationId: 'c1', actor: { subject: 'u1' } });
    // The same stream id in another tenant is another stream.
    expect((await store.readStream('m2', 's-read')).version).toBe(0);
    // Stored as one JSON text (commit.ts, StoredCommit), read back whole by a fresh store (no cache).
    const raw = await t.db.collection(COMMITS_COLLECTION).findOne({ _id: 'm1|s-read|0' as never });
    expect(raw).not.toHaveProperty('events');
    expect(JSON.parse(raw!['body'] as string)).toEqual(events);
    const fresh = new MongoEventStore(t.db);
    expect((await fresh.readStream('m1', 's-read')).events).toEqual(events);
  });

  it('two writers at one version: one wins, the other gets ConcurrencyError, the stream stays consistent', async () => {
    await store.append('cohort', 's-race', 0, [{ type: 'SeatTaken', data: { by: 'first' } }], ctx);
    const results = await Promise.allSettled([
      store.append('cohort', 's-race', 1, [{ type: 'SeatTaken', data: { by: 'w1' } }], ctx),
      store.append('cohort', 's-race', 1, [{ type: 'SeatTaken', data: { by: 'w2' } }], ctx),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConcurrencyError);
    const { events, version } = await store.readStream('m1', 's-race');
    expect(version).toBe(2);
    expect(events.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(await t.db.collection(COMMITS_COLLECTION).countDocuments({ streamId: 's-race' })).toBe(2);
  });

  it('a stream read from the cache sees what another process appended since, and a last-seat race across two processes still never overbooks', async () => {
    const other = new MongoEventStore(t.db); // another instance of the service: its own cache
    await store.append('cohort', 's-two', 0, [{ type: 'SeatTaken', data: { by: 'a' } }], ctx);
    expect((await store.readStream('m1', 's-two')).version).toBe(1); // cached here
    await other.append('cohort', 's-two', 1, [{ type: 'SeatTaken', data: { by: 'b' } }], ctx);
    await other.append('cohort', 's-two', 2, [{ type: 'SeatTaken', data: { by: 'c' } }], ctx);
    const read = await store.readStream('m1', 's-two');
    expect([read.version, read.events.map((e) => e.data)]).toEqual([3, [{ by: 'a' }, { by: 'b' }, { by: 'c' }]]);
    // A stale cache never lets a writer skip a version: the append at the old version is refused.
    await other.append('cohort', 's-two', 3, [{ type: 'SeatTaken', data: { by: 'd' } }], ctx);
    await expect(store.append('cohort', 's-two', 3, [{ type: 'SeatTaken', data: { by: 'e' } }], ctx)).rejects.toBeInstanceOf(ConcurrencyError);
    // Both processes' handlers racing for the last seats of one cohort.
    const handlers = [new CommandHandler(store, { retries: 20 }), new CommandHandler(other, { retries: 20 })];
    await handlers[0]!.handle(seats, 'cohort-two', { type: 'Take', by: 'first' }, ctx);
    await handlers[1]!.handle(seats, 'cohort-two', { type: 'Take', by: 'second' }, ctx);
    const race = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => handlers[i % 2]!.handle(seats, 'cohort-two', { type: 'Take', by: `p${i}` }, ctx)),
    );
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const s of [store, other]) expect((await s.readStream('m1', 'cohort-two')).events).toHaveLength(3);
  });

  it('a located stream is read whole once: then only what followed, from either process; a stream that moved to another tenant is read whole again', async () => {
    const other = new MongoEventStore(t.db);
    for (let v = 0; v < 5; v++) await other.append('record', 's-loc', v, [{ type: 'Noted', data: { v } }], ctx);
    let reads = 0;
    const find = store.commits.find.bind(store.commits) as (...a: unknown[]) => unknown;
    (store.commits as unknown as { find: unknown }).find = (filter: Record<string, unknown>, ...rest: unknown[]) => {
      if (filter['streamId'] === 's-loc' && filter['expectedVersion'] === undefined && filter['_id'] === undefined) reads++;
      return find(filter, ...rest);
    };
    expect((await store.locateStream('s-loc')).version).toBe(5);
    await other.append('record', 's-loc', 5, [{ type: 'Noted', data: { v: 5 } }], ctx);
    await store.append('record', 's-loc', 6, [{ type: 'Noted', data: { v: 6 } }], ctx);
    const again = await store.locateStream('s-loc');
    expect([again.version, again.tenantId, again.events.map((e) => (e.data as { v: number }).v)]).toEqual([7, 'm1', [0, 1, 2, 3, 4, 5, 6]]);
    expect(reads).toBe(1); // the whole stream once; after that only what followed
    // The record continues in another municipality (a transfer in: a new stream there, from version 0).
    await other.append('record', 's-loc', 0, [{ type: 'Arrived', data: {} }], { ...ctx, tenantId: 'm2' });
    const moved = await store.locateStream('s-loc');
    expect([moved.tenantId, moved.version, moved.events.map((e) => e.type)]).toEqual(['m2', 1, ['Arrived']]);
    expect(reads).toBe(2);
  });

  it('a fixed located stream (one that never moves) is read from the cache with one point read: no look for where it begins', async () => {
    for (let v = 0; v < 3; v++) await store.append('stage', 's-fixed', v, [{ type: 'Noted', data: { v } }], ctx);
    await store.locateStream('s-fixed', { fixed: true }); // read whole once (a cache, as for any located stream)
    const filters: Array<Record<string, unknown>> = []; // the driver's findOne is a find
    const find = store.commits.find.bind(store.commits) as (...a: unknown[]) => unknown;
    (store.commits as unknown as { find: unknown }).find = (filter: Record<string, unknown>, ...rest: unknown[]) => (
      filters.push(filter),
      find(filter, ...rest)
    );
    const fixed = await store.locateStream('s-fixed', { fixed: true });
    expect([fixed.version, fixed.tenantId, filters]).toEqual([3, 'm1', [{ _id: commitId('m1', 's-fixed', 3) }]]);
    filters.length = 0;
    await store.locateStream('s-fixed');
    expect(filters).toEqual([{ streamId: 's-fixed', expectedVersion: 0 }, { _id: commitId('m1', 's-fixed', 3) }]);
  });

  it('a command on a stream in memory appends without reading it; a stale memory costs one refused append; a refusal or a no-op from memory is checked on the stored stream', async () => {
    type GateEvent = DomainEvent<'Opened' | 'Closed' | 'Entered', { by?: string }>;
    type GateCommand = { type: 'Open' } | { type: 'Close' } | { type: 'Enter'; by: string };
    /** A gate: entering needs it open; opening an open gate does nothing. */
    const gate: Decider<{ open: boolean; in: string[] }, GateCommand, GateEvent> = {
      streamType: 'gate',
      initialState: () => ({ open: false, in: [] }),
      evolve: (s, e) => (e.type === 'Entered' ? { ...s, in: [...s.in, e.data.by!] } : { ...s, open: e.type === 'Opened' }),
      decide: (c, s) => {
        if (c.type === 'Open') return s.open ? [] : [{ type: 'Opened', data: {} }];
        if (c.type === 'Close') return s.open ? [{ type: 'Closed', data: {} }] : [];
        if (!s.open) throw new DomainError('GATE_CLOSED', 'the gate is closed');
        return [{ type: 'Entered', data: { by: c.by } }];
      },
    };
    const other = new MongoEventStore(t.db); // another instance of the service
    const handler = new CommandHandler(store);
    const reads: Array<Record<string, unknown>> = [];
    const find = store.commits.find.bind(store.commits) as (...a: unknown[]) => unknown;
    (store.commits as unknown as { find: unknown }).find = (filter: Record<string, unknown>, ...rest: unknown[]) => (reads.push(filter), find(filter, ...rest));
    await handler.handle(gate, 'gate-1', { type: 'Open' }, ctx); // a new stream: read (nothing), appended, kept
    reads.length = 0;
    await handler.handle(gate, 'gate-1', { type: 'Enter', by: 'a' }, ctx);
    expect(reads).toEqual([]); // from memory: no read at all
    // Another process closes the gate: this one's memory still has it open; its append is refused, the stream read, the command refused.
    await other.append('gate', 'gate-1', 2, [{ type: 'Closed', data: {} }], ctx);
    await expect(handler.handle(gate, 'gate-1', { type: 'Enter', by: 'b' }, ctx)).rejects.toMatchObject({ code: 'GATE_CLOSED' });
    // Another process opens it again: this one's memory says closed; the refusal is checked on the stream, which lets c in.
    await other.append('gate', 'gate-1', 3, [{ type: 'Opened', data: {} }], ctx);
    const entered = await handler.handle(gate, 'gate-1', { type: 'Enter', by: 'c' }, ctx);
    expect([entered.version, entered.state]).toEqual([5, { open: true, in: ['a', 'c'] }]);
    // A no-op from memory is checked too: memory says open, the stream says closed, so Open appends.
    await other.append('gate', 'gate-1', 5, [{ type: 'Closed', data: {} }], ctx);
    expect((await handler.handle(gate, 'gate-1', { type: 'Open' }, ctx)).version).toBe(7);
    // A list (handleMany): a refusal from memory is read again as well.
    await other.append('gate', 'gate-1', 7, [{ type: 'Closed', data: {} }], ctx);
    await other.append('gate', 'gate-1', 8, [{ type: 'Opened', data: {} }], ctx);
    await handler.handle(gate, 'gate-2', { type: 'Open' }, ctx);
    await handler.handle(gate, 'gate-2', { type: 'Close' }, ctx);
    await other.append('gate', 'gate-2', 2, [{ type: 'Opened', data: {} }], ctx);
    const [one, two] = await handler.handleMany(
      gate,
      [
        { streamId: 'gate-1', command: { type: 'Enter', by: 'd' } },
        { streamId: 'gate-2', command: { type: 'Enter', by: 'e' } },
      ],
      ctx,
    );
    expect([one, two].map((r) => (r instanceof Error ? r.message : r.version))).toEqual([10, 4]);
    for (const s of [store, other]) expect((await s.readStream('m1', 'gate-1')).events.filter((e) => e.type === 'Entered')).toHaveLength(3);
  });

  it('concurrent commands for the last seats never overbook (retry re-decides)', async () => {
    const handler = new CommandHandler(store, { retries: 10 });
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => handler.handle(seats, 'cohort-full', { type: 'Take', by: `p${i}` }, ctx)));
    const ok = attempts.filter((a) => a.status === 'fulfilled');
    const full = attempts.filter((a) => a.status === 'rejected' && (a.reason as DomainError).code === 'COHORT_FULL');
    expect(ok).toHaveLength(3);
    expect(full).toHaveLength(5);
    const { state } = await handler.load(seats, 'm1', 'cohort-full');
    expect(state.taken).toHaveLength(3);
  });

  it('a command retried under the same request key takes a seat once, even when the retries race', async () => {
    const handler = new CommandHandler(store, { retries: 8 });
    const keyed = { ...ctx, request: { key: 'u1|retry-0001', fingerprint: 'f1' } };
    const results = await Promise.all(Array.from({ length: 5 }, () => handler.handle(seats, 's-keyed', { type: 'Take', by: 'x' }, keyed)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const stored = await store.readStream('m1', 's-keyed');
    expect(stored.events).toHaveLength(1);
    expect(stored.keyed).toEqual([{ key: 'u1|retry-0001', fingerprint: 'f1', expectedVersion: 0, lastVersion: 1 }]);
    expect((await store.locateStream('s-keyed')).keyed).toHaveLength(1);
    await expect(
      handler.handle(seats, 's-keyed', { type: 'Take', by: 'y' }, { ...keyed, request: { key: 'u1|retry-0001', fingerprint: 'f2' } }),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect((await store.readStream('m1', 's-keyed')).events).toHaveLength(1);
  });

  it('upcasts an old-version event on read and never rewrites it', async () => {
    await t.db.collection(COMMITS_COLLECTION).insertOne({
      _id: 'm1|s-old|0',
      tenantId: 'm1',
      streamType: 'thing',
      streamId: 's-old',
      expectedVersion: 0,
      lastVersion: 1,
      committedAt: new Date(),
      published: true,
      events: [
        {
          eventId: 'e-old',
          type: 'Renamed',
          schemaVersion: 1,
          tenantId: 'm1',
          streamType: 'thing',
          streamId: 's-old',
          streamVersion: 1,
          occurredAt: new Date().toISOString(),
          correlationId: 'c',
          causationId: null,
          actor: { subject: 'u', role: 'r' },
          data: { old: 'value', keep: 1 },
        },
      ],
    } as never);
    const { events } = await store.readStream('m1', 's-old');
    expect(events[0]).toMatchObject({ schemaVersion: 2, data: { renamed: 'value', keep: 1 } });
    const raw = await t.db.collection(COMMITS_COLLECTION).findOne({ _id: 'm1|s-old|0' as never });
    expect(raw!['events'][0]).toMatchObject({ schemaVersion: 1, data: { old: 'value' } });
    // New appends of that type are written at the current version.
    await store.append('thing', 's-new', 0, [{ type: 'Renamed', data: { renamed: 'x' } }], ctx);
    expect((await store.readStream('m1', 's-new')).events[0]!.schemaVersion).toBe(2);
  });
});
