import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { IncomingMessage, MessageConsumer } from '@mms/messaging';
import { KafkaBus } from '@mms/messaging/kafka';
import { kafkaControl, testBus, testDatabase, uniqueTopic, waitFor } from '@mms/testing/infra';
import { MongoEventStore } from '../event-store/mongo-event-store';
import { OutboxRelay, unpublishedCommits } from './outbox-relay';
import { Lease } from './lease';
import { CommandContext, EventEnvelope } from '../core';
import { applyOnce } from '../projections/apply-once';
import { fromMessage } from '../integration';

const ctx: CommandContext = { tenantId: 'm1', actor: { subject: 'u', role: 'municipal_methodologist' }, correlationId: 'c' };
const translate = (e: EventEnvelope) => [{ type: `public.${e.type}`, schemaVersion: 1, data: e.data }];

/** Collects envelopes from a topic and checks per-stream order. */
const collector = async (bus: KafkaBus, topic: string) => {
  const seen: EventEnvelope[] = [];
  const consumer = bus.consumer({
    groupId: `${topic}.collector`,
    topics: [topic],
    fromBeginning: true,
    handler: async (m: IncomingMessage) => {
      seen.push(fromMessage(m));
    },
  });
  await consumer.start();
  return { seen, consumer };
};

/** At-least-once: duplicates allowed, but per stream the first sightings are 1, 2, 3 … */
const expectStreamOrder = (seen: EventEnvelope[], streams: Map<string, number>) => {
  const perStream = new Map<string, number[]>();
  for (const e of seen) perStream.set(e.streamId, [...(perStream.get(e.streamId) ?? []), e.streamVersion]);
  for (const [stream, count] of streams) {
    const versions = perStream.get(stream) ?? [];
    let max = 0;
    for (const v of versions) {
      // A message may repeat (redelivery) but never jump ahead of an unseen predecessor.
      expect(v).toBeLessThanOrEqual(max + 1);
      max = Math.max(max, v);
    }
    expect(max).toBe(count);
  }
};

/** Counts every read of the store's commits from now on (findOne goes through find). */
const countReads = (store: MongoEventStore) => {
  const reads = { count: 0 };
  const find = store.commits.find.bind(store.commits) as (...a: unknown[]) => unknown;
  (store.commits as unknown as { find: unknown }).find = (...args: unknown[]) => {
    reads.count++;
    return find(...args);
  };
  return reads;
};

