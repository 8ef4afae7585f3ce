import { request as httpRequest, IncomingMessage, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { AuthenticationError, INTERNAL_CONTEXT_HEADER, InternalContextSigner, UserClaims } from '@mms/auth';
import type { Logger } from 'pino';
import { Authenticator, requestIds } from '../auth-context';

/** Uploads: POST /imports/<kind>, streamed to the subgraph that owns the kind. */
export const UPLOAD_PATH_PREFIX = '/imports/';

/** Which subgraph owns which kind of import (a later kind, e.g. olympiad scores, is one more line). */
export const UPLOAD_ROUTES: Readonly<Record<string, string>> = {
  diagnostics: 'professional-development',
  'olympiad-scores': 'contests',
};

/** The largest upload the gateway passes on (GATEWAY_MAX_UPLOAD_BYTES); the subgraph has its own (IMPORT_MAX_BYTES). */
export const DEFAULT_MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export const uploadMaxBytesFromEnv = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env['GATEWAY_MAX_UPLOAD_BYTES'];
  if (raw === undefined || raw === '') return DEFAULT_MAX_UPLOAD_BYTES;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`GATEWAY_MAX_UPLOAD_BYTES must be a positive integer (got "${raw}")`);
  return n;
};

/** Query parameters an upload may carry (anything else is dropped). */
const FORWARDED_PARAMS = ['importId', 'onInvalid', 'wait', 'stageId'];

export interface UploadProxyDeps {
  authenticator: Authenticator;
  signer: InternalContextSigner;
  /** A subgraph's GraphQL URL as the gateway calls it (after SUBGRAPH_<NAME>_URL overrides); the upload goes to /imports/<kind> beside it. */
  subgraphUrl: (name: string) => string | undefined;
  maxBytes: number;
  logger: Logger;
  routes?: Readonly<Record<string, string>>;
  /** Seconds the caller must wait (the GraphQL rate limiter's bucket), 0 to go on; none: no rate limit. */
  rateLimit?: (user: UserClaims) => number;
}

const sendJson = (res: ServerResponse, status: number, message: string, code: string, headers: Record<string, string> = {}) => {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
};

