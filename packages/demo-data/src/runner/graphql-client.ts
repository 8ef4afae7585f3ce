/**
 * A tiny fetch-based GraphQL client for the platform's gateway: one operation per
 * request (the gateway refuses batches), bearer token, JSON. Network errors and
 * 429/502/503/504 are retried with exponential backoff and jitter; GraphQL errors are
 * thrown as a typed `GraphQLRequestError` carrying the errors and their codes.
 *
 * Retrying a mutation after a network error is at-least-once: if the first request did
 * reach the service, a registration may be recorded twice. The seeders reconcile by
 * natural key on the next run; set `retries: 0` where that matters more than resilience.
 */

export interface GraphQLErrorItem {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; problems?: { field: string; message: string }[]; [k: string]: unknown };
}

/** The server answered, with GraphQL errors (or a non-2xx status with a GraphQL body). */
export class GraphQLRequestError extends Error {
  readonly codes: string[];
  constructor(
    readonly operationName: string | null,
    readonly status: number,
    readonly errors: GraphQLErrorItem[],
    readonly data: unknown = null,
    readonly attempts = 1,
  ) {
    super(
      `${operationName ?? 'GraphQL request'} failed (HTTP ${status}): ${errors
        .map((e) => `${e.extensions?.code ? `[${e.extensions.code}] ` : ''}${e.message}`)
        .join('; ')}`,
    );
    this.name = 'GraphQLRequestError';
    this.codes = errors.map((e) => e.extensions?.code).filter((c): c is string => typeof c === 'string');
  }

  hasCode(code: string): boolean {
    return this.codes.includes(code);
  }
}

/** No usable GraphQL answer: network failure, timeout, or an HTTP error without a GraphQL body — after all retries. */
export class GraphQLTransportError extends Error {
  constructor(
    readonly operationName: string | null,
    message: string,
    readonly status: number | null,
    readonly attempts: number,
    override readonly cause?: unknown,
  ) {
    super(`${operationName ?? 'GraphQL request'} failed after ${attempts} attempt(s): ${message}`);
    this.name = 'GraphQLTransportError';
  }
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface GraphQLClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  url: string;
  /** Retries after the first attempt (network errors, 429, 502, 503, 504); default 4. */
  retries?: number;
  /** First backoff; doubles each retry (full jitter); default 200 ms. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source (0..1); default Math.random. */
  random?: () => number;
}

export interface RequestOptions {
  /** Bearer token; none for public queries. */
  token?: string | null;
  operationName?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface GraphQLResponseInfo<T> {
  data: T;
  status: number;
  attempts: number;
  /** Wall time of the whole call including retries (ms). */
  durationMs: number;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const retryAfterMs = (res: Response): number | null => {
  const h = res.headers.get('retry-after');
  if (!h) return null;
  const s = Number(h);
  if (Number.isFinite(s)) return s * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
};

const operationNameOf = (query: string): string | null => /^\s*(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1] ?? null;

export class GraphQLClient {
  readonly url: string;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: FetchLike;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: GraphQLClientOptions) {
    this.url = options.url;
    this.retries = options.retries ?? 4;
    this.backoffMs = options.backoffMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? ((url, init) => fetch(url, init));
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  /** Runs one operation and returns its data; throws GraphQLRequestError / GraphQLTransportError. */
  async request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, opts: RequestOptions = {}): Promise<T> {
    return (await this.execute<T>(query, variables, opts)).data;
  }

  /** Like `request`, with the HTTP status, attempts and duration. */
  async execute<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, opts: RequestOptions = {}): Promise<GraphQLResponseInfo<T>> {
    const operationName = opts.operationName ?? operationNameOf(query);
    const body = JSON.stringify({ query, variables: variables ?? {}, ...(operationName ? { operationName } : {}) });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      ...this.options.headers,
      ...opts.headers,
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    };
    const started = performance.now();
    let lastError: unknown = null;
    let lastStatus: number | null = null;
    for (let attempt = 1; ; attempt++) {
      opts.signal?.throwIfAborted();
      let res: Response;
      let wait: number | null = null;
      try {
        const timeout = AbortSignal.timeout(this.timeoutMs);
        const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
        res = await this.fetchImpl(this.url, { method: 'POST', headers, body, signal });
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        lastError = err;
        lastStatus = null;
        if (attempt > this.retries) break;
        await this.sleep(this.backoff(attempt));
        continue;
      }
      lastStatus = res.status;
      if (RETRY_STATUSES.has(res.status) && attempt <= this.retries) {
        wait = retryAfterMs(res);
        await res.body?.cancel().catch(() => undefined);
        lastError = new Error(`HTTP ${res.status}`);
        await this.sleep(Math.min(this.maxBackoffMs, wait ?? this.backoff(attempt)));
        continue;
      }
      const text = await res.text();
      let json: { data?: T | null; errors?: GraphQLErrorItem[] } | null = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      if (json && Array.isArray(json.errors) && json.errors.length > 0) {
        throw new GraphQLRequestError(operationName, res.status, json.errors, json.data ?? null, attempt);
      }
      if (!res.ok || !json || json.data === undefined || json.data === null) {
        throw new GraphQLTransportError(operationName, `HTTP ${res.status}${json ? ' without data' : `: ${text.slice(0, 200)}`}`, res.status, attempt);
      }
      return { data: json.data, status: res.status, attempts: attempt, durationMs: performance.now() - started };
    }
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    throw new GraphQLTransportError(operationName, reason, lastStatus, this.retries + 1, lastError);
  }

  /**
   * POSTs a file to one of the gateway's upload routes beside the GraphQL endpoint
   * (`/imports/<kind>?…`), retried as requests are (network errors, 429, 502, 503, 504: safe
   * under a stable `importId`, which a repeated file only re-reads). Answers the HTTP status and
   * the JSON body (`{ import, rerun }`, or `{ errors }`).
   */
  async upload(
    kind: string,
    params: Record<string, string>,
    body: string,
    opts: { token: string; contentType?: string; signal?: AbortSignal; timeoutMs?: number },
  ): Promise<{ status: number; body: any; attempts: number }> {
    const url = new URL(this.url);
    url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/imports/${encodeURIComponent(kind)}`;
    url.search = new URLSearchParams(params).toString();
    const headers = { 'content-type': opts.contentType ?? 'text/csv; charset=utf-8', accept: 'application/json', authorization: `Bearer ${opts.token}` };
    let lastError: unknown = null;
    for (let attempt = 1; ; attempt++) {
      opts.signal?.throwIfAborted();
      try {
        const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.timeoutMs);
        const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
        const res = await this.fetchImpl(url.toString(), { method: 'POST', headers, body, signal });
        if (RETRY_STATUSES.has(res.status) && attempt <= this.retries) {
          const wait = retryAfterMs(res);
          await res.body?.cancel().catch(() => undefined);
          lastError = new Error(`HTTP ${res.status}`);
          await this.sleep(Math.min(this.maxBackoffMs, wait ?? this.backoff(attempt)));
          continue;
        }
        const text = await res.text();
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = { errors: [{ message: text.slice(0, 200) }] };
        }
        return { status: res.status, body: json, attempts: attempt };
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        lastError = err;
        if (attempt > this.retries) break;
        await this.sleep(this.backoff(attempt));
      }
    }
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    throw new GraphQLTransportError(`upload ${kind}`, reason, null, this.retries + 1, lastError);
  }

  private backoff(attempt: number): number {
    const cap = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (attempt - 1));
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }
}
