import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InternalContextSigner } from '@mms/auth';
import { composeSupergraph } from '@mms/contracts/compose';
import { ECHO_SDL } from './__tests__/echo-subgraph';
import { Harness, post, startHarness } from './__tests__/harness';
import type { RunningGateway } from './start-gateway';

const WHOAMI = '{ whoami { requestId correlationId subject role municipalityId } }';

describe('gateway over a real subgraph', () => {
  let h: Harness;
  let gw: RunningGateway;
  beforeAll(async () => {
    h = await startHarness();
    gw = await h.gateway();
  });
  afterAll(() => h.close());

  describe('auth and the internal context', () => {
    it('serves an anonymous request as the public, with request and correlation ids', async () => {
      const res = await post(gw.graphqlUrl, { query: WHOAMI }, { 'x-correlation-id': 'portal-42' });
      expect(res.status).toBe(200);
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('x-correlation-id')).toBe('portal-42');
      expect(res.body).toEqual({
        data: {
          whoami: {
            requestId,
            correlationId: 'portal-42',
            subject: null,
            role: null,
            municipalityId: null,
          },
        },
        extensions: { cost: { estimated: 1, actual: 1, limit: 1000 } },
      });
      const sent = h.subgraph.received.at(-1)!;
      expect(sent['x-request-id']).toBe(requestId);
      expect(sent['x-correlation-id']).toBe('portal-42');
    });

    it('replaces an unsafe correlation id with the request id', async () => {
      const res = await post(gw.graphqlUrl, { query: WHOAMI }, { 'x-correlation-id': 'bad id\twith spaces' });
      expect(res.headers.get('x-correlation-id')).toBe(res.headers.get('x-request-id'));
    });

    it('passes a teacher token to the subgraph as a verified user in the token tenant', async () => {
      const token = await h.token({
        subject: 't-1',
        role: 'teacher',
        municipality: 'krasnoyarsk',
        organization: 'school-1',
      });
      const res = await post(gw.graphqlUrl, { query: WHOAMI }, { authorization: `Bearer ${token}` });
      expect(res.body.data!['whoami']).toMatchObject({
        subject: 't-1',
        role: 'teacher',
        municipalityId: 'krasnoyarsk',
      });
      expect(h.subgraph.received.at(-1)!['authorization']).toBeUndefined(); // the user token stays at the gateway
    });

    it('never forwards a client-sent x-mms-context or tenant header', async () => {
      // A context signed with some other key, claiming the regional operator.
      const { privateKey } = generateKeyPairSync('ed25519');
      const forger = await InternalContextSigner.fromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      const forged = await forger.sign({
        requestId: 'r',
        correlationId: 'c',
        user: {
          subject: 'evil',
          role: 'regional_operator',
          municipalityId: null,
          organizationId: null,
          educatorId: null,
        },
      });
      const token = await h.token({
        subject: 't-2',
        role: 'teacher',
        municipality: 'achinsk',
      });
      const res = await post(
        gw.graphqlUrl,
        { query: WHOAMI },
        {
          authorization: `Bearer ${token}`,
          'x-mms-context': forged,
          'x-mms-tenant': 'krasnoyarsk',
          'x-municipality-id': 'krasnoyarsk',
        },
      );
      expect(res.body.data!['whoami']).toMatchObject({
        subject: 't-2',
        role: 'teacher',
        municipalityId: 'achinsk',
      });
      const sent = h.subgraph.received.at(-1)!;
      expect(sent['x-mms-context']).not.toBe(forged);
      expect(sent['x-mms-tenant']).toBeUndefined();
      expect(sent['x-municipality-id']).toBeUndefined();

      const anonymous = await post(gw.graphqlUrl, { query: WHOAMI }, { 'x-mms-context': forged });
      expect(anonymous.body.data!['whoami']).toMatchObject({
        subject: null,
        role: null,
      });
    });

    it('signs the internal context once per incoming request', async () => {
      const before = h.subgraph.received.length;
      await post(gw.graphqlUrl, {
        query: '{ a: whoami { requestId } b: whoami { subject } }',
      });
      const sent = h.subgraph.received.slice(before);
      expect(sent.length).toBeGreaterThanOrEqual(1);
      expect(new Set(sent.map((s) => s['x-mms-context'])).size).toBe(1);
    });

    it.each([
      ['a garbage token', 'Bearer not-a-jwt'],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
    ])('answers %s with 401 UNAUTHENTICATED', async (_, authorization) => {
      const res = await post(gw.graphqlUrl, { query: WHOAMI }, { authorization });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        errors: [
          {
            message: expect.any(String),
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
    });

    it('answers an expired token with 401 UNAUTHENTICATED', async () => {
      const token = await h.token({
        subject: 't-3',
        role: 'teacher',
        municipality: 'achinsk',
        expiresIn: '-1m',
      });
      const res = await post(gw.graphqlUrl, { query: WHOAMI }, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.body.errors![0]).toEqual({
        message: 'token expired',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });
  });

  describe('limits', () => {
    it('rejects a query deeper than the maximum with QUERY_TOO_DEEP', async () => {
      const ok = await post(gw.graphqlUrl, {
        query: '{ node { child { child { id } } } }',
      });
      expect(ok.body.errors).toBeUndefined();
      const res = await post(gw.graphqlUrl, {
        query: 'query Deep { node { ...F } } fragment F on Node { child { child { child { id } } } }',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          message: 'Query depth 5 exceeds the maximum of 4.',
          extensions: { code: 'QUERY_TOO_DEEP', max: 4 },
        }),
      ]);
    });

    it('rejects too many aliases with TOO_MANY_ALIASES', async () => {
      const res = await post(gw.graphqlUrl, {
        query: '{ a: whoami { r: requestId } b: whoami { s: subject } }',
      });
      expect(res.body.errors![0]!.extensions).toEqual({
        code: 'TOO_MANY_ALIASES',
        max: 3,
      });
    });

    it('rejects too many fields with QUERY_TOO_COMPLEX', async () => {
      const fields = 'requestId correlationId subject role municipalityId';
      const res = await post(gw.graphqlUrl, {
        query: `{ whoami { ${fields} } node { id } ...Q ...Q ...Q } fragment Q on Query { whoami { ${fields} } }`,
      });
      expect(res.body.errors![0]!.extensions).toEqual({
        code: 'QUERY_TOO_COMPLEX',
        max: 20,
      });
    });

    it('rejects a query text over the size limit with 413 QUERY_TOO_LARGE, before parsing', async () => {
      const res = await post(gw.graphqlUrl, {
        query: `{ whoami { requestId } } # ${'x'.repeat(3000)}`,
      });
      expect(res.status).toBe(413);
      expect(res.body.errors![0]!.extensions).toEqual({
        code: 'QUERY_TOO_LARGE',
      });
      const unparsable = await post(gw.graphqlUrl, {
        query: `{{{{ ${'x'.repeat(3000)}`,
      });
      expect(unparsable.body.errors![0]!.extensions).toEqual({
        code: 'QUERY_TOO_LARGE',
      });
    });

    it('rejects a body over the size limit with 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await post(gw.graphqlUrl, {
        query: WHOAMI,
        variables: { pad: 'x'.repeat(1024 * 1024) },
      });
      expect(res.status).toBe(413);
      expect(res.body.errors![0]!.extensions).toEqual({
        code: 'PAYLOAD_TOO_LARGE',
      });
    });

    it('rejects batched (array) bodies', async () => {
      const res = await post(gw.graphqlUrl, [{ query: WHOAMI }, { query: WHOAMI }]);
      expect(res.status).toBe(400);
      expect(res.body.errors![0]!.extensions).toEqual({
        code: 'BATCHING_NOT_SUPPORTED',
      });
    });

    it('answers a body that is not JSON with 400 BAD_REQUEST', async () => {
      const res = await post(gw.graphqlUrl, '{"query": ');
      expect(res.status).toBe(400);
      expect(res.body.errors![0]!.extensions).toEqual({ code: 'BAD_REQUEST' });
    });
  });

  describe('introspection and landing page', () => {
    it('refuses introspection and serves no landing page outside development', async () => {
      const res = await post(gw.graphqlUrl, {
        query: '{ __schema { queryType { name } } }',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors![0]!.message).toMatch(/introspection is not allowed/);
      expect(res.body.errors![0]!.extensions).toEqual({
        code: 'GRAPHQL_VALIDATION_FAILED',
      });

      const page = await fetch(gw.graphqlUrl, {
        headers: { accept: 'text/html' },
      });
      expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
      await page.text();
    });

    it('hides "did you mean" schema hints outside development', async () => {
      const res = await post(gw.graphqlUrl, {
        query: '{ whoamii { requestId } }',
      });
      expect(res.body.errors![0]!.message).not.toMatch(/Did you mean/);
    });

    it('allows introspection and the sandbox in development', async () => {
      const dev = await h.gateway({ development: true });
      const res = await post(dev.graphqlUrl, {
        query: '{ __schema { queryType { name } } }',
      });
      expect(res.body).toEqual({
        data: { __schema: { queryType: { name: 'Query' } } },
        extensions: { cost: { estimated: 0, actual: 0, limit: 1000 } },
      });
      const page = await fetch(dev.graphqlUrl, {
        headers: { accept: 'text/html' },
      });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<html');
      await dev.close();
    });
  });

  describe('errors', () => {
    it('masks an internal subgraph error, keeping a request id and no internals', async () => {
      const res = await post(gw.graphqlUrl, { query: '{ failInternally }' });
      expect(res.status).toBe(200);
      const requestId = res.headers.get('x-request-id');
      expect(res.body.errors).toEqual([
        {
          message: 'Internal error',
          path: ['failInternally'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
        },
      ]);
      expect(res.text).not.toMatch(/mongodb|secret|stacktrace|serviceName|127\.0\.0\.1/);
      // ...while the log has the original, for the operator.
      const logged = h.logs.find((l) => l['msg'] === 'masked an internal error' && l['requestId'] === requestId);
      expect(JSON.stringify(logged)).toContain('mongodb://admin:secret');
    });

    it('keeps message, code and problems of a client error', async () => {
      const res = await post(gw.graphqlUrl, { query: '{ rejectInput }' });
      expect(res.body.errors).toEqual([
        {
          message: 'The input is not valid.',
          path: ['rejectInput'],
          extensions: {
            code: 'BAD_USER_INPUT',
            problems: [{ path: ['title'], message: 'Title is required.' }],
          },
        },
      ]);
    });
  });

  describe('operations', () => {
    it('logs one line per request with ids, operation, caller and outcome, and never the token', async () => {
      const token = await h.token({
        subject: 'm-1',
        role: 'municipal_methodologist',
        municipality: 'achinsk',
      });
      const res = await post(gw.graphqlUrl, { query: `query Me ${WHOAMI}`, operationName: 'Me' }, { authorization: `Bearer ${token}` });
      const requestId = res.headers.get('x-request-id');
      const lines = h.logs.filter((l) => l['requestId'] === requestId && l['msg'] === 'graphql request');
      expect(lines).toEqual([
        expect.objectContaining({
          correlationId: requestId,
          operationName: 'Me',
          role: 'municipal_methodologist',
          tenant: 'achinsk',
          outcome: 'ok',
          durationMs: expect.any(Number),
        }),
      ]);
      expect(h.rawLogs.join('\n')).not.toContain(token.split('.')[2]);
    });

    it('answers /health/live', async () => {
      const res = await fetch(`${gw.url}/health/live`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });

    it('exposes default and request metrics', async () => {
      const res = await fetch(`${gw.url}/metrics`);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).toMatch(/gateway_requests_total\{outcome="ok"\} \d+/);
      expect(text).toMatch(/gateway_requests_total\{outcome="rejected"\} \d+/);
      expect(text).toMatch(/gateway_requests_total\{outcome="unauthenticated"\} \d+/);
      expect(text).toContain('gateway_request_duration_seconds_bucket');
    });

    it('answers 404 for unknown routes', async () => {
      const res = await fetch(`${gw.url}/nope`);
      expect(res.status).toBe(404);
      await res.text();
    });
  });

  describe('lifecycle', () => {
    it('calls a subgraph at its override URL instead of the supergraph one', async () => {
      const file = join(h.dir, 'elsewhere.graphql');
      writeFileSync(file, composeSupergraph([{ name: 'echo', url: 'http://127.0.0.1:9/graphql', sdl: ECHO_SDL }]));
      const other = await h.gateway({
        supergraphFile: file,
        subgraphUrls: { ECHO: h.subgraph.url },
      });
      expect(other.subgraphs.get('echo')).toBe(h.subgraph.url);
      const res = await post(other.graphqlUrl, { query: WHOAMI });
      expect(res.body.data!['whoami']).toMatchObject({ role: null });
      await other.close();
    });

    it('finishes in-flight requests on close, then refuses new connections', async () => {
      const other = await h.gateway();
      const inFlight = post(other.graphqlUrl, { query: '{ slow(ms: 300) }' });
      await new Promise((r) => setTimeout(r, 100));
      const ready = await fetch(`${other.url}/health/ready`); // keeps its own connection
      await ready.text();
      const closed = other.close();
      expect((await inFlight).body.data).toEqual({ slow: 'slept 300' });
      await closed;
      await expect(fetch(`${other.url}/health/live`)).rejects.toThrow();
    });
  });

  // Last: stops the subgraph.
  describe('readiness', () => {
    it('is ready while the subgraph is, and 503 naming it once it stops', async () => {
      const ready = await fetch(`${gw.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        subgraphs: { echo: 'ok' },
      });

      await h.subgraph.close();
      const down = await fetch(`${gw.url}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({
        status: 'unavailable',
        subgraphs: { echo: expect.stringMatching(/^down/) },
      });

      // A query now fails with a typed, retryable code, without telling the client where the subgraph lives.
      const res = await post(gw.graphqlUrl, { query: WHOAMI });
      expect(res.body.errors![0]).toMatchObject({
        message: expect.stringContaining('Retry shortly'),
        extensions: { code: 'SERVICE_UNAVAILABLE', requestId: res.headers.get('x-request-id') },
      });
      expect(res.text).not.toContain('127.0.0.1');
      const metrics = await (await fetch(`${gw.url}/metrics`)).text();
      expect(metrics).toMatch(/outcome="unavailable"/);
    });
  });
});
