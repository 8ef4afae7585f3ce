import { resolve } from 'node:path';
import { DEFAULT_REGION_TIME_ZONE } from '@mms/contracts/dates';

export interface ServiceConfig {
  service: string;
  host: string;
  port: number;
  mongoUrl: string;
  mongoDb: string;
  /**
   * How long a database call waits for a reachable server before it fails
   * (MONGO_SERVER_SELECTION_TIMEOUT_MS, default 3 s): well inside a caller's deadline, so during a
   * database outage a request gets SERVICE_UNAVAILABLE at once instead of waiting out its deadline.
   */
  mongoServerSelectionTimeoutMs?: number;
  kafkaBrokers: string[];
  internalContextPublicKeyFile: string;
  logLevel: string;
  /** The region's time zone: "today" turns at its midnight (REGION_TIME_ZONE). */
  timeZone: string;
  /**
   * The largest request body the subgraph reads (SUBGRAPH_MAX_BODY_BYTES). Far above the
   * gateway's client limit: the gateway's own entity fetches for a region-wide list are
   * larger than any client request, and a value the gateway let through must reach the
   * subgraph's checks, which name the field and its limit.
   */
  maxBodyBytes: number;
  /**
   * Awaited resolvers (database reads) of one GraphQL operation running at once
   * (SUBGRAPH_MAX_RESOLVERS_IN_FLIGHT, default 4; 0 = no bound): one wide operation cannot take
   * every pooled connection while other requests queue behind it.
   */
  maxResolversInFlight?: number;
  /**
   * Days the service's clock runs ahead of the system's (CLOCK_OFFSET_DAYS): for tests and
   * demonstrations that must see "after the appeals deadline" today. Refused in production.
   */
  clockOffsetDays?: number;
  /**
   * The longest a query waits for the positions its client asked for (`x-mms-after`, the
   * client's own changes) to reach the read models (READ_AFTER_MAX_WAIT_MS, default 3000; 0 =
   * never wait). Past it the query answers with what the read models have.
   */
  readAfterMaxWaitMs?: number;
  /**
   * Events a projection applies together at most (PROJECTION_MAX_BATCH, default the bus's
   * 100): smaller batches hold less in memory and answer sooner, larger ones write less often.
   */
  projectionMaxBatch?: number;
  /**
   * Whether the event store writes page digests for a relay reading a backlog
   * (OUTBOX_PAGE_DIGESTS, default on; `off` on MongoDB, where a page of commits reads cheaply).
   */
  pageDigests?: boolean;
}

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const v = env[name];
  if (!v) throw new Error(`environment variable ${name} is required`);
  return v;
};

/** Every service reads the same variables; only defaults differ. */
export const loadServiceConfig = (service: string, defaults: { port: number }, env: NodeJS.ProcessEnv = process.env): ServiceConfig => ({
  service,
  host: env['HOST'] ?? '127.0.0.1',
  port: Number(env['PORT'] ?? defaults.port),
  mongoUrl: required(env, 'MONGO_URL'),
  mongoServerSelectionTimeoutMs: Number(env['MONGO_SERVER_SELECTION_TIMEOUT_MS'] ?? 3000),
  mongoDb: env['MONGO_DB'] ?? `mms_${service.replace(/-/g, '_')}`,
  kafkaBrokers: required(env, 'KAFKA_BROKERS')
    .split(',')
    .map((s) => s.trim()),
  internalContextPublicKeyFile: env['INTERNAL_CONTEXT_PUBLIC_KEY_FILE'] ?? resolve(env['MMS_KEYS_DIR'] ?? '.local/keys', 'internal-context.public.pem'),
  logLevel: env['LOG_LEVEL'] ?? 'info',
  timeZone: env['REGION_TIME_ZONE'] ?? DEFAULT_REGION_TIME_ZONE,
  maxBodyBytes: Number(env['SUBGRAPH_MAX_BODY_BYTES'] ?? 32 * 1024 * 1024),
  maxResolversInFlight: Number(env['SUBGRAPH_MAX_RESOLVERS_IN_FLIGHT'] ?? 4),
  clockOffsetDays: clockOffset(env),
  readAfterMaxWaitMs: Number(env['READ_AFTER_MAX_WAIT_MS'] ?? 3000),
  ...(env['PROJECTION_MAX_BATCH'] ? { projectionMaxBatch: positiveInteger(env, 'PROJECTION_MAX_BATCH') } : {}),
  pageDigests: onOff(env, 'OUTBOX_PAGE_DIGESTS', true),
});

const onOff = (env: NodeJS.ProcessEnv, name: string, byDefault: boolean): boolean => {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '') return byDefault;
  if (raw === 'on' || raw === 'true' || raw === '1') return true;
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  throw new Error(`${name} must be on or off (got "${env[name]}")`);
};

const positiveInteger = (env: NodeJS.ProcessEnv, name: string): number => {
  const n = Number(env[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${env[name]}")`);
  return n;
};

const clockOffset = (env: NodeJS.ProcessEnv): number => {
  const raw = env['CLOCK_OFFSET_DAYS'];
  if (!raw) return 0;
  if (env['NODE_ENV'] === 'production') throw new Error('CLOCK_OFFSET_DAYS is for tests and demonstrations; it is refused in production');
  const days = Number(raw);
  if (!Number.isInteger(days)) throw new Error(`CLOCK_OFFSET_DAYS must be a whole number of days (got "${raw}")`);
  return days;
};
