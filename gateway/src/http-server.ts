import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ApolloServer, HeaderMap, HTTPGraphQLResponse } from '@apollo/server';
import { AFTER_HEADER, AuthenticationError, INTERNAL_CONTEXT_HEADER, POSITIONS_HEADER, UserClaims } from '@mms/auth';
import { Authenticator, requestIds } from './auth-context';
import { callerOf, GatewayLimits } from './config';
import { GatewayContext, newGatewayContext, OperationAborted, requestScope } from './gateway-context';
import { CALENDAR_PATH_PREFIX, createCalendarProxy } from './feeds/calendar-proxy';
import { UPLOAD_PATH_PREFIX } from './uploads/upload-proxy';
import { IdentityCheckUnavailable } from './identity/identity-check';
import { checkGraphQLRequest, RateLimiter, readBody, RequestRejected } from './limits';
import type { Logger } from 'pino';
import type { Metrics, Outcome } from './ops/metrics';
import type { ReadinessReport } from './ops/readiness';

export const GRAPHQL_PATH = '/graphql';

export interface HttpDeps {
  apollo: ApolloServer<GatewayContext>;
  authenticator: Authenticator;
  limits: GatewayLimits;
  rateLimiter: RateLimiter;
  /** File uploads for imports, streamed to the owning subgraph (uploads/upload-proxy.ts). */
  uploads?: (req: IncomingMessage, res: ServerResponse, ids: { requestId: string; correlationId: string }) => Promise<void>;
  metrics: Metrics;
  readiness: { check(): Promise<ReadinessReport> };
  logger: Logger;
  /** The communities subgraph's GraphQL URL: calendar feeds (GET /calendar/…) are passed on to it. */
  subgraphUrl?: (name: string) => string | undefined;
  /** The portal's built pages and assets (portal/static-files.ts), when they are there. */
  portal?: { serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean };
  /** The development sign-in (portal/dev-login.ts): only with NODE_ENV=development. */
  devLogin?: { handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> };
}

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
};

const graphqlError = (message: string, code: string) => ({
  errors: [{ message, extensions: { code } }],
});

/** Headers handed to Apollo: never the client's internal context, nor the token (no plugin needs it). */
const apolloHeaders = (req: IncomingMessage) => {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === INTERNAL_CONTEXT_HEADER || name === 'authorization') continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
};

const writeApolloResponse = async (res: ServerResponse, response: HTTPGraphQLResponse) => {
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
};

/** Whose bucket an anonymous request takes from: the peer address, or the one the trusted proxy saw. */
const clientAddress = (req: IncomingMessage, trustProxy: boolean) => {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').at(-1)?.trim();
  return last || req.socket.remoteAddress || 'unknown';
};

