import { testBus, testDatabase, uniqueTopic, waitFor } from '@mms/testing/infra';
import { toMessage } from '../integration';
import { EventEnvelope } from '../core';
import { applyOnce } from './apply-once';
import { physicalName, Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

const envelope = (streamId: string, v: number, amount: number): EventEnvelope => ({
  eventId: `${streamId}-${v}`,
  type: 'Credited',
  schemaVersion: 1,
  tenantId: 'm1',
  streamType: 'account',
  streamId,
  streamVersion: v,
  occurredAt: new Date().toISOString(),
  correlationId: 'c',
  causationId: null,
  actor: { subject: 's', role: 'r' },
  data: { amount },
});

/** Each account's total, credited once per stream version. */
const balances = (topic: string): Projection => ({
  name: 'balances',
  topics: [topic],
  collections: ['balances'],
  apply: async (e, rm) => {
    await applyOnce(rm.collection('balances'), e.streamId, e.streamVersion, { $inc: { total: (e.data as { amount: number }).amount } } as never);
  },
});

describe('ProjectionRunner (real Kafka, real MongoDB-compatible server)', () => {
  it('rebuilds into a fresh generation from the start of the topic and switches without downtime', async () => {
    const t = await testDatabase('projection');
    const bus = testBus('projection-test');
    const topic = uniqueTopic('accounts');
    const projection = balances(topic);
    const producer = bus.producer();
    const runner = new ProjectionRunner({ db: t.db, bus, service: `svc-${topic}`, projection, metaPollMs: 200 });
    try {
      // 20 streams × 10 events, each one sent twice (redelivery): totals must not double.
      const events = Array.from({ length: 20 }, (_, s) => Array.from({ length: 10 }, (_, v) => envelope(`acc-${s}`, v + 1, v + 1))).flat();
      await producer.send(topic, events.map(toMessage));
      await producer.send(topic, events.map(toMessage));
      await runner.start();
      const read = async () =>
        (
          await (
            await runner.readModel()
          )
            .collection('balances')
            .find({}, { sort: { _id: 1 } })
            .toArray()
        ).map((d) => [d._id, d['total']]);
      await waitFor(async () => (await read()).filter(([, total]) => total === 55).length === 20, { what: 'live projection' });
      const before = await read();

      // Readers keep getting answers throughout the rebuild.
      let readsDuringRebuild = 0;
      let emptyReads = 0;
      let rebuilding = true;
      const reader = (async () => {
        while (rebuilding) {
          const rows = await read();
          readsDuringRebuild++;
          if (rows.length !== 20) emptyReads++;
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const result = await runner.rebuild();
      rebuilding = false;
      await reader;
      expect(result.generation).toBe(2);
      expect(readsDuringRebuild).toBeGreaterThan(0);
      expect(emptyReads).toBe(0);
      expect(await read()).toEqual(before);
      expect(await runner.activeGeneration(0)).toBe(2);
      const names = (await t.db.listCollections().toArray()).map((c) => c.name);
      expect(names).toContain(physicalName('balances', 2, 'balances'));
      expect(names).not.toContain(physicalName('balances', 1, 'balances'));

      // The new generation is live: new events still arrive.
      await producer.send(topic, [toMessage(envelope('acc-0', 11, 100))]);
      await waitFor(async () => (await read()).find(([id]) => id === 'acc-0')?.[1] === 155, { what: 'live after switch' });
    } finally {
      await runner.stop();
      await producer.disconnect();
      await t.drop();
    }
  });

  it('a projection of a new version rebuilds itself at start; readers keep the old generation until the switch', async () => {
    const t = await testDatabase('projection-version');
    const bus = testBus('projection-version-test');
    const topic = uniqueTopic('accounts');
    const shaped = (version: number): Projection => ({
      name: 'balances',
      topics: [topic],
      collections: ['balances'],
      version,
      apply: async (e, rm) => {
        const amount = (e.data as { amount: number }).amount;
        // version 2 also counts the credits: documents the old code never wrote
        const update = version === 1 ? { $inc: { total: amount } } : { $inc: { total: amount, credits: 1 } };
        await applyOnce(rm.collection('balances'), e.streamId, e.streamVersion, update as never);
      },
    });
    const producer = bus.producer();
    const service = `svc-${topic}`;
    const first = new ProjectionRunner({ db: t.db, bus, service, projection: shaped(1), metaPollMs: 200 });
    const read = async (runner: ProjectionRunner) =>
      (await (await runner.readModel()).collection('balances').find({}).toArray()).map((d) => [d._id, d['total'], d['credits']]);
    try {
      await producer.send(topic, Array.from({ length: 5 }, (_, v) => envelope('acc-1', v + 1, 10)).map(toMessage));
      await first.start();
      await waitFor(async () => (await read(first))[0]?.[1] === 50, { what: 'version 1 caught up' });
      expect(first.upgrade).toBeUndefined();
      await first.stop();

      const second = new ProjectionRunner({ db: t.db, bus, service, projection: shaped(2), metaPollMs: 200 });
      await second.start();
      try {
        expect(second.upgrade).toBeDefined();
        await second.upgrade;
        expect(await second.activeGeneration(0)).toBe(2);
        expect(await read(second)).toEqual([['acc-1', 50, 5]]);
        // started again with the same version: nothing to rebuild
        await second.stop();
        const third = new ProjectionRunner({ db: t.db, bus, service, projection: shaped(2), metaPollMs: 200 });
        await third.start();
        expect(third.upgrade).toBeUndefined();
        await third.stop();
      } finally {
        await second.stop();
      }
    } finally {
      await producer.disconnect();
      await t.drop();
    }
  });
  it('a rebuild claim left by a process killed mid-rebuild lapses; one still in time is respected', async () => {
    const t = await testDatabase('projection-claim');
    const bus = testBus('projection-claim-test');
    const topic = uniqueTopic('accounts');
    const projection = balances(topic);
    const producer = bus.producer();
    const runner = new ProjectionRunner({ db: t.db, bus, service: `svc-${topic}`, projection, metaPollMs: 200 });
    const meta = t.db.collection<{ _id: string }>('projection_meta');
    try {
      await producer.send(topic, [toMessage(envelope('acc-1', 1, 7))]);
      await runner.start();
      const total = async () => (await (await runner.readModel()).collection('balances').findOne({ _id: 'acc-1' as never }))?.['total'];
      await waitFor(async () => (await total()) === 7, { what: 'live projection' });

      // Another instance is rebuilding and its time is not up: refused.
      await meta.updateOne({ _id: 'balances' }, { $set: { rebuilding: 2, rebuildingUntil: new Date(Date.now() + 60_000), claim: 'alive' } });
      await expect(runner.rebuild()).rejects.toThrow(/already being rebuilt/);
      expect(await meta.findOne({ _id: 'balances' })).toMatchObject({ rebuilding: 2, claim: 'alive' });

      // Its process died: once the claim's time is up, a rebuild takes it over and switches.
      await meta.updateOne({ _id: 'balances' }, { $set: { rebuildingUntil: new Date(Date.now() - 1000), claim: 'dead' } });
      const result = await runner.rebuild();
      expect(result.generation).toBe(2);
      expect(await meta.findOne({ _id: 'balances' })).toMatchObject({ active: 2, rebuilding: null, rebuildingUntil: null, claim: null });
      expect(await total()).toBe(7);
    } finally {
      await runner.stop();
      await producer.disconnect();
      await t.drop();
    }
  });
});
