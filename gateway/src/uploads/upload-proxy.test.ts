import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pino from 'pino';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  ensureDevKeys,
  INTERNAL_CONTEXT_HEADER,
  InternalContextSigner,
  InternalContextVerifier,
  KeyFiles,
  mintUserToken,
  readPem,
  UserTokenVerifier,
} from '@mms/auth';
import { Authenticator } from '../auth-context';
import { createUploadHandler, uploadUrl } from './upload-proxy';

const listen = async (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> => {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

interface Seen {
  path: string;
  context: unknown;
  forgedHeaderSeen: boolean;
  authorization: string | undefined;
  bytes: number;
  sha256: string;
  /** The subgraph had bytes while the client was still sending: the gateway streams. */
  firstChunkAt: number;
  aborted: boolean;
}

/** A stand-in for a subgraph's POST /imports/<kind>: verifies the signed context as the real one does, reads the body as it comes. */
const fakeSubgraph = async (keys: KeyFiles) => {
  const verifier = await InternalContextVerifier.fromPem(readPem(keys.internalPublic));
  const seen: Seen[] = [];
  const { server, url } = await listen(async (req, res) => {
    let context: unknown;
    try {
      context = await verifier.verify(req.headers[INTERNAL_CONTEXT_HEADER] as string | undefined);
    } catch {
      res.writeHead(401).end();
      return;
    }
    const s: Seen = {
      path: req.url!,
      context,
      forgedHeaderSeen: req.headers['x-forged'] !== undefined,
      authorization: req.headers.authorization,
      bytes: 0,
      sha256: '',
      firstChunkAt: 0,
      aborted: false,
    };
    seen.push(s);
    if (req.url!.includes('refuse')) {
      res.writeHead(409, { 'content-type': 'application/json', connection: 'close' }).end('{"errors":[{"extensions":{"code":"IMPORT_ID_REUSED"}}]}');
      return;
    }
    const hash = createHash('sha256');
    req.on('data', (c: Buffer) => {
      if (!s.firstChunkAt) s.firstChunkAt = Date.now();
      s.bytes += c.length;
      hash.update(c);
    });
    req.on('aborted', () => (s.aborted = true));
    req.on('error', () => (s.aborted = true));
    req.on('end', () => {
      s.sha256 = hash.digest('hex');
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ import: { bytes: s.bytes } }));
    });
  });
  return { server, url, seen };
};

/** POSTs a body given as chunks, paced, and reads the answer. */
const post = (url: string, headers: Record<string, string>, chunks: AsyncIterable<Buffer> | Buffer[]) =>
  new Promise<{ status: number; body: any; sentDoneAt: number }>((resolve, reject) => {
    let sentDoneAt = 0;
    const req = request(url, { method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null, sentDoneAt });
      });
    });
    req.on('error', reject);
    Readable.from(chunks)
      .on('end', () => (sentDoneAt = Date.now()))
      .on('error', () => undefined)
      .pipe(req)
      .on('error', () => undefined);
  });

async function* paced(chunks: number, size: number, pauseMs: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < chunks; i++) {
    yield Buffer.alloc(size, 0x30 + (i % 10));
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}

