import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { buildSchema, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { InternalContextVerifier, RequestContext } from '@mms/auth';
import pino from 'pino';
import { ServiceMetrics } from '../metrics/metrics';
import { resolversInFlightOf, SubgraphController, timeoutOf } from './subgraph.controller';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fake response: Nest's passthrough response as the controller uses it. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  writableEnded = false;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
}

const request: RequestContext = { requestId: 'r-1', correlationId: 'c-1', user: null };
const verifier = { verify: async () => request } as unknown as InternalContextVerifier;

/** Items with an awaited `next` (40 ms) and a synchronous `busy` (2 ms of CPU); every call recorded. */
const countingSchema = (calls: { field: string; at: number }[], active = { now: 0, max: 0 }): GraphQLSchema => {
  const schema = buildSchema(`
    type Query { items(n: Int!): [Item!]! }
    type Item { id: ID! next: Item busy: Int }
  `);
  (schema.getType('Query') as GraphQLObjectType).getFields()['items']!.resolve = (_: unknown, { n }: { n: number }) =>
    Array.from({ length: n }, (_x, i) => ({ id: String(i) }));
  const item = (schema.getType('Item') as GraphQLObjectType).getFields();
  item['next']!.resolve = async (parent: { id: string }) => {
    calls.push({ field: 'next', at: performance.now() });
    active.max = Math.max(active.max, ++active.now);
    await sleep(40);
    active.now--;
    return { id: `${parent.id}+` };
  };
  item['busy']!.resolve = () => {
    calls.push({ field: 'busy', at: performance.now() });
    const until = performance.now() + 2;
    while (performance.now() < until);
    return 1;
  };
  return schema;
};

const setup = (config?: { maxResolversInFlight?: number }) => {
  const calls: { field: string; at: number }[] = [];
  const active = { now: 0, max: 0 };
  const schema = countingSchema(calls, active);
  const controller = new SubgraphController(schema, verifier, pino({ level: 'silent' }), new ServiceMetrics('test'), config);
  const run = (query: string, opts: { timeoutMs?: string; res?: FakeResponse; inFlight?: string } = {}) =>
    controller.graphql({ query }, 'signed', opts.res ?? new FakeResponse(), opts.timeoutMs, opts.inFlight) as Promise<{
      data: unknown;
      errors?: { extensions?: { code?: string } }[];
    }>;
  return { calls, active, run };
};

// Five items, each a chain of four `next` hops of 40 ms: 20 awaited resolver calls, 160 ms.
const CHAIN = '{ items(n: 5) { id next { id next { id next { id next { id } } } } } }';

describe('SubgraphController: operations stop at their deadline or when the gateway hangs up', () => {
  it('resolves the whole tree when no deadline is given', async () => {
    const { calls, run } = setup();
    const result = await run(CHAIN);
    expect(result.errors).toBeUndefined();
    expect(calls.filter((c) => c.field === 'next')).toHaveLength(20);
  });

  it('stops at the deadline: one DEADLINE_EXCEEDED, and no resolver runs after it', async () => {
    const { calls, run } = setup();
    const result = await run(CHAIN, { timeoutMs: '60' });
    expect(result).toEqual({ data: null, errors: [{ message: expect.any(String), extensions: { code: 'DEADLINE_EXCEEDED' } }] });
    const atAnswer = calls.length;
    await sleep(250); // what was awaited when the deadline passed settles meanwhile: nothing below it may run
    expect(calls).toHaveLength(atAnswer);
    expect(atAnswer).toBeLessThanOrEqual(10); // two of the four levels at most
  });

  it('stops when the gateway closes the request: CANCELLED, no resolver runs after the close', async () => {
    const { calls, run } = setup();
    const res = new FakeResponse();
    const pending = run(CHAIN, { res });
    await sleep(50);
    res.emit('close');
    const atClose = calls.length;
    const result = await pending;
    expect(result.errors).toEqual([{ message: expect.any(String), extensions: { code: 'CANCELLED' } }]);
    await sleep(250);
    expect(calls).toHaveLength(atClose);
    expect(atClose).toBeLessThanOrEqual(10);
  });

  it('stops a synchronous stretch of resolvers too (a timer cannot fire inside one)', async () => {
    const { calls, run } = setup();
    // 200 items whose `busy` field burns 2 ms each without yielding: 400 ms in one stretch.
    const result = await run('{ items(n: 200) { busy } }', { timeoutMs: '20' });
    expect(result.errors?.[0]?.extensions?.code).toBe('DEADLINE_EXCEEDED');
    expect(calls.filter((c) => c.field === 'busy').length).toBeLessThan(30);
  });

  it('runs at most 4 awaited resolvers of one operation at once (the bulkhead), the rest in turn, with the same result', async () => {
    const { active, run } = setup();
    const result = await run('{ items(n: 20) { id next { id } } }');
    expect(result.errors).toBeUndefined();
    expect((result.data as { items: { next: { id: string } }[] }).items.map((i) => i.next.id)).toEqual(Array.from({ length: 20 }, (_, i) => `${i}+`));
    expect(active.max).toBe(4);
    const unbounded = setup({ maxResolversInFlight: 0 });
    await unbounded.run('{ items(n: 20) { id next { id } } }');
    expect(unbounded.active.max).toBe(20);
  });

  it('lowers the bulkhead to what the gateway asks for a costly operation, never raises it', async () => {
    const costly = setup();
    await costly.run('{ items(n: 6) { id next { id } } }', { inFlight: '1' });
    expect(costly.active.max).toBe(1);
    const greedy = setup();
    await greedy.run('{ items(n: 20) { id next { id } } }', { inFlight: '50' });
    expect(greedy.active.max).toBe(4);
    expect(resolversInFlightOf(4, 'x')).toBe(4);
    expect(resolversInFlightOf(0, '2')).toBe(2);
  });

  it('reads the timeout header as milliseconds, ignoring what is not a positive number and capping it', () => {
    expect(timeoutOf('250')).toBe(250);
    expect(timeoutOf(undefined)).toBeNull();
    expect(timeoutOf('')).toBeNull();
    expect(timeoutOf('-5')).toBeNull();
    expect(timeoutOf('soon')).toBeNull();
    expect(timeoutOf('99999999999')).toBe(5 * 60_000);
  });
});
