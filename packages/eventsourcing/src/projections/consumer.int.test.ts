import { PoisonMessageError } from '@mms/messaging';
import { KafkaBus } from '@mms/messaging/kafka';
import { testBus, uniqueTopic, waitFor } from '@mms/testing/infra';

describe('consumer (real Kafka): dead letters and offsets', () => {
  const bus: KafkaBus = testBus('consumer-test');

  it('a batch handler gets consecutive messages in order; a failed batch falls back to one by one, poison parked', async () => {
    const topic = uniqueTopic('batch-src');
    const dlq = `${topic}.dlq`;
    const producer = bus.producer();
    const values = Array.from({ length: 30 }, (_, i) => (i === 17 ? 'poison' : `m${i}`));
    // one key: one partition, one order
    await producer.send(
      topic,
      values.map((value) => ({ key: 'k', value })),
    );
    const batches: string[][] = [];
    const single: string[] = [];
    const delivered: string[] = [];
    const consumer = bus.consumer({
      groupId: `${topic}.g`,
      topics: [topic],
      fromBeginning: true,
      maxBatch: 8,
      deadLetter: { maxAttempts: 2, topic: dlq, backoffMs: 20 },
      batchHandler: async (ms) => {
        if (ms.some((m) => m.value === 'poison')) throw new PoisonMessageError('a bad one inside');
        batches.push(ms.map((m) => m.value));
        delivered.push(...ms.map((m) => m.value));
      },
      handler: async (m) => {
        if (m.value === 'poison') throw new PoisonMessageError('payload is not an event');
        single.push(m.value);
        delivered.push(m.value);
      },
    });
    await consumer.start();
    try {
      await waitFor(async () => delivered.length === 29, { what: 'all good messages handled' });
      expect(batches.every((b) => b.length <= 8)).toBe(true);
      expect(batches.some((b) => b.length > 1)).toBe(true);
      // in order, each exactly once: the failed batch's good messages went one by one
      expect(delivered).toEqual(values.filter((v) => v !== 'poison'));
      expect(single.length).toBeGreaterThan(0);
      const admin = await bus.admin();
      await waitFor(async () => (await admin.groupOffsets(`${topic}.g`, topic)).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0) === 30, {
        what: 'offsets committed past all 30',
      });
      await admin.close();
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
  });

  it('one send above the broker’s 1 MB request limit arrives whole and in order (sent in chunks)', async () => {
    const topic = uniqueTopic('big-send');
    const producer = bus.producer();
    const filler = 'x'.repeat(6000);
    // ≈1.8 MB in one call: a relay draining a backlog sends this much at once
    const values = Array.from({ length: 300 }, (_, i) => `${i}:${filler}`);
    await producer.send(
      topic,
      values.map((value) => ({ key: 'k', value })),
    );
    const got: string[] = [];
    const consumer = bus.consumer({
      groupId: `${topic}.g`,
      topics: [topic],
      fromBeginning: true,
      handler: async (m) => void got.push(m.value),
    });
    await consumer.start();
    try {
      await waitFor(async () => got.length >= 300, { what: '300 messages' });
      expect(got.map((v) => Number(v.split(':')[0]))).toEqual(values.map((_, i) => i));
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
  });

  it('parks a message that keeps failing on the dead-letter topic with its reason, and goes on', async () => {
    const topic = uniqueTopic('dlq-src');
    const dlq = `${topic}.dlq`;
    const producer = bus.producer();
    await producer.send(topic, [
      { key: 'k', value: 'good-1' },
      { key: 'k', value: 'always-fails' },
      { key: 'k', value: 'not-json-poison' },
      { key: 'k', value: 'good-2' },
    ]);
    const handled: string[] = [];
    let failures = 0;
    const consumer = bus.consumer({
      groupId: `${topic}.g`,
      topics: [topic],
      fromBeginning: true,
      deadLetter: { maxAttempts: 3, topic: dlq, backoffMs: 20 },
      handler: async (m) => {
        if (m.value === 'always-fails') {
          failures++;
          throw new Error('read model write refused');
        }
        if (m.value === 'not-json-poison') throw new PoisonMessageError('payload is not an event');
        handled.push(m.value);
      },
    });
    const parked: { value: string; headers: Record<string, string> }[] = [];
    const dlqReader = bus.consumer({
      groupId: `${dlq}.reader`,
      topics: [dlq],
      fromBeginning: true,
      handler: async (m) => {
        parked.push({ value: m.value, headers: m.headers });
      },
    });
    await consumer.start();
    await dlqReader.start();
    try {
      await waitFor(async () => handled.length === 2 && parked.length === 2, { what: 'both good handled, both bad parked' });
      expect(handled).toEqual(['good-1', 'good-2']);
      expect(failures).toBe(3);
      expect(parked.map((p) => p.value)).toEqual(['always-fails', 'not-json-poison']);
      expect(parked[0]!.headers['dlq-reason']).toContain('read model write refused');
      expect(parked[0]!.headers['dlq-attempts']).toBe('3');
      expect(parked[1]!.headers['dlq-attempts']).toBe('1'); // poison: no retries
      // Committed within the grouping interval (500 ms), past all four, with no later message to carry it.
      const admin = await bus.admin();
      const committed = async () => (await admin.groupOffsets(`${topic}.g`, topic)).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
      await waitFor(async () => (await committed()) === 4, { what: 'offsets committed past all four', timeoutMs: 5000 });
      await admin.close();
    } finally {
      await consumer.stop();
      await dlqReader.stop();
      await producer.disconnect();
    }
  });

  it('waits out an outage of the infrastructure (isTransient) longer than the attempts: nothing parked, order kept', async () => {
    const topic = uniqueTopic('transient');
    const dlq = `${topic}.dlq`;
    const producer = bus.producer();
    await producer.send(topic, [
      { key: 'k', value: 'during-outage' },
      { key: 'k', value: 'after' },
    ]);
    class Outage extends Error {}
    let outageLeft = 7; // more failures than maxAttempts (3)
    const handled: string[] = [];
    const consumer = bus.consumer({
      groupId: `${topic}.g`,
      topics: [topic],
      fromBeginning: true,
      deadLetter: { maxAttempts: 3, topic: dlq, backoffMs: 10, isTransient: (err) => err instanceof Outage },
      handler: async (m) => {
        if (outageLeft > 0) {
          outageLeft--;
          throw new Outage('database unreachable');
        }
        handled.push(m.value);
      },
    });
    await consumer.start();
    try {
      await waitFor(async () => handled.length === 2, { what: 'both handled once the outage ends' });
      expect(handled).toEqual(['during-outage', 'after']);
      const admin = await bus.admin();
      // Nothing was ever written to the dead-letter topic (it may not even exist).
      const offsets = await admin.endOffsets(dlq).catch(() => []);
      await admin.close();
      expect(offsets.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0)).toBe(0);
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
  });

  it('commits offsets only after the handler finished: a crash mid-handler redelivers', async () => {
    const topic = uniqueTopic('redeliver');
    const producer = bus.producer();
    await producer.send(topic, [{ key: 'k', value: 'm1' }]);
    await producer.disconnect();
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    let entered = false;
    const first = bus.consumer({
      groupId: `${topic}.g`,
      topics: [topic],
      fromBeginning: true,
      handler: async () => {
        entered = true;
        await blocked; // the "read model write" never finishes in this consumer
        throw new Error('stopped');
      },
    });
    await first.start();
    await waitFor(async () => entered, { what: 'handler entered' });
    const stopping = first.stop();
    release();
    await stopping;
    const seen: string[] = [];
    const second = bus.consumer({
      groupId: `${topic}.g`,
      topics: [topic],
      fromBeginning: true,
      handler: async (m) => {
        seen.push(m.value);
      },
    });
    await second.start();
    try {
      await waitFor(async () => seen.length === 1, { what: 'redelivery' });
      expect(seen).toEqual(['m1']);
    } finally {
      await second.stop();
    }
  });
});
