import { IncomingMessage, MessageConsumer } from '@mms/messaging';
import { KafkaBus } from '@mms/messaging/kafka';
import { testBus, testDatabase, uniqueTopic, waitFor } from '@mms/testing/infra';
import { AppendStep, MongoEventStore, MongoEventStoreOptions } from '../event-store/mongo-event-store';
import { COMMITS_COLLECTION } from '../event-store/mongo-event-store';
import { CommitDocument, commitId, PLACEHOLDER_TENANT } from '../event-store/commit';
import { OutboxRelay, RelayStep, unpublishedCommits } from './outbox-relay';
import { Lease } from './lease';
import { CommandContext, ConcurrencyError, EventEnvelope } from '../core';
import { fromMessage } from '../integration';

/*
 * The outbox protocol stopped dead at every step, writer and relay: the next relay (fresh
 * memory, only what is in the database) must deliver every event, each stream in order.
 * A "crash" is a fault hook that throws: the relay or writer does nothing after it.
 */

const ctx: CommandContext = { tenantId: 'm1', actor: { subject: 'u', role: 'municipal_methodologist' }, correlationId: 'c' };
const happened = (v: number) => [{ type: 'Happened', data: { v } }];
class Crash extends Error {}

/** At-least-once: duplicates allowed, but per stream the versions never jump ahead of an unseen one, and all arrive. */
const expectStreamOrder = (seen: EventEnvelope[], streams: Map<string, number>) => {
  const perStream = new Map<string, number[]>();
  for (const e of seen) perStream.set(e.streamId, [...(perStream.get(e.streamId) ?? []), e.streamVersion]);
  for (const [stream, count] of streams) {
    let max = 0;
    for (const v of perStream.get(stream) ?? []) {
      expect([stream, v]).toEqual([stream, Math.min(v, max + 1)]);
      max = Math.max(max, v);
    }
    expect([stream, max]).toEqual([stream, count]);
  }
};

/** Throws Crash the `nth` time `step` comes (1 = the first time). */
const crashAt = <S extends string>(step: S | undefined, nth = 1) => {
  let n = 0;
  return (s: S) => {
    if (s === step && ++n === nth) throw new Crash(`crash at ${s}`);
  };
};

