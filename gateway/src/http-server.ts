import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ApolloServer, HeaderMap, HTTPGraphQLResponse } from '@apollo/server';
import { AuthenticationError, INTERNAL_CONTEXT_HEADER, UserClaims } from '@mms/auth';
import { Authenticator, requestIds } from './auth-context';
import type { GatewayLimits } from './config';
import { GatewayContext, newGatewayContext, requestScope } from './gateway-context';
import { checkGraphQLRequest, readBody, RequestRejected } from './limits';
import type { Logger } from 'pino';
import type { Metrics, Outcome } from './ops/metrics';
import type { ReadinessReport } from './ops/readiness';

export const GRAPHQL_PATH = '/graphql';

export interface HttpDeps {
  apollo: ApolloServer<GatewayContext>;
  authenticator: Authenticator;
  limits: GatewayLimits;
  metrics: Metrics;
  readiness: { check(): Promise<ReadinessReport> };
  logger: Logger;
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

const outcomeOf = (ctx: GatewayContext, status: number): Outcome => {
  if (ctx.errors.internal > 0 || status >= 500) return 'error';
  if (ctx.errors.rejected > 0) return 'rejected';
  if (ctx.errors.client > 0 || status >= 400) return 'client_error';
  return 'ok';
};

/** The node:http request listener: GraphQL on /graphql, health and metrics beside it. */
export const createRequestHandler = (deps: HttpDeps) => {
  const { logger } = deps;

  const graphql = async (req: IncomingMessage, res: ServerResponse, url: URL, ids: ReturnType<typeof requestIds>) => {
    const started = performance.now();
    let user: UserClaims | null = null;
    let outcome: Outcome = 'error';
    let operationName: string | null = null;
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
        if (!(err instanceof AuthenticationError)) throw err;
        outcome = 'unauthenticated';
        return sendJson(res, 401, graphqlError(err.message, 'UNAUTHENTICATED'), {
          'www-authenticate': 'Bearer error="invalid_token"',
        });
      }

      const ctx = newGatewayContext({ ...ids, user });
      const response = await requestScope.run(ctx, () =>
        deps.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: req.method!,
            headers: apolloHeaders(req),
            search: url.search,
            body,
          },
          context: async () => ctx,
        }),
      );
      operationName = ctx.operationName ?? operationName;
      outcome = outcomeOf(ctx, response.status ?? 200);
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
