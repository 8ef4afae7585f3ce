import { FetchLike, GraphQLClient, GraphQLRequestError, GraphQLTransportError } from './graphql-client';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const client = (fetch: FetchLike, retries = 3) => {
  const sleeps: number[] = [];
  const c = new GraphQLClient({
    url: 'http://gw/graphql',
    fetch,
    retries,
    backoffMs: 100,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
  });
  return { c, sleeps };
};

describe('GraphQLClient', () => {
  it('posts JSON with the bearer token and the operation name, and returns data', async () => {
    let seen: RequestInit | null = null;
    const { c } = client(async (_u, init) => {
      seen = init;
      return json(200, { data: { ping: 'pong' } });
    });
    const r = await c.execute<{ ping: string }>('query Ping($x: Int) { ping }', { x: 1 }, { token: 'T' });
    expect(r.data).toEqual({ ping: 'pong' });
    expect(r.attempts).toBe(1);
    const headers = seen!.headers as Record<string, string>;
    expect(headers['authorization']).toBe('Bearer T');
    expect(headers['content-type']).toBe('application/json');
    expect(JSON.parse(String(seen!.body))).toEqual({ query: 'query Ping($x: Int) { ping }', variables: { x: 1 }, operationName: 'Ping' });
  });

  it('throws a typed error with the GraphQL errors and codes, without retrying', async () => {
    let calls = 0;
    const { c } = client(async () => {
      calls++;
      return json(200, {
        data: null,
        errors: [
          { message: 'nope', extensions: { code: 'EDUCATOR_EXISTS' } },
          { message: 'bad', extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'x', message: 'y' }] } },
        ],
      });
    });
    const err = await c.request('mutation M { m }').catch((e) => e);
    expect(err).toBeInstanceOf(GraphQLRequestError);
    expect(err.codes).toEqual(['EDUCATOR_EXISTS', 'BAD_USER_INPUT']);
    expect(err.hasCode('EDUCATOR_EXISTS')).toBe(true);
    expect(err.operationName).toBe('M');
    expect(err.errors[1].extensions.problems).toEqual([{ field: 'x', message: 'y' }]);
    expect(err.message).toContain('[EDUCATOR_EXISTS] nope');
    expect(calls).toBe(1);
  });

  it('keeps the GraphQL errors of a 4xx answer (e.g. 401 UNAUTHENTICATED)', async () => {
    const { c } = client(async () => json(401, { errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] }));
    const err = await c.request('query Q { q }').catch((e) => e);
    expect(err).toBeInstanceOf(GraphQLRequestError);
    expect(err.status).toBe(401);
    expect(err.codes).toEqual(['UNAUTHENTICATED']);
  });

  it('retries 502/503 and network errors with growing backoff, then succeeds', async () => {
    const answers: (() => Response)[] = [
      () => json(503, { errors: [{ message: 'down' }] }),
      () => {
        throw new TypeError('fetch failed');
      },
      () => json(502, {}),
      () => json(200, { data: { ok: true } }),
    ];
    const { c, sleeps } = client(async () => answers.shift()!());
    const r = await c.execute('query Q { ok }');
    expect(r.data).toEqual({ ok: true });
    expect(r.attempts).toBe(4);
    expect(sleeps).toEqual([75, 150, 300]);
  });

  it('honours Retry-After on 429', async () => {
    const answers = [() => json(429, {}, { 'retry-after': '2' }), () => json(200, { data: { ok: 1 } })];
    const { c, sleeps } = client(async () => answers.shift()!());
    await c.request('query Q { ok }');
    expect(sleeps).toEqual([2000]);
  });

  it('gives up after the retries with a transport error', async () => {
    let calls = 0;
    const { c } = client(async () => {
      calls++;
      throw new TypeError('ECONNREFUSED');
    }, 2);
    const err = await c.request('query Q { q }').catch((e) => e);
    expect(err).toBeInstanceOf(GraphQLTransportError);
    expect(err.attempts).toBe(3);
    expect(err.message).toContain('ECONNREFUSED');
    expect(calls).toBe(3);
  });

  it('reports a 503 that persists as the GraphQL error it carries, or a transport error for non-JSON', async () => {
    const { c } = client(async () => json(503, { errors: [{ message: 'subgraph down', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }), 1);
    const err = await c.request('query Q { q }').catch((e) => e);
    expect(err).toBeInstanceOf(GraphQLRequestError);
    expect(err.codes).toEqual(['SERVICE_UNAVAILABLE']);
    const { c: c2 } = client(async () => new Response('<html>bad gateway</html>', { status: 500 }), 1);
    const err2 = await c2.request('query Q { q }').catch((e) => e);
    expect(err2).toBeInstanceOf(GraphQLTransportError);
    expect(err2.status).toBe(500);
  });

  it('stops when the caller aborts', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    const { c } = client(async () => json(200, { data: {} }));
    await expect(c.request('query Q { q }', {}, { signal: ac.signal })).rejects.toThrow('stop');
  });
});
