import type { IncomingMessage, ServerResponse } from 'node:http';

/** Calendar feeds: GET /calendar/<...>.ics, fetched by calendar clients without a token, answered by the communities subgraph. */
export const CALENDAR_PATH_PREFIX = '/calendar/';
const OWNER = 'communities';
/** A feed path: one or two safe segments, then `.ics`. Anything else never reaches the subgraph. */
const FEED_PATH = /^\/calendar\/(municipalities|educators)\/[A-Za-z0-9_-]{1,80}\.ics$/;
const TIMEOUT_MS = 10_000;

export interface CalendarProxyDeps {
  /** A subgraph's GraphQL URL as the gateway calls it; the feed is beside it. */
  subgraphUrl: (name: string) => string | undefined;
  /** Seconds the client must wait (the anonymous rate limit of its address), 0 to go on. */
  rateLimit: (req: IncomingMessage) => number;
}

const plain = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
};

/** Passes a feed request on (path and `key` only: no headers, no other parameters) and its answer back. */
export const createCalendarProxy = (deps: CalendarProxyDeps) => async (req: IncomingMessage, res: ServerResponse, url: URL) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
  if (!FEED_PATH.test(url.pathname)) return plain(res, 404, 'no such calendar');
  const wait = deps.rateLimit(req);
  if (wait > 0) return plain(res, 429, 'too many requests', { 'retry-after': String(Math.max(1, Math.ceil(wait))) });
  const graphqlUrl = deps.subgraphUrl(OWNER);
  if (!graphqlUrl) return plain(res, 503, 'calendars are unavailable');
  const target = new URL(graphqlUrl);
  target.pathname = `${target.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}${url.pathname}`;
  target.search = '';
  const key = url.searchParams.get('key');
  if (key !== null) target.searchParams.set('key', key);
  try {
    const answer = await fetch(target, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = await answer.text();
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'text/plain; charset=utf-8',
      'cache-control': answer.headers.get('cache-control') ?? 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    plain(res, 503, 'calendars are unavailable');
  }
};