describe('the gateway upload route (POST /imports/<kind>)', () => {
  let dir: string;
  let keys: KeyFiles;
  let subgraph: Awaited<ReturnType<typeof fakeSubgraph>>;
  let gateway: { server: Server; url: string };
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'upload-proxy-'));
    keys = ensureDevKeys(dir);
    subgraph = await fakeSubgraph(keys);
    const handle = createUploadHandler({
      authenticator: new Authenticator(await UserTokenVerifier.fromPem(readPem(keys.userPublic), DEFAULT_ISSUER, DEFAULT_AUDIENCE)),
      signer: await InternalContextSigner.fromPem(readPem(keys.internalPrivate)),
      subgraphUrl: (name) => (name === 'professional-development' ? `${subgraph.url}/graphql` : undefined),
      maxBytes: 1_000_000,
      logger: pino({ level: 'silent' }),
    });
    // As http-server.ts would mount it: paths under /imports/ go to the handler.
    gateway = await listen((req, res) => void handle(req, res));
    token = await mintUserToken(readPem(keys.userPrivate), { subject: 'm1', role: 'municipal_methodologist', municipality: 'mun-a' });
  });

  afterAll(async () => {
    await new Promise((r) => gateway.server.close(r));
    await new Promise((r) => subgraph.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams the body to the owning subgraph with a signed context built from the verified token (never the client’s headers)', async () => {
    const body = Buffer.from('educator_id;area;score;max_score;taken_on\n' + 'e1;DIGITAL;5;10;2026-01-01\n'.repeat(1000));
    const r = await post(
      `${gateway.url}/imports/diagnostics?importId=i-1&onInvalid=reject&wait=true&other=x`,
      { authorization: `Bearer ${token}`, 'content-type': 'text/csv', [INTERNAL_CONTEXT_HEADER]: 'forged', 'x-forged': '1' },
      [body],
    );
    expect(r).toMatchObject({ status: 202, body: { import: { bytes: body.length } } });
    const s = subgraph.seen.at(-1)!;
    expect(s.path).toBe('/imports/diagnostics?importId=i-1&onInvalid=reject&wait=true');
    expect(s.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(s.context).toMatchObject({ user: { subject: 'm1', role: 'municipal_methodologist', municipalityId: 'mun-a' } });
    expect([s.forgedHeaderSeen, s.authorization]).toEqual([false, undefined]);
  });

  it('does not hold the file: the subgraph has the first bytes while the client is still sending', async () => {
    const r = await post(`${gateway.url}/imports/diagnostics`, { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, paced(20, 16 * 1024, 20));
    expect(r.status).toBe(202);
    const s = subgraph.seen.at(-1)!;
    expect(s.bytes).toBe(20 * 16 * 1024);
    expect(s.firstChunkAt).toBeLessThan(r.sentDoneAt - 200);
  });

  it('refuses without a valid token, an unknown kind, another method; nothing reaches the subgraph', async () => {
    const before = subgraph.seen.length;
    const csv = [Buffer.from('a\n')];
    expect((await post(`${gateway.url}/imports/diagnostics`, { 'content-type': 'text/csv' }, csv)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(`${gateway.url}/imports/diagnostics`, { authorization: 'Bearer nope' }, csv)).status).toBe(401);
    expect((await post(`${gateway.url}/imports/olympiads`, { authorization: `Bearer ${token}` }, csv)).status).toBe(404);
    const get = await fetch(`${gateway.url}/imports/diagnostics`, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(405);
    expect(subgraph.seen.length).toBe(before);
  });

  it('stops a body over the limit with 413, and the subgraph sees its request cut (nothing of it is taken)', async () => {
    const declared = await post(
      `${gateway.url}/imports/diagnostics`,
      { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': '2000000' },
      [Buffer.from('x')],
    );
    expect(declared).toMatchObject({ status: 413, body: { errors: [{ extensions: { code: 'TOO_LARGE' } }] } });
    const r = await post(`${gateway.url}/imports/diagnostics`, { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, paced(80, 16 * 1024, 2));
    expect(r).toMatchObject({ status: 413, body: { errors: [{ extensions: { code: 'TOO_LARGE' } }] } });
    await new Promise((res) => setTimeout(res, 50));
    const s = subgraph.seen.at(-1)!;
    expect(s.aborted).toBe(true);
    expect(s.bytes).toBeLessThanOrEqual(1_000_000);
  });

  it('passes the subgraph’s refusal on, and a client that hangs up cuts the subgraph’s request', async () => {
    const refused = await post(`${gateway.url}/imports/diagnostics?importId=refuse`, { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, [
      Buffer.from('x\n'),
    ]);
    expect(refused).toMatchObject({ status: 409, body: { errors: [{ extensions: { code: 'IMPORT_ID_REUSED' } }] } });

    const req = request(`${gateway.url}/imports/diagnostics?importId=hangup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(64 * 1024, 0x31));
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const s = subgraph.seen.find((x) => x.path.includes('hangup'))!;
    expect(s.bytes).toBeGreaterThan(0);
    expect(s.aborted).toBe(true);
  });

  it('sends the upload beside the subgraph’s GraphQL endpoint, only the known parameters', () => {
    expect(uploadUrl('http://127.0.0.1:4102/graphql', 'diagnostics', new URLSearchParams('importId=a&x=1')).href).toBe(
      'http://127.0.0.1:4102/imports/diagnostics?importId=a',
    );
    expect(uploadUrl('https://pd.internal/pd/graphql/', 'diagnostics', new URLSearchParams()).href).toBe('https://pd.internal/pd/imports/diagnostics');
  });
});