/** The subgraph's upload URL beside its GraphQL endpoint. */
export const uploadUrl = (graphqlUrl: string, kind: string, search: URLSearchParams): URL => {
  const url = new URL(graphqlUrl);
  url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/imports/${encodeURIComponent(kind)}`;
  url.search = '';
  for (const name of FORWARDED_PARAMS) {
    const v = search.get(name);
    if (v !== null) url.searchParams.set(name, v);
  }
  return url;
};

/**
 * The gateway's upload route: authenticates the bearer token as GraphQL requests are
 * authenticated, signs the internal context, and streams the body to the owning subgraph's
 * POST /imports/<kind> (backpressure end to end: the gateway holds a chunk at a time, never
 * the file), then streams the subgraph's answer back. Over `maxBytes` it stops at once with
 * 413; if the client goes away the subgraph's request is cut too (the import is then FAILED,
 * nothing of it applied). Only the headers set here reach the subgraph.
 *
 * Returns the request listener for paths under /imports/ (the caller routes them here).
 */
export const createUploadHandler = (deps: UploadProxyDeps) => {
  const routes = deps.routes ?? UPLOAD_ROUTES;

  return async (req: IncomingMessage, res: ServerResponse, ids: { requestId: string; correlationId: string } = requestIds(req.headers)): Promise<void> => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const kind = url.pathname.slice(UPLOAD_PATH_PREFIX.length);
    let user: UserClaims | null = null;
    let bytes = 0;
    let outcome = 'error';
    try {
      if (!url.pathname.startsWith(UPLOAD_PATH_PREFIX) || !routes[kind]) {
        outcome = 'not_found';
        return sendJson(res, 404, `No upload of kind "${kind}" (known: ${Object.keys(routes).join(', ')}).`, 'NOT_FOUND');
      }
      if (req.method !== 'POST') {
        outcome = 'client_error';
        return sendJson(res, 405, 'Send the file with POST.', 'METHOD_NOT_ALLOWED', { allow: 'POST' });
      }
      try {
        user = await deps.authenticator.authenticate(req.headers.authorization);
      } catch (err) {
        if (!(err instanceof AuthenticationError)) throw err;
        outcome = 'unauthenticated';
        return sendJson(res, 401, err.message, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer error="invalid_token"', connection: 'close' });
      }
      if (!user) {
        outcome = 'unauthenticated';
        return sendJson(res, 401, 'An upload needs a token: Authorization: Bearer <token>.', 'UNAUTHENTICATED', {
          'www-authenticate': 'Bearer',
          connection: 'close',
        });
      }
      const wait = deps.rateLimit?.(user) ?? 0;
      if (wait > 0) {
        outcome = 'rate_limited';
        const retryAfter = String(Math.max(1, Math.ceil(wait)));
        return sendJson(res, 429, `Too many requests. Retry after ${retryAfter} s.`, 'RATE_LIMITED', { 'retry-after': retryAfter, connection: 'close' });
      }
      const length = Number(req.headers['content-length']);
      if (Number.isFinite(length) && length > deps.maxBytes) {
        outcome = 'rejected';
        return sendJson(res, 413, `The file is larger than ${deps.maxBytes} bytes; split it.`, 'TOO_LARGE', { connection: 'close' });
      }
      const graphqlUrl = deps.subgraphUrl(routes[kind]!);
      if (!graphqlUrl) throw new Error(`no URL for subgraph ${routes[kind]}`);
      const target = uploadUrl(graphqlUrl, kind, url.searchParams);
      const token = await deps.signer.sign({ ...ids, user });
      outcome = await forward(req, res, target, token, ids, deps.maxBytes, (n) => (bytes = n));
    } finally {
      const seconds = (performance.now() - started) / 1000;
      deps.logger.info(
        {
          ...ids,
          kind,
          role: user?.role ?? 'public',
          tenant: user?.municipalityId ?? null,
          bytes,
          status: res.statusCode,
          outcome,
          durationMs: Math.round(seconds * 1e4) / 10,
        },
        'upload',
      );
    }
  };
};

/** Streams the request to the subgraph and its answer back; settles with the outcome once the client's response is done. */
const forward = (
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  token: string,
  ids: { requestId: string; correlationId: string },
  maxBytes: number,
  counted: (bytes: number) => void,
): Promise<string> =>
  new Promise((resolve) => {
    let outcome = 'ok';
    let bytes = 0;
    let answered = false;
    const length = req.headers['content-length'];
    const upstream = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      headers: {
        'content-type': req.headers['content-type'] ?? 'text/csv',
        ...(length ? { 'content-length': length } : {}),
        [INTERNAL_CONTEXT_HEADER]: token,
        'x-request-id': ids.requestId,
        'x-correlation-id': ids.correlationId,
      },
    });
    const stopSending = () => {
      req.unpipe(upstream);
      // The rest of the client's body is not wanted: its connection closes after the answer.
      res.setHeader('connection', 'close');
    };

    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      counted(bytes);
      if (bytes > maxBytes && !answered) {
        answered = true;
        outcome = 'rejected';
        stopSending();
        upstream.destroy(new Error('upload over the limit'));
        sendJson(res, 413, `The file is larger than ${maxBytes} bytes; split it.`, 'TOO_LARGE', { connection: 'close' });
      }
    });
    req.pipe(upstream);

    upstream.on('response', (answer) => {
      if (answered) return answer.resume();
      answered = true;
      // The subgraph answered before the whole body was sent (a refusal): stop sending it.
      if (!req.readableEnded) stopSending();
      const status = answer.statusCode ?? 502;
      if (status >= 500) outcome = 'error';
      else if (status >= 400) outcome = 'client_error';
      res.writeHead(status, {
        'content-type': answer.headers['content-type'] ?? 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...(res.getHeader('connection') ? { connection: 'close' } : {}),
      });
      answer.pipe(res);
    });
    upstream.on('error', (err) => {
      if (answered) return;
      answered = true;
      outcome = req.destroyed || res.destroyed ? 'cancelled' : 'error';
      stopSending();
      sendJson(res, 502, `The service that takes this upload did not answer (${err.message}).`, 'SUBGRAPH_UNAVAILABLE', { connection: 'close' });
    });
    // The client went away before its answer: the subgraph's request is cut too, so the import fails whole.
    res.on('close', () => {
      if (!res.writableFinished) {
        outcome = 'cancelled';
        upstream.destroy();
      }
      resolve(outcome);
    });
  });