/** Settles with the operation, or with the reason its signal was aborted for, whichever comes first. */
const untilAborted = <T>(work: Promise<T>, signal: AbortSignal): Promise<{ done: T } | { aborted: OperationAborted }> =>
  new Promise((resolve, reject) => {
    const onAbort = () => resolve({ aborted: signal.reason as OperationAborted });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (done) => {
        signal.removeEventListener('abort', onAbort);
        resolve({ done });
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });

const outcomeOf = (ctx: GatewayContext, status: number): Outcome => {
  if (ctx.errors.internal > 0 || status >= 500) return 'error';
  if (ctx.errors.unavailable > 0) return 'unavailable';
  if (ctx.errors.rejected > 0) return 'rejected';
  if (ctx.errors.client > 0 || status >= 400) return 'client_error';
  return 'ok';
};

/** The node:http request listener: GraphQL on /graphql, health and metrics beside it. */
export const createRequestHandler = (deps: HttpDeps) => {
  const { logger } = deps;
  // Feeds are public: each client address takes from the anonymous bucket, as public GraphQL does.
  const anonymous = deps.limits.callers.anonymous;
  const calendar = deps.subgraphUrl
    ? createCalendarProxy({
        subgraphUrl: deps.subgraphUrl,
        rateLimit: (req) => deps.rateLimiter.take(`ip:${clientAddress(req, deps.limits.trustProxy)}`, anonymous.ratePerSecond, anonymous.burst),
      })
    : undefined;

  const graphql = async (req: IncomingMessage, res: ServerResponse, url: URL, ids: ReturnType<typeof requestIds>) => {
    const started = performance.now();
    let user: UserClaims | null = null;
    let outcome: Outcome = 'error';
    let operationName: string | null = null;
    let ctx: GatewayContext | undefined;
    try {
      if (req.method !== 'GET' && req.method !== 'POST') {
        outcome = 'client_error';
        return sendJson(res, 405, graphqlError('Use GET or POST.', 'METHOD_NOT_ALLOWED'), { allow: 'GET, POST' });
      }
      // Limits that must hold before any parsing: body size, batching, query text size.
      let body: unknown;
      try {
        if (req.method === 'POST') {
          const raw = (await readBody(req, deps.limits.maxBodyBytes)).toString('utf8');
          if (/json/i.test(req.headers['content-type'] ?? '')) {
            try {
              body = JSON.parse(raw);
            } catch {
              throw new RequestRejected(400, 'BAD_REQUEST', 'Request body is not valid JSON.');
            }
          } else body = raw; // Apollo answers with its own content-type error
        }
        checkGraphQLRequest(body, url.searchParams.get('query'), deps.limits.maxQueryBytes);
      } catch (err) {
        if (!(err instanceof RequestRejected)) throw err;
        outcome = 'rejected';
        return sendJson(res, err.status, graphqlError(err.message, err.code));
      }
      // Client-chosen until Apollo resolves the operation: bounded before it reaches a log line.
      const offeredName = (body as { operationName?: unknown } | undefined)?.operationName;
      operationName = (typeof offeredName === 'string' ? offeredName : url.searchParams.get('operationName'))?.slice(0, 100) ?? null;

      // The caller, and so the tenant, come from the verified token only.
      try {
        user = await deps.authenticator.authenticate(req.headers.authorization);
      } catch (err) {
        if (err instanceof IdentityCheckUnavailable) return sendJson(res, err.status, graphqlError(err.message, err.code), { 'retry-after': '1' });
        if (!(err instanceof AuthenticationError)) throw err;
        outcome = 'unauthenticated';
        return sendJson(res, 401, graphqlError(err.message, 'UNAUTHENTICATED'), {
          'www-authenticate': 'Bearer error="invalid_token"',
        });
      }

      // Per caller: the token's subject, or the client's address for the public.
      const request = { ...ids, user };
      const limits = deps.limits.callers[callerOf(user)];
      const wait = deps.rateLimiter.take(
        user ? `user:${user.subject}` : `ip:${clientAddress(req, deps.limits.trustProxy)}`,
        limits.ratePerSecond,
        limits.burst,
      );
      if (wait > 0) {
        outcome = 'rate_limited';
        const retryAfter = Math.max(1, Math.ceil(wait));
        return sendJson(
          res,
          429,
          {
            errors: [
              {
                message: `Too many requests: at most ${limits.ratePerSecond} per second (bursts of ${limits.burst}). Retry after ${retryAfter} s.`,
                extensions: { code: 'RATE_LIMITED', retryAfter },
              },
            ],
          },
          { 'retry-after': String(retryAfter) },
        );
      }

      // The deadline and the client going away cancel every subgraph fetch of the operation.
      const abort = new AbortController();
      const timer = limits.deadlineMs > 0 ? setTimeout(() => abort.abort(new OperationAborted('deadline')), limits.deadlineMs) : undefined;
      const onClose = () => {
        if (!res.writableEnded) abort.abort(new OperationAborted('client_closed'));
      };
      res.once('close', onClose);
      const readAfter = req.headers[AFTER_HEADER];
      ctx = newGatewayContext(request, {
        signal: abort.signal,
        ...(limits.deadlineMs > 0 ? { deadline: performance.now() + limits.deadlineMs } : {}),
        // Positions are opaque here; each subgraph reads its own and bounds the wait. Oversized: ignored.
        ...(typeof readAfter === 'string' && readAfter.length <= 16_384 ? { readAfter } : {}),
      });
      const scope = ctx;
      const execution = requestScope.run(scope, () =>
        deps.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: req.method!,
            headers: apolloHeaders(req),
            search: url.search,
            body,
          },
          context: async () => scope,
        }),
      );
      let settled;
      try {
        settled = await untilAborted(execution, abort.signal);
      } finally {
        clearTimeout(timer);
        res.off('close', onClose);
        ctx.operation.releaseTurn?.(); // a cancelled operation's fetches are aborted: its turn is free
      }
      operationName = ctx.operation.name ?? operationName;
      if ('aborted' in settled) {
        // Apollo finishes on its own once its fetches fail; nothing waits for it any more.
        execution.catch((err: unknown) => logger.debug({ err, requestId: ids.requestId }, 'aborted operation failed'));
        if (settled.aborted.why === 'client_closed') {
          outcome = 'cancelled';
          return;
        }
        outcome = 'deadline_exceeded';
        return sendJson(res, 504, {
          errors: [
            {
              message: `The operation did not finish within its deadline of ${limits.deadlineMs} ms; its work was cancelled.`,
              extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: limits.deadlineMs },
            },
          ],
        });
      }
      const response = settled.done;
      outcome = outcomeOf(ctx, response.status ?? 200);
      if (ctx.operation.positions?.length) res.setHeader(POSITIONS_HEADER, ctx.operation.positions.join(','));
      await writeApolloResponse(res, response);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      deps.metrics.observe(outcome, seconds);
      logger.info(
        {
          ...ids,
          operationName,
          role: user?.role ?? 'public',
          tenant: user?.municipalityId ?? null,
          durationMs: Math.round(seconds * 1e4) / 10,
          status: res.statusCode,
          outcome,
          ...(ctx?.operation.cost ? { cost: ctx.operation.cost.estimated } : {}),
          ...(ctx?.operation.waitedMs !== undefined ? { waitedForTurnMs: ctx.operation.waitedMs } : {}),
        },
        'graphql request',
      );
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const ids = requestIds(req.headers);
    res.setHeader('x-request-id', ids.requestId);
    res.setHeader('x-correlation-id', ids.correlationId);

    if (url.pathname === GRAPHQL_PATH) return graphql(req, res, url, ids);
    if (deps.uploads && url.pathname.startsWith(UPLOAD_PATH_PREFIX)) return deps.uploads(req, res, ids);
    if (calendar && url.pathname.startsWith(CALENDAR_PATH_PREFIX)) return calendar(req, res, url);
    if (req.method === 'GET' && url.pathname === '/health/live') return sendJson(res, 200, { status: 'ok' });
    if (req.method === 'GET' && url.pathname === '/health/ready') {
      const report = await deps.readiness.check();
      return sendJson(res, report.ready ? 200 : 503, {
        status: report.ready ? 'ready' : 'unavailable',
        ...report,
      });
    }
    if (req.method === 'GET' && url.pathname === '/metrics') {
      const text = await deps.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
      return res.end(text);
    }
    if (deps.devLogin && (await deps.devLogin.handle(req, res, url))) return;
    if (deps.portal?.serve(req, res, url.pathname)) return;
    sendJson(res, 404, graphqlError(`No route for ${req.method} ${url.pathname}`, 'NOT_FOUND'));
  };

  return (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err: unknown) => {
      logger.error({ err, requestId: res.getHeader('x-request-id') }, 'request failed');
      if (!res.headersSent) {
        sendJson(res, 500, {
          errors: [
            {
              message: 'Internal error',
              extensions: {
                code: 'INTERNAL_SERVER_ERROR',
                requestId: res.getHeader('x-request-id'),
              },
            },
          ],
        });
      } else res.destroy();
    });
  };
};
