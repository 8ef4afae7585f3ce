import { testBus, testDatabase, uniqueTopic, waitFor } from '@mms/testing/infra';
import { EventEnvelope } from '../core';
import { toMessage } from '../integration';
import { applyOnce } from '../projections/apply-once';
import { Projection } from '../projections/projection';
import { ProjectionRunner } from '../projections/projection-runner';
import { DeadLetterLedger } from './dead-letter-ledger';
import { requestProjectionReplay } from './replay';

const registered = (streamId: string, name: string): EventEnvelope => ({
  eventId: `${streamId}-1`,
  type: 'Registered',
  schemaVersion: 1,
  tenantId: 'm1',
  streamType: 'person',
  streamId,
  streamVersion: 1,
  occurredAt: new Date().toISOString(),
  correlationId: 'c',
  causationId: null,
  actor: { subject: 's', role: 'r' },
  data: { name },
});

describe('dead letters: an event a projection cannot apply is an alarm, and a replay brings it back', () => {
  it('parks it with its event id, makes the projection report it, and a requested replay applies it after the fix', async () => {
    const t = await testDatabase('dead-letters');
    const bus = testBus('dead-letters-test');
    const topic = uniqueTopic('people');
    let broken = true; // the bug: this projection cannot store a name with an apostrophe
    const projection: Projection = {
      name: 'people',
      topics: [topic],
      collections: ['people'],
      apply: async (e, rm) => {
        const name = (e.data as { name: string }).name;
        if (broken && name.includes("'")) throw new Error('cannot store an apostrophe');
        await applyOnce(rm.collection('people'), e.streamId, e.streamVersion, { $set: { name } } as never);
      },
    };
    const logs: { level: string; msg: string; extra?: Record<string, unknown> }[] = [];
    let parkedMetric = 0;
    const ledger = new DeadLetterLedger(t.db);
    const runner = new ProjectionRunner({
      db: t.db,
      bus,
      service: `svc-${topic}`,
      projection,
      metaPollMs: 200,
      deadLetters: ledger,
      onParked: () => parkedMetric++,
      log: (level, msg, extra) => logs.push({ level, msg, ...(extra ? { extra } : {}) }),
    });
    const people = async () =>
      (
        await (
          await runner.readModel()
        )
          .collection('people')
          .find({}, { sort: { _id: 1 } })
          .toArray()
      ).map((d) => d._id);
    try {
      await bus.producer().send(topic, [registered('p-1', 'Анна'), registered('p-2', "Д'Артаньян"), registered('p-3', 'Вера')].map(toMessage));
      await runner.start();
      await waitFor(async () => (await runner.parkedEvents()) === 1, { what: 'the bad event parked', timeoutMs: 30_000 });
      await waitFor(async () => (await people()).length === 2, { what: 'the good events applied' });
      expect(await people()).toEqual(['p-1', 'p-3']);
      const [letter] = await ledger.parked({ consumer: runner.consumerName });
      expect(letter).toMatchObject({ eventId: 'p-2-1', type: 'Registered', streamId: 'p-2', tenantId: 'm1', generation: 1, status: 'PARKED' });
      expect(letter!.reason).toMatch(/cannot store an apostrophe/);
      expect(parkedMetric).toBe(1);
      expect(logs.find((l) => l.level === 'error')?.extra).toMatchObject({ projection: 'people', eventId: 'p-2-1' });

      // The fix is deployed; the operator asks for a replay.
      broken = false;
      expect(await requestProjectionReplay(t.db, 'people')).toBe(true);
      await waitFor(async () => (await runner.activeGeneration(0)) === 2 && (await people()).length === 3, {
        what: 'replayed into generation 2',
        timeoutMs: 60_000,
      });
      expect(await people()).toEqual(['p-1', 'p-2', 'p-3']);
      expect(await runner.parkedEvents()).toBe(0);
      expect(await ledger.count({ consumer: runner.consumerName })).toBe(0);
      process.stderr.write(`[dead letters] parked ${letter!.eventId} (${letter!.reason}); replay applied it in generation 2\n`);
    } finally {
      await runner.stop();
      await t.drop();
    }
  }, 120_000);
});
