import { testBus, testDatabase, uniqueTopic, waitFor } from '@mms/testing/infra';
import { EventEnvelope, RowTable } from '../core';
import { toMessage } from '../integration';
import { physicalName } from './projection';
import { ProjectionRunner } from './projection-runner';
import { rowProjection } from './row-projection';

interface Account {
  _id: string;
  total: number;
  credits: number;
  /** Packed: stored as one text, folded like any field. */
  history: number[];
}

/** acc-2's credit of 13 is poison when `poisoned` holds (a bug in a release). */
const accountsTable = (poisoned: { on: boolean }): RowTable<Account> => ({
  collection: 'accounts',
  packed: ['history'],
  indexes: [{ keys: { total: 1 } }],
  rowsOf: (e) => [e.streamId],
  evolve: (row, e) => {
    const amount = (e.data as { amount: number }).amount;
    if (poisoned.on && amount === 13 && e.streamId === 'acc-2') throw new Error('cannot credit 13');
    return { _id: e.streamId, total: (row?.total ?? 0) + amount, credits: (row?.credits ?? 0) + 1, history: [...(row?.history ?? []), amount] };
  },
});

const credited = (streamId: string, v: number, amount: number): EventEnvelope => ({
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

/** 40 streams × 12 events, every one sent twice (a relay's redelivery). */
const history = () => Array.from({ length: 12 }, (_, v) => Array.from({ length: 40 }, (_, s) => credited(`acc-${s}`, v + 1, (s % 5) + v + 1))).flat();

describe('ProjectionRunner.rebuild folds a row projection in memory (real Kafka, real MongoDB-compatible server)', () => {
  const setUp = async (label: string, opts: { maxDocuments?: number; poisoned?: boolean } = {}) => {
    const t = await testDatabase(label);
    const bus = testBus(`${label}-test`);
    const topic = uniqueTopic(label);
    const poisoned = { on: opts.poisoned ?? false };
    const projection = rowProjection({ name: 'accounts', topics: [topic], tables: [accountsTable(poisoned)] });
    const logs: { level: string; msg: string; extra?: Record<string, unknown> }[] = [];
    const applied = { events: 0 };
    const runner = new ProjectionRunner({
      db: t.db,
      bus,
      service: `svc-${topic}`,
      projection,
      metaPollMs: 200,
      ...(opts.maxDocuments ? { replayMaxDocuments: opts.maxDocuments } : {}),
      log: (level, msg, extra) => logs.push({ level, msg, ...(extra ? { extra } : {}) }),
      onApplied: () => applied.events++,
    });
    const producer = bus.producer();
    const docs = async () =>
      (
        await (
          await runner.readModel()
        )
          .collection('accounts')
          .find({}, { sort: { _id: 1 }, projection: { _rev: 0, _w: 0 } })
          .toArray()
      ).map((d) => d as Record<string, unknown>);
    const close = async () => {
      await runner.stop();
      await producer.disconnect();
      await t.drop();
    };
    return { t, topic, runner, producer, docs, logs, poisoned, applied, close };
  };

  it('writes the same rows as live consumption, bookkeeping included, and the new generation goes on from where the fold ended', async () => {
    const s = await setUp('replay_same');
    try {
      const events = history();
      await s.producer.send(s.topic, events.map(toMessage));
      await s.producer.send(s.topic, events.map(toMessage));
      await s.runner.start();
      await waitFor(async () => (await s.docs()).filter((d) => d['credits'] === 12).length === 40, { what: 'live generation caught up' });
      const live = await s.docs();
      // Every delivery handled (the rows are complete after the first copy of the history).
      await waitFor(async () => s.applied.events >= 960, { what: 'both copies of the history handled' });
      const appliedBefore = s.applied.events;

      // Events keep arriving while the rebuild runs: those after its start are the new generation's live consumer's.
      let v = 12;
      let sending = true;
      const during = (async () => {
        while (sending && v < 30) {
          v++;
          await s.producer.send(s.topic, [toMessage(credited('acc-0', v, 100))]);
          await new Promise((r) => setTimeout(r, 30));
        }
      })();
      const result = await s.runner.rebuild();
      sending = false;
      await during;
      expect(result).toMatchObject({ generation: 2, replayed: true });
      expect(result.switchedAfterMs).toBeLessThanOrEqual(result.durationMs);

      await waitFor(async () => (await s.docs()).find((d) => d._id === 'acc-0')?.['credits'] === v, { what: 'events sent during the rebuild applied once' });
      // The history was handled once by the fold (960 deliveries); the new generation's consumer
      // started where the fold ended, not from the start (that would be 960 more).
      expect(s.applied.events - appliedBefore).toBeLessThan(960 + 2 * 18 + 100);
      const rebuilt = await s.docs();
      const acc0 = rebuilt.find((d) => d._id === 'acc-0')!;
      expect(acc0['total']).toBe((live.find((d) => d._id === 'acc-0')!['total'] as number) + 100 * (v - 12));
      // Every other row exactly as live consumption stored it: values, packed field, seen versions.
      expect(rebuilt.filter((d) => d._id !== 'acc-0')).toEqual(live.filter((d) => d._id !== 'acc-0'));
      const raw = await s.t.db.collection(physicalName('accounts', 2, 'accounts')).findOne({ _id: 'acc-1' as never });
      expect(typeof raw!['_packed']).toBe('string');
      expect(raw!['_seen']).toEqual({ 'm1|acc-1': 12 });
      // The replay's throwaway group is gone; the indexes are there.
      const indexes = await s.t.db.collection(physicalName('accounts', 2, 'accounts')).indexes();
      expect(indexes.map((ix) => Object.keys(ix.key).join())).toContain('total');

      // Live after the switch.
      await s.producer.send(s.topic, [toMessage(credited('acc-5', 13, 1))]);
      await waitFor(async () => (await s.docs()).find((d) => d._id === 'acc-5')?.['credits'] === 13, { what: 'live after switch' });
    } finally {
      await s.close();
    }
  });

  it('falls back to event by event when the fold outgrows its limit, with the same result', async () => {
    const s = await setUp('replay_limit', { maxDocuments: 10 });
    try {
      await s.producer.send(s.topic, history().map(toMessage));
      await s.runner.start();
      await waitFor(async () => (await s.docs()).filter((d) => d['credits'] === 12).length === 40, { what: 'live generation caught up' });
      const live = await s.docs();
      const result = await s.runner.rebuild();
      expect(result).toMatchObject({ generation: 2, replayed: false });
      expect(s.logs.find((l) => l.msg.includes('could not fold'))?.extra?.['reason']).toMatch(/more than 10 documents/);
      expect(await s.docs()).toEqual(live);
    } finally {
      await s.close();
    }
  });

  it('a poison event ends the fold: the rebuild goes event by event, where it is parked and everything else applied', async () => {
    const s = await setUp('replay_poison');
    try {
      await s.producer.send(s.topic, history().map(toMessage));
      await s.runner.start();
      await waitFor(async () => (await s.docs()).filter((d) => d['credits'] === 12).length === 40, { what: 'live generation caught up' });
      const live = await s.docs();
      // A release with a bug about acc-2's credit of 13 (its version 11) rebuilds.
      s.poisoned.on = true;
      const result = await s.runner.rebuild();
      expect(result).toMatchObject({ generation: 2, replayed: false });
      expect(s.logs.find((l) => l.msg.includes('could not fold'))?.extra?.['reason']).toMatch(/cannot credit 13/);
      const rebuilt = await s.docs();
      // Every other stream as before; acc-2 misses its poison event only.
      expect(rebuilt.filter((d) => d._id !== 'acc-2')).toEqual(live.filter((d) => d._id !== 'acc-2'));
      const acc2 = rebuilt.find((d) => d._id === 'acc-2')!;
      expect(acc2['credits']).toBe(11);
      const historyOf = (d: Record<string, unknown>) => (JSON.parse(d['_packed'] as string) as { history: number[] }).history;
      expect(historyOf(acc2)).toEqual(historyOf(live.find((d) => d._id === 'acc-2')!).filter((a) => a !== 13));
    } finally {
      await s.close();
    }
  });
});
