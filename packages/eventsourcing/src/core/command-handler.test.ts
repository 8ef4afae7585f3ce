import { InMemoryEventStore } from '@mms/testing';
import { CommandHandler } from './command-handler';
import { Decider } from './decider';
import { CommandContext } from './envelope';
import { IdempotencyKeyReusedError } from './errors';

type Added = { type: 'Added'; data: { amount: number } };
/** A tally: every Add appends, so a second append would show in the total. */
const tally: Decider<number, { amount: number }, Added> = {
  streamType: 'tally',
  initialState: () => 0,
  evolve: (total, e) => total + e.data.amount,
  decide: (c) => [{ type: 'Added', data: { amount: c.amount } }],
};

const ctx = (request?: { key: string; fingerprint: string }): CommandContext => ({
  tenantId: 't',
  actor: { subject: 'u', role: 'r' },
  correlationId: 'c',
  ...(request ? { request } : {}),
});

describe('CommandHandler with a client request key (Idempotency-Key)', () => {
  it('appends a keyed command once: the retry gets the first answer and writes nothing', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    const first = await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    const retry = await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    expect(store.events).toHaveLength(1);
    expect(retry).toMatchObject({ state: 5, version: 1, replayed: true });
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(first.replayed).toBeUndefined();
  });

  it('another key, or no key, is another command', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k2', fingerprint: 'f' }));
    const plain = await handler.handle(tally, 'tally-1', { amount: 5 }, ctx());
    expect(plain.state).toBe(15);
    expect(store.events).toHaveLength(3);
  });

  it('the same key with another request is refused, and nothing is written', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    await expect(handler.handle(tally, 'tally-1', { amount: 7 }, ctx({ key: 'u|k1', fingerprint: 'g' }))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(store.events).toHaveLength(1);
  });

  it('retries racing the first request: one append, every other one answered from it', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store, { retries: 5 });
    const results = await Promise.all(Array.from({ length: 6 }, () => handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }))));
    expect(store.events).toHaveLength(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.state === 5)).toBe(true);
  });

  it('finds the key in any earlier commit of the stream, not only the last one', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store);
    await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    await handler.handle(tally, 'tally-1', { amount: 1 }, ctx());
    const retry = await handler.handle(tally, 'tally-1', { amount: 5 }, ctx({ key: 'u|k1', fingerprint: 'f' }));
    expect(retry).toMatchObject({ replayed: true, state: 6 });
    expect(retry.events.map((e) => e.streamVersion)).toEqual([1]);
    expect(store.events).toHaveLength(2);
  });
});