describe('outbox protocol: a crash at every step loses nothing and keeps each stream in order', () => {
  let t: Awaited<ReturnType<typeof testDatabase>>;
  const bus: KafkaBus = testBus('outbox-protocol');
  const consumers: MessageConsumer[] = [];
  const relays: OutboxRelay[] = [];
  let internal: string;
  let seen: EventEnvelope[];

  beforeEach(async () => {
    t = await testDatabase('outbox');
    internal = uniqueTopic('internal');
    seen = [];
    const consumer = bus.consumer({
      groupId: `${internal}.collector`,
      topics: [internal],
      fromBeginning: true,
      handler: async (m: IncomingMessage) => {
        seen.push(fromMessage(m));
      },
    });
    await consumer.start();
    consumers.push(consumer);
  });
  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    for (const c of consumers.splice(0)) await c.stop();
    await t.drop();
  });

  const newStore = async (options: MongoEventStoreOptions = {}) => {
    const store = new MongoEventStore(t.db, undefined, { laneIdleMs: 60_000, ...options });
    await store.ensureIndexes();
    return store;
  };

  const newRelay = (store: MongoEventStore, o: { faults?: (s: RelayStep) => void; batchSize?: number; gapMs?: number; silentLaneMs?: number } = {}) => {
    const relay = new OutboxRelay({
      store,
      producer: bus.producer(),
      lease: new Lease(t.db, 'relay:test', `r${relays.length}`, 1500),
      internalTopic: internal,
      publicTopic: `${internal}.public`,
      translate: (e) => [{ type: `public.${e.type}`, schemaVersion: 1, data: e.data }],
      batchSize: o.batchSize ?? 5,
      gapMs: o.gapMs ?? 0,
      silentLaneMs: o.silentLaneMs ?? 60_000,
      ...(o.faults ? { faults: o.faults } : {}),
    });
    relays.push(relay);
    return relay;
  };

  /** Rounds until `done` holds (drain() stops at a round that sends nothing; gaps and fences take a few). */
  const roundsUntil = (relay: OutboxRelay, what: string, done: () => Promise<boolean>) =>
    waitFor(
      async () => {
        await relay.publishBatch();
        return done();
      },
      { what, timeoutMs: 20_000, intervalMs: 20 },
    );

  const delivered = async (streams: Map<string, number>) => {
    const total = [...streams.values()].reduce((a, b) => a + b, 0);
    await waitFor(async () => new Set(seen.map((e) => `${e.streamId}|${e.streamVersion}`)).size >= total, { what: `${total} events on Kafka` });
    expectStreamOrder(seen, streams);
  };

  /** Interleaved appends: `streams` streams, `versions` versions each. */
  const appendInterleaved = async (store: MongoEventStore, streams: number, versions: number, prefix = 's', from = 0) => {
    const out = new Map<string, number>();
    for (let v = from; v < from + versions; v++) {
      for (let s = 0; s < streams; s++) {
        await store.append('thing', `${prefix}${s}`, v, happened(v), ctx);
        out.set(`${prefix}${s}`, v + 1);
      }
    }
    return out;
  };

  const placeholders = () => t.db.collection<CommitDocument>(COMMITS_COLLECTION).countDocuments({ tenantId: PLACEHOLDER_TENANT });

  // ------------------------------------------------------------------------------- relay

  it.each<RelayStep>(['read', 'sent-internal', 'sent', 'checkpointed'])('relay killed at %s (second batch): the next relay sends the rest', async (step) => {
    const store = await newStore();
    const streams = await appendInterleaved(store, 3, 4);
    const crashing = newRelay(store, { faults: crashAt(step, 2) });
    await expect(crashing.drain()).rejects.toThrow(Crash);
    const checkpoint = (await store.lanes.findOne({}))!.published;
    // Only a completed checkpoint write counts: the second batch is past it unless that write was the step.
    expect(checkpoint).toBe(step === 'checkpointed' ? 10 : 5);
    await newRelay(store).drain();
    await delivered(streams);
    expect(await unpublishedCommits(t.db)).toBe(0);
  });

  it('two relays at once (a lease lost mid-batch): duplicates at most, the checkpoint never goes back', async () => {
    const store = await newStore();
    const streams = await appendInterleaved(store, 5, 6);
    const [a, b] = [newRelay(store, { batchSize: 4 }), newRelay(store, { batchSize: 7 })];
    await Promise.all([a.drain(), b.drain()]);
    await delivered(streams);
    expect((await store.lanes.findOne({}))!.published).toBe(30);
  });

  it('a writer closed its lane: the relay drains it and forgets it; its next append opens a new lane', async () => {
    const store = await newStore();
    const streams = await appendInterleaved(store, 2, 3);
    await store.closeLane();
    const relay = newRelay(store);
    await roundsUntil(relay, 'lane forgotten', async () => (await store.lanes.countDocuments()) === 0);
    for (const [s, v] of await appendInterleaved(store, 2, 1, 's', 3)) streams.set(s, v);
    await relay.drain();
    await delivered(streams);
    expect(await store.lanes.countDocuments()).toBe(1);
    expect(await placeholders()).toBe(0);
  });

  // ------------------------------------------------------------------------------- gaps

  it.each<RelayStep | undefined>([undefined, 'gap-closed', 'lane-placeholders-deleted'])(
    'a slow insert: the relay closes its slot (crash at %s), the insert is refused and the append lands in a new lane',
    async (step) => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let slots = 0;
      const store = await newStore({
        laneIdleMs: 50,
        faults: async (s: AppendStep) => {
          if (s === 'slot-taken' && ++slots === 2) await held; // the second append's insert is on its way … for a while
        },
      });
      const streams = new Map([
        ['a', 2],
        ['b', 1],
      ]);
      await store.append('thing', 'a', 0, happened(0), ctx);
      const slow = store.append('thing', 'b', 0, happened(0), ctx); // slot 2
      await waitFor(async () => slots === 2, { what: 'slot 2 taken' });
      await store.append('thing', 'a', 1, happened(1), ctx); // slot 3: slot 2 is now a gap
      const crashing = newRelay(store, { faults: crashAt(step) });
      const survive = (p: Promise<unknown>) => p.catch((err: unknown) => (err instanceof Crash ? undefined : Promise.reject(err)));
      await survive(crashing.drain()); // slot 1 out, the gap seen; next round (gapMs 0) the placeholder goes in
      expect(await t.db.collection(COMMITS_COLLECTION).countDocuments({ tenantId: PLACEHOLDER_TENANT, void: 'gap' })).toBe(1);
      release();
      await slow; // refused at slot 2, written at slot 1 of a new lane
      expect(await store.lanes.countDocuments()).toBe(2);
      const first = (await store.commits.findOne({ _id: commitId('m1', 'a', 0) }))!.lane!;
      if (step === 'lane-placeholders-deleted') {
        // The abandoned lane closes once nothing of it is in flight; the crashing relay finishes it and dies.
        await waitFor(async () => (await store.lanes.findOne({ _id: first }))?.closedAt, { what: 'first lane closed' });
        await expect(crashing.drain()).rejects.toThrow(Crash);
        expect(await placeholders()).toBe(0);
      }
      const relay = newRelay(store);
      await roundsUntil(
        relay,
        'first lane forgotten and its placeholder deleted',
        async () => (await store.lanes.countDocuments({ _id: first })) === 0 && (await placeholders()) === 0,
      );
      await relay.drain();
      await delivered(streams);
      expect(await store.readStream('m1', 'b')).toMatchObject({ version: 1 });
    },
  );

  it.each<AppendStep>(['slot-taken', 'insert-failed'])('writer killed at %s: the relay closes the slot it left empty and the lane goes on', async (step) => {
    const store = await newStore();
    await store.append('thing', 'x', 0, happened(0), ctx);
    const dying = await newStore({ faults: crashAt(step) });
    if (step === 'insert-failed') {
      // The loser of a conflict dies before recording that its slot stays empty.
      await dying.append('thing', 'y', 0, happened(0), ctx);
      await expect(dying.append('thing', 'y', 0, happened(0), ctx)).rejects.toThrow(Crash);
    } else await expect(dying.append('thing', 'y', 0, happened(0), ctx)).rejects.toThrow(Crash);
    // The crashed writer's lane ends in a slot that will never be filled (nor recorded as void).
    expect(await store.lanes.countDocuments()).toBe(2);
    for (let v = 1; v < 4; v++) await store.append('thing', 'x', v, happened(v), ctx);
    const relay = newRelay(store, { silentLaneMs: 0 });
    await roundsUntil(relay, 'dead lane fenced and forgotten', async () => (await store.lanes.countDocuments()) <= 1);
    const streams = new Map([
      ['x', 4],
      ['y', step === 'insert-failed' ? 1 : 0],
    ]);
    await delivered(new Map([...streams].filter(([, v]) => v > 0)));
    expect(await unpublishedCommits(t.db)).toBe(0);
  });

  it('a gap wider than the live probes (six slots left empty, then a commit): seen by the page re-read, closed, delivered', async () => {
    const store = await newStore();
    await store.append('thing', 'w', 0, happened(0), ctx);
    const relay = newRelay(store);
    await relay.drain(); // live from here: the relay probes the next slots one by one
    // Six appends of this writer die after taking their slot: slots 2–7 stay empty; slot 8 gets a commit.
    let failing = 0;
    const flaky = await newStore({
      faults: (step) =>
        step === 'slot-taken' && failing-- > 0
          ? (() => {
              throw new Crash('slot left empty');
            })()
          : undefined,
    });
    await flaky.append('thing', 'v', 0, happened(0), ctx);
    failing = 6;
    for (let i = 0; i < 6; i++) await expect(flaky.append('thing', 'v', 1, happened(1), ctx)).rejects.toThrow(Crash);
    await flaky.append('thing', 'v', 1, happened(1), ctx);
    await roundsUntil(relay, 'both of v delivered past the gap', async () => seen.filter((e) => e.streamId === 'v').length >= 2);
    await delivered(
      new Map([
        ['w', 1],
        ['v', 2],
      ]),
    );
    expect(await placeholders()).toBeGreaterThanOrEqual(6);
  });

  it('several gaps in one lane are timed together: one gapMs closes them all, not one gapMs each', async () => {
    // Every other append dies after taking its slot: empty slots 2, 4, 6, 8, 10 between commits.
    let n = 0;
    const flaky = await newStore({
      faults: (step) =>
        step === 'slot-taken' && n++ % 2 === 1
          ? (() => {
              throw new Crash('slot left empty');
            })()
          : undefined,
    });
    for (let v = 0; v < 6; v++) {
      await flaky.append('thing', 'g', v, happened(v), ctx);
      if (v < 5) await expect(flaky.append('thing', `lost-${v}`, 0, happened(0), ctx)).rejects.toThrow(Crash);
    }
    const relay = newRelay(flaky, { gapMs: 300, batchSize: 50 });
    await relay.publishBatch(); // slot 1 out; every hole seen, their times start
    await new Promise((r) => setTimeout(r, 350));
    await relay.publishBatch(); // one round closes all five
    expect(await placeholders()).toBe(5);
    await roundsUntil(relay, 'all of g delivered', async () => seen.filter((e) => e.streamId === 'g').length >= 6);
    await delivered(new Map([['g', 6]]));
  });

  it('the loser of a conflict settles its empty slot with a placeholder: no gap for the relay to wait out', async () => {
    const store = await newStore();
    await store.append('thing', 'z', 0, happened(0), ctx);
    await expect(store.append('thing', 'z', 0, happened(0), ctx)).rejects.toBeInstanceOf(ConcurrencyError);
    await store.append('thing', 'z', 1, happened(1), ctx);
    expect(await placeholders()).toBe(1);
    await newRelay(store, { gapMs: 60_000 }).drain();
    await delivered(new Map([['z', 2]]));
    expect((await store.lanes.findOne({}))!.published).toBe(3);
  });

  it('many conflicts of one lane at once: every loser’s slot settled, the relay never waits for a gap', async () => {
    const store = await newStore();
    const batchOf = (ids: string[], v: number) => ids.map((streamId) => ({ streamType: 'thing', streamId, expectedVersion: v, events: happened(v), ctx }));
    // Writers race for version 1 of each of 4 streams, one by one and in batches (whose losers settle 8 at a time):
    // the losers settle their slots at the same moment. Recorded as `$push`es to one lane document, FerretDB lost
    // some under load (the region benchmark: 39 gaps, the relay waiting 5 s for each).
    await Promise.all(['c1', 'c2', 'c3', 'c4'].map((id) => store.append('thing', id, 0, happened(0), ctx)));
    const streams = Array.from({ length: 30 }, (_, i) => `c${(i % 4) + 1}`);
    const raced = await Promise.allSettled([
      ...Array.from({ length: 24 }, (_, i) => store.append('thing', `c${(i % 4) + 1}`, 1, happened(1), ctx)),
      ...Array.from({ length: 4 }, () => store.appendMany(batchOf(streams, 1))),
    ]);
    const won = raced.flatMap((r) => (r.status === 'fulfilled' ? (Array.isArray(r.value) ? r.value.filter((x) => !(x instanceof Error)) : [r.value]) : []));
    expect(won).toHaveLength(4);
    await newRelay(store, { gapMs: 600_000 }).drain();
    await delivered(new Map(['c1', 'c2', 'c3', 'c4'].map((id) => [id, 2] as [string, number])));
    expect(await unpublishedCommits(t.db)).toBe(0);
  });

  // ------------------------------------------------------------------------------- batch appends

  const batchOf = (streams: string[], v: number) =>
    streams.map((streamId) => ({ streamType: 'thing', streamId, expectedVersion: v, events: happened(v), ctx }));

  it('a batch append (more commits than one insert takes): each its own slot, in one lane; a stale item fails alone with ConcurrencyError', async () => {
    const store = await newStore();
    await store.append('thing', 'b3', 0, happened(0), ctx);
    const names = Array.from({ length: 45 }, (_, i) => `b${i}`);
    const results = await store.appendMany([...batchOf(names, 0), { streamType: 'thing', streamId: 'empty', expectedVersion: 0, events: [], ctx }]);
    expect(results[3]).toBeInstanceOf(ConcurrencyError); // b3 was at version 1
    expect(results.filter((r) => r instanceof Error)).toHaveLength(1);
    expect(results[45]).toEqual({ events: [], nextExpectedVersion: 0 });
    expect((results[0] as { nextExpectedVersion: number }).nextExpectedVersion).toBe(1);
    // Next versions of some of them, in a second batch, and single appends between.
    const second = await store.appendMany(batchOf(['b0', 'b1', 'b2'], 1));
    expect(second.every((r) => !(r instanceof Error))).toBe(true);
    const commits = await t.db.collection<CommitDocument>(COMMITS_COLLECTION).find({ tenantId: 'm1' }).toArray();
    expect(new Set(commits.map((c) => `${c.lane}/${c.seq}`)).size).toBe(commits.length);
    expect(await store.lanes.countDocuments()).toBe(1);
    await newRelay(store, { batchSize: 50 }).drain();
    await delivered(new Map([...names.map((n) => [n, ['b0', 'b1', 'b2'].includes(n) ? 2 : 1] as [string, number])]));
    expect(await unpublishedCommits(t.db)).toBe(0);
    expect(await placeholders()).toBe(1); // b3's slot
  });

  it('writer killed with a batch’s slots taken (slot-taken): nothing of it lands, the relay closes the slots, later appends are delivered', async () => {
    const dying = await newStore({ faults: crashAt<AppendStep>('slot-taken', 2) });
    await dying.append('thing', 'k0', 0, happened(0), ctx);
    await expect(dying.appendMany(batchOf(['k1', 'k2', 'k3'], 0))).rejects.toThrow(Crash);
    expect(await t.db.collection(COMMITS_COLLECTION).countDocuments({ streamId: { $in: ['k1', 'k2', 'k3'] } })).toBe(0);
    const store = await newStore();
    const streams = new Map([
      ['k0', 2],
      ['k1', 1],
      ['k2', 1],
      ['k3', 1],
    ]);
    await store.append('thing', 'k0', 1, happened(1), ctx);
    const results = await store.appendMany(batchOf(['k1', 'k2', 'k3'], 0));
    expect(results.every((r) => !(r instanceof Error))).toBe(true);
    const relay = newRelay(store, { silentLaneMs: 0 });
    await roundsUntil(
      relay,
      'the dead writer’s lane fenced and forgotten',
      async () => (await store.lanes.countDocuments({ closedAt: { $exists: false } })) <= 1,
    );
    await relay.drain();
    await delivered(streams);
  });

  // ------------------------------------------------------------------------------- silent lanes

  it.each<RelayStep>(['fence-marked', 'fenced'])('a silent lane fenced (relay killed at %s): a late append of its writer lands in a new lane', async (step) => {
    const store = await newStore();
    const streams = await appendInterleaved(store, 2, 2);
    const crashing = newRelay(store, { silentLaneMs: 0, faults: crashAt(step) });
    await expect(crashing.drain().then(() => crashing.publishBatch())).rejects.toThrow(Crash);
    const relay = newRelay(store, { silentLaneMs: 0 });
    await roundsUntil(relay, 'silent lane forgotten', async () => (await store.lanes.countDocuments()) === 0);
    // The writer was only idle: its next slot is fenced, so it moves to a new lane.
    for (const [s, v] of await appendInterleaved(store, 2, 1, 's', 2)) streams.set(s, v);
    expect(await store.lanes.countDocuments()).toBe(1);
    await relay.drain();
    await delivered(streams);
    expect(await unpublishedCommits(t.db)).toBe(0);
  });

  it('writer killed right after opening its lane (lane-opened): the empty lane is fenced and forgotten', async () => {
    const dying = await newStore({ faults: crashAt<AppendStep>('lane-opened') });
    await expect(dying.append('thing', 'w', 0, happened(0), ctx)).rejects.toThrow(Crash);
    const store = await newStore();
    const streams = await appendInterleaved(store, 1, 3, 'w');
    const relay = newRelay(store, { silentLaneMs: 0 });
    await roundsUntil(relay, 'every lane fenced and forgotten', async () => (await store.lanes.countDocuments()) === 0);
    await delivered(streams);
  });

  // ------------------------------------------------------------------------------- old protocol

  /** Commits as the old protocol wrote them: `published: false`, no lane. */
  const oldCommits = async (streams: number, versions: number) => {
    const docs: CommitDocument[] = [];
    for (let s = 0; s < streams; s++) {
      for (let v = 0; v < versions; v++) {
        const streamId = `old${s}`;
        const at = new Date(Date.now() - 60_000 + v * 10 + s);
        docs.push({
          _id: commitId('m1', streamId, v),
          tenantId: 'm1',
          streamType: 'thing',
          streamId,
          expectedVersion: v,
          lastVersion: v + 1,
          committedAt: at,
          published: false,
          events: [
            {
              eventId: `${streamId}-${v}`,
              type: 'Happened',
              schemaVersion: 1,
              tenantId: 'm1',
              streamType: 'thing',
              streamId,
              streamVersion: v + 1,
              occurredAt: at.toISOString(),
              correlationId: 'c',
              causationId: null,
              actor: { subject: 'u', role: 'r' },
              data: { v },
            },
          ],
        });
      }
    }
    await t.db.collection<CommitDocument>(COMMITS_COLLECTION).insertMany(docs);
  };

  it.each<RelayStep | undefined>([undefined, 'legacy-sent', 'legacy-marked-some'])(
    'an old-protocol backlog (published: false) drains first, then the same streams continue in lanes (crash at %s)',
    async (step) => {
      await oldCommits(3, 30);
      const store = await newStore();
      // New appends on the same streams: their predecessors are old commits, not yet out.
      const streams = await appendInterleaved(store, 3, 2, 'old', 30);
      if (step) await expect(newRelay(store, { batchSize: 60, faults: crashAt(step) }).drain()).rejects.toThrow(Crash);
      await newRelay(store, { batchSize: 60 }).drain();
      await delivered(streams);
      expect(await t.db.collection(COMMITS_COLLECTION).countDocuments({ published: false })).toBe(0);
      expect(await unpublishedCommits(t.db)).toBe(0);
    },
  );
});
