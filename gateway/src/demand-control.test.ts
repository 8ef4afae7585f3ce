import { join } from 'node:path';
import { Caller, CallerLimits, REPO_ROOT } from './config';
import { Harness, post, startHarness } from './__tests__/harness';
import type { RunningGateway } from './start-gateway';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (what: string, check: () => boolean, timeoutMs = 3000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
};

/** Issue 9 §3: operations priced before they run, a deadline that cancels subgraph work, rate limits per caller. */
describe('demand control, deadlines and rate limits', () => {
  let h: Harness;
  let gw: RunningGateway;
  /** A gateway over the harness's subgraph with some caller limits changed. */
  const gatewayWith = (caller: Caller, changes: Partial<CallerLimits>, more: Partial<Record<Caller, Partial<CallerLimits>>> = {}) => {
    const { limits } = h.defaults();
    const callers = { ...limits.callers, [caller]: { ...limits.callers[caller], ...changes } };
    for (const [c, m] of Object.entries(more) as [Caller, Partial<CallerLimits>][]) callers[c] = { ...callers[c], ...m };
    return h.gateway({ limits: { ...limits, callers } });
  };

  beforeAll(async () => {
    h = await startHarness();
    gw = await h.gateway();
  });
  afterAll(() => h.close());

  const as = async (role: string) => ({
    authorization: `Bearer ${await h.token({ subject: `${role}-1`, role, municipality: role === 'regional_operator' ? undefined : 'achinsk' })}`,
  });

  describe('cost', () => {
    it('refuses an operation over the caller’s budget before any subgraph is called, with the estimate and the limit', async () => {
      const before = h.subgraph.received.length;
      const res = await post(gw.graphqlUrl, { query: '{ items(first: 200) { children { children { id } } } }' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        errors: [
          {
            message: 'Query cost 510200 exceeds the maximum of 1000 for anonymous callers.',
            locations: [{ line: 1, column: 1 }],
            extensions: { code: 'QUERY_TOO_EXPENSIVE', max: 1000, estimated: 510200 },
          },
        ],
      });
      expect(h.subgraph.received.length).toBe(before);
    });

    it('prices by role: the public is refused what the regional operator may ask', async () => {
      const query = '{ items(first: 100) { id children { id } } }'; // 100 × (1 + 50) = 5,100
      const anonymous = await post(gw.graphqlUrl, { query });
      expect(anonymous.body.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_EXPENSIVE', max: 1000, estimated: 5100 });
      const methodologist = await post(gw.graphqlUrl, { query }, await as('municipal_methodologist'));
      expect(methodologist.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_EXPENSIVE', max: 5000 });
      const operator = await post(gw.graphqlUrl, { query }, await as('regional_operator'));
      expect(operator.body.errors).toBeUndefined();
      // The echo subgraph returns at most 3 items, none with children: the actual cost is 3.
      expect(operator.body.extensions).toEqual({ cost: { estimated: 5100, actual: 3, limit: 10000 } });
    });

    it('reports estimated and actual cost on every accepted response, sized by variables', async () => {
      const res = await post(gw.graphqlUrl, { query: 'query($n: Int) { items(first: $n) { id child { id } } node { id } }', variables: { n: 2 } });
      expect(res.body.data).toEqual({
        items: [
          { id: '0', child: null },
          { id: '1', child: null },
        ],
        node: { id: '1' },
      });
      expect(res.body.extensions).toEqual({ cost: { estimated: 2 * 2 + 1, actual: 3, limit: 1000 } });
    });

    describe('over the platform’s supergraph (no subgraph runs: a refused operation reaches none)', () => {
      let platform: RunningGateway;
      beforeAll(async () => {
        const url = h.subgraph.url;
        platform = await h.gateway({
          supergraphFile: join(REPO_ROOT, 'contracts', 'supergraph.graphql'),
          subgraphUrls: { DIRECTORY: url, PROFESSIONAL_DEVELOPMENT: url, MONITORING: url },
          limits: { ...h.defaults().limits, maxDepth: 10, maxAliases: 30, maxFields: 500, maxQueryBytes: 20 * 1024 },
        });
      });

      it('refuses the anonymous programme → cohorts → programme … nest (8 levels, within the depth limit) with QUERY_TOO_EXPENSIVE', async () => {
        const before = h.subgraph.received.length;
        const nest =
          '{ programmes { id title cohorts { id programme { id title cohorts { id programme { id title cohorts { id programme { id title } } } } } } } }';
        const res = await post(platform.graphqlUrl, { query: nest });
        expect(res.status).toBe(400);
        expect(res.body.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_EXPENSIVE', max: 1000, estimated: 2221000 });
        expect(h.subgraph.received.length).toBe(before);
      });

      it('refuses 30 aliases of regionalComparison with different asOf, even to the regional operator', async () => {
        const before = h.subgraph.received.length;
        const aliases = Array.from(
          { length: 30 },
          (_, i) => `r${i}: regionalComparison(asOf: "2026-05-${String(i + 1).padStart(2, '0')}") { region { coverage3y } municipalities { municipalityId } }`,
        );
        const res = await post(platform.graphqlUrl, { query: `{ ${aliases.join(' ')} }` }, await as('regional_operator'));
        expect(res.status).toBe(400);
        expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_EXPENSIVE', max: 10000 });
        expect(res.body.errors![0]!.extensions!['estimated']).toBeGreaterThan(10000);
        expect(h.subgraph.received.length).toBe(before);
      });
    });
  });

  describe('deadline', () => {
    it('answers DEADLINE_EXCEEDED at the deadline and cancels the subgraph fetch, telling the subgraph the time left', async () => {
      const quick = await gatewayWith('anonymous', { deadlineMs: 300 });
      const res = await post(quick.graphqlUrl, { query: '{ slow(ms: 3000) }' }, { 'x-correlation-id': 'deadline-1' });
      expect(res.status).toBe(504);
      expect(res.body).toEqual({
        errors: [
          {
            message: 'The operation did not finish within its deadline of 300 ms; its work was cancelled.',
            extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 300 },
          },
        ],
      });
      const sent = h.subgraph.received.find((r) => r['x-correlation-id'] === 'deadline-1')!;
      const left = Number(sent['x-mms-timeout-ms']);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(300);
      // The subgraph's request was closed by the gateway, long before its 3 s answer.
      await until('the subgraph request to be cancelled', () => h.subgraph.cancelled.some((r) => r['x-correlation-id'] === 'deadline-1'), 1000);
      const line = h.logs.find((l) => l['msg'] === 'graphql request' && l['correlationId'] === 'deadline-1');
      expect(line).toMatchObject({ outcome: 'deadline_exceeded', status: 504 });
    });

    it('cancels the subgraph fetch when the client hangs up', async () => {
      const client = new AbortController();
      const pending = fetch(gw.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-correlation-id': 'hangup-1' },
        body: JSON.stringify({ query: '{ slow(ms: 3000) }' }),
        signal: client.signal,
      }).catch((err: unknown) => err);
      await until('the subgraph to get the request', () => h.subgraph.received.some((r) => r['x-correlation-id'] === 'hangup-1'));
      client.abort();
      await pending;
      await until('the subgraph request to be cancelled', () => h.subgraph.cancelled.some((r) => r['x-correlation-id'] === 'hangup-1'), 1000);
      await until('the log line', () => h.logs.some((l) => l['msg'] === 'graphql request' && l['correlationId'] === 'hangup-1'));
      expect(h.logs.find((l) => l['msg'] === 'graphql request' && l['correlationId'] === 'hangup-1')).toMatchObject({ outcome: 'cancelled' });
      expect(h.logs.filter((l) => l['msg'] === 'masked an internal error' && l['correlationId'] === 'hangup-1')).toEqual([]);
    });
  });

  describe('the costly lane', () => {
    // Estimated 5,100 (costly from 2,000 on): the regional operator's budget allows it.
    const costly = (ms: number) => `{ slow(ms: ${ms}) items(first: 100) { id children { id } } }`;

    it('sends a costly operation with x-mms-resolvers-in-flight: 1, an ordinary one without', async () => {
      const operator = await as('regional_operator');
      await post(gw.graphqlUrl, { query: costly(1) }, { ...operator, 'x-correlation-id': 'costly-1' });
      await post(gw.graphqlUrl, { query: '{ items(first: 2) { id } }' }, { ...operator, 'x-correlation-id': 'ordinary-1' });
      expect(h.subgraph.received.find((r) => r['x-correlation-id'] === 'costly-1')!['x-mms-resolvers-in-flight']).toBe('1');
      expect(h.subgraph.received.find((r) => r['x-correlation-id'] === 'ordinary-1')!['x-mms-resolvers-in-flight']).toBeUndefined();
    });

    it('runs one costly operation at a time: the next waits for its turn, small ones do not', async () => {
      const lane = await gatewayWith('regional_operator', {});
      const operator = await as('regional_operator');
      const first = post(lane.graphqlUrl, { query: costly(400) }, { ...operator, 'x-correlation-id': 'lane-1' });
      await until('the first costly operation to reach the subgraph', () => h.subgraph.received.some((r) => r['x-correlation-id'] === 'lane-1'));
      const second = post(lane.graphqlUrl, { query: costly(10) }, { ...operator, 'x-correlation-id': 'lane-2' });
      const small = await post(lane.graphqlUrl, { query: '{ node { id } }' }, { ...operator, 'x-correlation-id': 'lane-small' });
      expect(small.body.data).toEqual({ node: { id: '1' } });
      // The small one was answered while the second costly one still waited for its turn.
      expect(h.subgraph.received.some((r) => r['x-correlation-id'] === 'lane-2')).toBe(false);
      expect((await first).body.data?.['slow']).toBe('slept 400');
      expect((await second).body.data?.['slow']).toBe('slept 10');
      await until('the log lines', () => h.logs.filter((l) => l['msg'] === 'graphql request' && String(l['correlationId']).startsWith('lane-')).length === 3);
      const waited = (id: string) => h.logs.find((l) => l['msg'] === 'graphql request' && l['correlationId'] === id)!['waitedForTurnMs'];
      expect(waited('lane-1')).toBe(0);
      expect(waited('lane-2')).toBeGreaterThan(100);
      expect(waited('lane-small')).toBeUndefined();
    });

    it('answers DEADLINE_EXCEEDED to a costly operation that does not get its turn in time; it never reaches a subgraph', async () => {
      const lane = await gatewayWith('municipal_methodologist', { deadlineMs: 300 });
      const first = post(lane.graphqlUrl, { query: costly(800) }, { ...(await as('regional_operator')), 'x-correlation-id': 'turn-1' });
      await until('the first costly operation to reach the subgraph', () => h.subgraph.received.some((r) => r['x-correlation-id'] === 'turn-1'));
      // Estimated 4,590: costly, and within the methodologist's 5,000.
      const late = await post(
        lane.graphqlUrl,
        { query: '{ slow(ms: 1) items(first: 90) { id children { id } } }' },
        { ...(await as('municipal_methodologist')), 'x-correlation-id': 'turn-2' },
      );
      expect(late.status).toBe(504);
      expect(late.body.errors![0]!.extensions).toEqual({ code: 'DEADLINE_EXCEEDED', deadlineMs: 300 });
      expect((await first).body.data?.['slow']).toBe('slept 800');
      expect(h.subgraph.received.some((r) => r['x-correlation-id'] === 'turn-2')).toBe(false);
    });
  });

  describe('rate limits', () => {
    it('answers 429 RATE_LIMITED with Retry-After once a caller’s bucket is empty; other callers keep their own', async () => {
      const limited = await gatewayWith('anonymous', { ratePerSecond: 1, burst: 2 }, { teacher: { ratePerSecond: 1, burst: 2 } });
      const query = { query: '{ node { id } }' };
      expect((await post(limited.graphqlUrl, query)).status).toBe(200);
      expect((await post(limited.graphqlUrl, query)).status).toBe(200);
      const refused = await post(limited.graphqlUrl, query);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body).toEqual({
        errors: [
          {
            message: 'Too many requests: at most 1 per second (bursts of 2). Retry after 1 s.',
            extensions: { code: 'RATE_LIMITED', retryAfter: 1 },
          },
        ],
      });
      // A teacher has a bucket of their own, and so has another teacher.
      const teacher = await as('teacher');
      expect((await post(limited.graphqlUrl, query, teacher)).status).toBe(200);
      expect((await post(limited.graphqlUrl, query, teacher)).status).toBe(200);
      expect((await post(limited.graphqlUrl, query, teacher)).status).toBe(429);
      const other = { authorization: `Bearer ${await h.token({ subject: 'teacher-2', role: 'teacher', municipality: 'achinsk' })}` };
      expect((await post(limited.graphqlUrl, query, other)).status).toBe(200);
      // The bucket refills: one request a second.
      await sleep(1100);
      expect((await post(limited.graphqlUrl, query)).status).toBe(200);
    });
  });
});