describe('OutboxRelay (real Kafka, real MongoDB-compatible server)', () => {
  let t: Awaited<ReturnType<typeof testDatabase>>;
  let store: MongoEventStore;
  const bus = testBus('relay-test');
  const consumers: MessageConsumer[] = [];
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    t = await testDatabase('relay');
    store = new MongoEventStore(t.db);
    await store.ensureIndexes();
  });
  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    for (const c of consumers.splice(0)) await c.stop();
    await t.drop();
  });

  const newRelay = (internalTopic: string, publicTopic: string, owner: string, batchSize = 100) => {
    const relay = new OutboxRelay({
      store,
      producer: bus.producer(),
      lease: new Lease(t.db, 'relay:test', owner, 1500),
      internalTopic,
      publicTopic,
      translate,
      batchSize,
      idlePollMs: 50,
    });
    relays.push(relay);
    return relay;
  };

  /** A collector on a new internal topic, and a relay of this process holding the lease. */
  const leadingRelay = async () => {
    const [internal, pub] = [uniqueTopic('internal'), uniqueTopic('public')];
    const a = await collector(bus, internal);
    consumers.push(a.consumer);
    const relay = newRelay(internal, pub, 'r1');
    relay.start();
    await waitFor(async () => relay.isLeader, { what: 'the lease' });
    return { a, relay };
  };

  /** `versions` rounds of one appendMany over `streams` streams (`${prefix}0` …): the streams and their last versions. */
  const appendRounds = async (prefix: string, streams: number, versions: number) => {
    for (let v = 0; v < versions; v++)
      await store.appendMany(
        Array.from({ length: streams }, (_, s) => ({
          streamType: 'thing',
          streamId: `${prefix}${s}`,
          expectedVersion: v,
          events: [{ type: 'Happened', data: { v } }],
          ctx,
        })),
      );
    return new Map(Array.from({ length: streams }, (_, s) => [`${prefix}${s}`, versions]));
  };

  it('delivers every commit in stream order, keyed by stream, to both topics', async () => {
    const [internal, pub] = [uniqueTopic('internal'), uniqueTopic('public')];
    const streams = new Map<string, number>();
    for (let s = 0; s < 5; s++) {
      for (let v = 0; v < 4; v++) await store.append('thing', `s${s}`, v, [{ type: 'Happened', data: { v } }], ctx);
      streams.set(`s${s}`, 4);
    }
    const a = await collector(bus, internal);
    const b = await collector(bus, pub);
    consumers.push(a.consumer, b.consumer);
    newRelay(internal, pub, 'r1').start();
    await waitFor(async () => a.seen.length >= 20 && b.seen.length >= 20, { what: '20 events on both topics' });
    expectStreamOrder(a.seen, streams);
    expect(b.seen.every((e) => e.type === 'public.Happened')).toBe(true);
    await waitFor(async () => (await unpublishedCommits(t.db)) === 0, { what: 'outbox marked' });
  });

  it('the live path: what this process appends while its relay holds the lease goes out without reading a commit back', async () => {
    const { a } = await leadingRelay();
    const reads = countReads(store);
    // New streams, next versions of them, a conflict's empty slot between, and a batch.
    const streams = new Map<string, number>();
    for (let s = 0; s < 10; s++) await store.append('thing', `o${s}`, 0, [{ type: 'Happened', data: { v: 0 } }], ctx);
    await expect(store.append('thing', 'o0', 0, [{ type: 'Happened', data: { v: 0 } }], ctx)).rejects.toThrow();
    await store.appendMany(
      Array.from({ length: 10 }, (_, s) => ({
        streamType: 'thing',
        streamId: `o${s}`,
        expectedVersion: 1,
        events: [{ type: 'Happened', data: { v: 1 } }],
        ctx,
      })),
    );
    for (let s = 0; s < 10; s++) streams.set(`o${s}`, 2);
    await waitFor(async () => a.seen.length >= 20, { what: '20 events' });
    expectStreamOrder(a.seen, streams);
    const appendReads = 1; // the conflict's loser looks at who holds its slot
    expect(reads.count).toBe(appendReads);
    // Forgotten once the checkpoint passed them (the consumer may see the last batch before the relay has Kafka's answer).
    await waitFor(async () => store.own.size === 0, { what: 'the sent commits forgotten', timeoutMs: 5000 });
  });

  it('a backlog of full pages is read as their digests, one document a page, and the digests go once sent', async () => {
    const [internal, pub] = [uniqueTopic('internal'), uniqueTopic('public')];
    // 200 commits by a writer whose relay is elsewhere: pages 0–2 full (slots 1–191), page 3 filling.
    const streams = await appendRounds('d', 20, 10);
    await waitFor(async () => (await store.pageDigests.countDocuments()) === 3, { what: 'three digests', timeoutMs: 5000 });
    // Commit documents the relay reads back (a page read returns many, a probe one).
    const read = { docs: 0 };
    const find = store.commits.find.bind(store.commits) as (...a: unknown[]) => { toArray(): Promise<unknown[]> };
    (store.commits as unknown as { find: unknown }).find = (...args: unknown[]) => {
      const cursor = find(...args);
      const toArray = cursor.toArray.bind(cursor);
      cursor.toArray = async () => {
        const docs = await toArray();
        read.docs += docs.length;
        return docs;
      };
      return cursor;
    };
    const a = await collector(bus, internal);
    consumers.push(a.consumer);
    newRelay(internal, pub, 'r1').start();
    await waitFor(async () => a.seen.length >= 200, { what: '200 events' });
    expectStreamOrder(a.seen, streams);
    // Page 3's 9 commits (read again while it was the lane's tip, probes included), not the 191 of the full pages.
    expect(read.docs).toBeGreaterThanOrEqual(9);
    expect(read.docs).toBeLessThan(64);
    await waitFor(async () => (await store.pageDigests.countDocuments()) === 0, { what: 'the digests deleted', timeoutMs: 5000 });
  });

  it('no digests for the live path: a relay of this process that keeps up from memory reads nothing back', async () => {
    const { a } = await leadingRelay();
    const digestsWritten = jest.spyOn(store.pageDigests, 'insertOne');
    // 300 commits (four full pages), fewer than the relay may fall behind before digests are written.
    await appendRounds('n', 30, 10);
    await waitFor(async () => a.seen.length >= 300, { what: '300 events' });
    expect(digestsWritten).not.toHaveBeenCalled();
  });

  it('a lane opened before the relay held the lease is retired then: what is appended afterwards goes out without reads', async () => {
    const [internal, pub] = [uniqueTopic('internal'), uniqueTopic('public')];
    const a = await collector(bus, internal);
    consumers.push(a.consumer);
    // Written before any relay holds the lease (a process just started, the last holder's lease not yet run out).
    for (let s = 0; s < 5; s++) await store.append('thing', `b${s}`, 0, [{ type: 'Happened', data: { v: 0 } }], ctx);
    const relay = newRelay(internal, pub, 'r1');
    relay.start();
    await waitFor(async () => a.seen.length >= 5, { what: 'the 5 early events' });
    const early = (await store.commits.findOne({ streamId: 'b0' }))!.lane!;
    // Retired when the lease came, so closed at once (not after laneIdleMs) although the writer is about to go on, and forgotten by the relay.
    await waitFor(async () => !(await t.db.collection('outbox_lanes').findOne({ _id: early as never })), { what: 'the early lane done', timeoutMs: 3000 });
    const reads = countReads(store);
    // The writer kept busy the whole time: its first lane never went idle.
    const streams = new Map<string, number>();
    for (let s = 0; s < 5; s++) streams.set(`b${s}`, 1);
    for (let round = 1; round <= 3; round++) {
      for (let s = 0; s < 5; s++) await store.append('thing', `b${s}`, round, [{ type: 'Happened', data: { v: round } }], ctx);
      for (let s = 0; s < 5; s++) streams.set(`b${s}`, round + 1);
      await waitFor(async () => a.seen.length >= 5 * (round + 1), { what: `round ${round} out` });
    }
    expectStreamOrder(a.seen, streams);
    expect(reads.count).toBe(0);
  });

  it('a backlog many batches long still goes out in stream order', async () => {
    const [internal, pub] = [uniqueTopic('internal'), uniqueTopic('public')];
    const streams = new Map<string, number>();
    const happened = (v: number) => [{ type: 'Happened', data: { v } }];
    // A late writer: version 3 of stream `late` is stored before versions 1 and 2 (clock
    // skew, a slow insert), so the first batch holds it while its predecessors lie outside.
    await store.append('thing', 'late', 2, happened(2), ctx);
    // interleaved writes: a batch of 3 always cuts streams in the middle
    for (let v = 0; v < 6; v++) {
      for (let s = 0; s < 5; s++) await store.append('thing', `b${s}`, v, happened(v), ctx);
    }
    await store.append('thing', 'late', 1, happened(1), ctx);
    await store.append('thing', 'late', 0, happened(0), ctx);
    for (let s = 0; s < 5; s++) streams.set(`b${s}`, 6);
    streams.set('late', 3);
    const a = await collector(bus, internal);
    consumers.push(a.consumer);
    newRelay(internal, pub, 'r1', 3).start();
    await waitFor(async () => a.seen.length >= 33, { what: '33 events' });
    expectStreamOrder(a.seen, streams);
  });

  it('a backlog read ahead while another process keeps appending to the same lane: every commit, in order, no gap waited out', async () => {
    const [internal, pub] = [uniqueTopic('internal'), uniqueTopic('public')];
    // Another process's store: its lane is read back from the database (pages, read ahead).
    const writer = new MongoEventStore(t.db);
    const streams = new Map<string, number>();
    const next = new Map<string, number>();
    const append = async (i: number) => {
      const s = `w${i % 23}`;
      const v = next.get(s) ?? 0;
      next.set(s, v + 1);
      streams.set(s, v + 1);
      await writer.append('thing', s, v, [{ type: 'Happened', data: { i } }], ctx);
    };
    for (let i = 0; i < 600; i++) await append(i);
    const a = await collector(bus, internal);
    consumers.push(a.consumer);
    const relay = new OutboxRelay({
      store,
      producer: bus.producer(),
      lease: new Lease(t.db, 'relay:test', 'r1', 1500),
      internalTopic: internal,
      publicTopic: pub,
      translate,
      batchSize: 100, // three pages a round, three read ahead: many rounds over pages still filling
      idlePollMs: 20,
      gapMs: 60_000, // a page kept while it filled would stall the lane: no placeholder may rescue it
    });
    relays.push(relay);
    relay.start();
    for (let i = 600; i < 1000; i++) await append(i);
    await waitFor(async () => new Set(a.seen.map((e) => e.eventId)).size >= 1000, { what: '1,000 events', timeoutMs: 60_000 });
    expectStreamOrder(a.seen, streams);
    expect(await store.commits.countDocuments({ void: 'gap' })).toBe(0);
  });

  it('a short batch is no snapshot of the backlog: a commit seen before its predecessor is stored waits for it', async () => {
    const [internal, pub] = [uniqueTopic('internal'), uniqueTopic('public')];
    const a = await collector(bus, internal);
    consumers.push(a.consumer);
    const relay = newRelay(internal, pub, 'r1');
    // Version 3 is visible alone: what a page-by-page cursor can see while writers append.
    await store.append('thing', 'gap', 2, [{ type: 'Happened', data: { v: 2 } }], ctx);
    await store.append('thing', 'other', 0, [{ type: 'Happened', data: { v: 0 } }], ctx);
    relay.start();
    await waitFor(async () => a.seen.some((e) => e.streamId === 'other'), { what: 'the other stream delivered' });
    await relay.drain();
    expect(a.seen.filter((e) => e.streamId === 'gap')).toEqual([]);
    // The checkpoint stays before the held commit ('other', after it in the lane, went out).
    expect((await store.lanes.findOne({}))!.published).toBe(0);
    // The predecessors arrive; then all three go, in order.
    await store.append('thing', 'gap', 0, [{ type: 'Happened', data: { v: 0 } }], ctx);
    await store.append('thing', 'gap', 1, [{ type: 'Happened', data: { v: 1 } }], ctx);
    await waitFor(async () => a.seen.filter((e) => e.streamId === 'gap').length >= 3, { what: 'the gap stream delivered' });
    expectStreamOrder(
      a.seen,
      new Map([
        ['gap', 3],
        ['other', 1],
      ]),
    );
  });

  it('only one relay is active per service (lease)', async () => {
    const [internal, pub] = [uniqueTopic('internal'), uniqueTopic('public')];
    const r1 = newRelay(internal, pub, 'r1');
    const r2 = newRelay(internal, pub, 'r2');
    r1.start();
    await waitFor(async () => r1.isLeader, { what: 'r1 leader' });
    r2.start();
    await new Promise((r) => setTimeout(r, 1500));
    expect(r2.isLeader).toBe(false);
    await r1.stop();
    await waitFor(async () => r2.isLeader, { what: 'r2 takes over', timeoutMs: 10000 });
  });

  const control = kafkaControl();
  (control ? it : it.skip)('keeps accepting writes while Kafka is down and delivers everything, in order, when it returns', async () => {
    const [internal, pub] = [uniqueTopic('internal'), uniqueTopic('public')];
    const a = await collector(bus, internal);
    consumers.push(a.consumer);
    newRelay(internal, pub, 'r1').start();
    const streams = new Map<string, number>();
    const write = async (round: number) => {
      for (let s = 0; s < 10; s++) {
        await store.append('thing', `s${s}`, round, [{ type: 'Happened', data: { round } }], ctx);
        streams.set(`s${s}`, round + 1);
      }
    };
    await write(0);
    await waitFor(async () => a.seen.length >= 10, { what: 'first round delivered' });
    // Seen on the internal topic is not yet marked: the public send and the mark follow.
    await waitFor(async () => (await unpublishedCommits(t.db)) === 0, { what: 'first round marked' });
    control!.stop();
    try {
      // Commands keep coming while the broker is gone: appends do not depend on Kafka.
      for (let round = 1; round <= 5; round++) await write(round);
      expect(await unpublishedCommits(t.db)).toBe(50);
    } finally {
      control!.start();
    }
    await waitFor(async () => new Set(a.seen.map((e) => e.eventId)).size >= 60, { what: 'all 60 events after restart', timeoutMs: 90000 });
    expectStreamOrder(a.seen, streams);
    await waitFor(async () => (await unpublishedCommits(t.db)) === 0, { what: 'outbox empty' });
  });

  it('relay killed mid-batch: nothing lost, and an idempotent read model shows no double effect', async () => {
    const [internal, pub] = [uniqueTopic('internal'), uniqueTopic('public')];
    const streams = new Map<string, number>();
    let total = 0;
    for (let v = 0; v < 6; v++) {
      for (let s = 0; s < 50; s++) {
        await store.append('thing', `s${s}`, v, [{ type: 'Happened', data: { v } }], ctx);
        streams.set(`s${s}`, v + 1);
        total++;
      }
    }
    // Read model: one counter per stream, guarded by stream version.
    const counters = t.db.collection('counters');
    const readModel = bus.consumer({
      groupId: `${pub}.readmodel`,
      topics: [pub],
      fromBeginning: true,
      handler: async (m) => {
        const e = fromMessage(m);
        await applyOnce(counters, e.streamId, e.streamVersion, { $inc: { applied: 1 } } as never);
      },
    });
    await readModel.start();
    consumers.push(readModel);

    const child = spawn(
      process.execPath,
      [join(__dirname, '../../test-fixtures/crashing-relay.js'), process.env['MONGO_URL']!, t.name, process.env['KAFKA_BROKERS']!, internal, pub, '2'],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    expect(exit.signal).toBe('SIGKILL');
    // Batch 1 was checkpointed; batch 2 reached Kafka but the checkpoint never passed it: it will go again.
    expect(await unpublishedCommits(t.db)).toBe(total - 100);

    const relay = newRelay(internal, pub, 'restarted');
    relay.start();
    await waitFor(async () => (await unpublishedCommits(t.db)) === 0, {
      what: 'outbox drained',
      timeoutMs: 60000,
    });

    const admin = await bus.admin();
    const onTopic = (await admin.endOffsets(pub)).reduce((n, p) => n + Number(p.offset), 0);
    await admin.close();
    expect(onTopic).toBe(total + 100); // the re-sent batch: at-least-once, visibly

    await waitFor(async () => (await counters.countDocuments({ _version: 6 })) === 50, { what: 'read model caught up', timeoutMs: 60000 });
    const docs = await counters.find({}).toArray();
    expect(docs).toHaveLength(50);
    for (const d of docs) expect(d['applied']).toBe(6);
  });
});
