import { randomUUID } from 'node:crypto';
import { Db, MongoClient } from 'mongodb';
import { KafkaBus } from '@mms/messaging/kafka';

const required = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest's global setup`);
  return v;
};

/** A fresh database per test file, dropped at the end. */
export const testDatabase = async (label: string): Promise<{ client: MongoClient; db: Db; name: string; drop(): Promise<void> }> => {
  const client = new MongoClient(required('MONGO_URL'), { serverSelectionTimeoutMS: 10000 });
  await client.connect();
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_')}_${randomUUID().slice(0, 8)}`;
  const db = client.db(name);
  return {
    client,
    db,
    name,
    drop: async () => {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
};

export const testBus = (clientId = 'test') => new KafkaBus({ clientId, brokers: required('KAFKA_BROKERS').split(',') });

/** Unique topic names keep test files independent on one broker. */
export const uniqueTopic = (label: string) => `t.${label}.${randomUUID().slice(0, 8)}`;

export const waitFor = async <T>(
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 30000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
};
