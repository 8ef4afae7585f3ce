import { resolve } from 'node:path';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, keyFiles, UserClaims } from '@mms/auth';

/** Who is calling, for the limits that depend on it: a role of the verified token, or the public. */
export const CALLERS = ['anonymous', 'teacher', 'expert', 'juror', 'school_coordinator', 'municipal_methodologist', 'regional_operator'] as const;
export type Caller = (typeof CALLERS)[number];

export const callerOf = (user: UserClaims | null): Caller => (user && (CALLERS as readonly string[]).includes(user.role) ? user.role : 'anonymous');

/** Limits that differ by caller (env: GATEWAY_<LIMIT>_<CALLER>, e.g. GATEWAY_MAX_COST_ANONYMOUS). */
export interface CallerLimits {
  /** Highest estimated cost of one operation (see limits/cost.ts); 0 = no cost limit. */
  maxCost: number;
  /** Requests per second a caller may sustain (token bucket refill, per gateway instance); 0 = no rate limit. */
  ratePerSecond: number;
  /** Requests a caller may send at once after a quiet spell (the bucket's size). */
  burst: number;
  /** How long one operation may run before its subgraph work is cancelled; 0 = no deadline. */
  deadlineMs: number;
}

export interface GatewayLimits {
  /** Deepest field nesting of one operation (fragments expanded). */
  maxDepth: number;
  /** Aliased fields per operation: aliases multiply work on the same field. */
  maxAliases: number;
  /** Total fields per operation (fragments expanded): a simple complexity cap. */
  maxFields: number;
  /** Query text size, checked before parsing. */
  maxQueryBytes: number;
  /** Whole request body (query + variables), checked while reading it. */
  maxBodyBytes: number;
  /** Cost, rate and deadline by caller: the public strictest, the regional operator widest. */
  callers: Record<Caller, CallerLimits>;
  /** An operation estimated at this cost or more is costly: it runs in the costly lane. */
  heavyCost: number;
  /**
   * Costly operations running at once in this gateway instance (0 = no lane); the others wait
   * their turn, within their own deadline, so a few costly operations cannot take all the
   * subgraphs' and the database's capacity from the small ones.
   */
  heavyInFlight: number;
  /** Awaited resolvers a subgraph may run at once for a costly operation (sent as x-mms-resolvers-in-flight; 0 = the subgraph's own bound). */
  heavyResolversInFlight: number;
  /**
   * Behind one reverse proxy (GATEWAY_TRUST_PROXY=1): an anonymous caller is the last address of
   * X-Forwarded-For (the one the proxy saw); otherwise the socket's peer address.
   */
  trustProxy: boolean;
}

export interface GatewayConfig {
  host: string;
  /** 0 = an ephemeral port (tests). */
  port: number;
  supergraphFile: string;
  userPublicKeyFile: string;
  issuer: string;
  audience: string;
  internalContextPrivateKeyFile: string;
  /** NODE_ENV=development: introspection, the sandbox landing page and the portal's development sign-in. */
  development: boolean;
  /** The portal's built assets, served at / (PORTAL_DIR, default portal/dist; empty: none). */
  portalDir: string | null;
  /** The stand-in identity provider's private key, for the development sign-in (MMS_KEYS_DIR's). */
  userPrivateKeyFile: string;
  limits: GatewayLimits;
  /** Subgraph URL overrides by subgraph name (else the URL in the supergraph). */
  subgraphUrls: Record<string, string>;
  readiness: { cacheMs: number; timeoutMs: number };
  /** How long shutdown waits for in-flight requests before cutting connections. */
  shutdownGraceMs: number;
  logLevel: string;
}

/** gateway/src or gateway/dist → the repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * Defaults by caller. Costs: a page of 50 organisations with their municipality is ≈ 100, the
 * full `regionalComparison` ≈ 2,430 (a costly operation, see heavyCost). Rates are per caller (token subject, or client address for the
 * public) and per gateway instance; the demo-data seeder (16 in flight, one methodologist per
 * municipality) and the benchmarks' pollers stay below them.
 */
export const DEFAULT_CALLER_LIMITS: Record<Caller, CallerLimits> = {
  anonymous: { maxCost: 1_000, ratePerSecond: 20, burst: 60, deadlineMs: 5_000 },
  teacher: { maxCost: 2_000, ratePerSecond: 20, burst: 60, deadlineMs: 10_000 },
  expert: { maxCost: 2_000, ratePerSecond: 20, burst: 60, deadlineMs: 10_000 },
  // A juror enters a score per task and work: many small mutations in a row after an olympiad day.
  juror: { maxCost: 2_000, ratePerSecond: 50, burst: 100, deadlineMs: 10_000 },
  school_coordinator: { maxCost: 3_000, ratePerSecond: 50, burst: 100, deadlineMs: 10_000 },
  municipal_methodologist: { maxCost: 5_000, ratePerSecond: 100, burst: 200, deadlineMs: 10_000 },
  regional_operator: { maxCost: 10_000, ratePerSecond: 200, burst: 400, deadlineMs: 15_000 },
};

export const DEFAULT_LIMITS: GatewayLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxFields: 500,
  maxQueryBytes: 20 * 1024,
  maxBodyBytes: 1024 * 1024,
  callers: DEFAULT_CALLER_LIMITS,
  heavyCost: 2_000,
  heavyInFlight: 1,
  heavyResolversInFlight: 1,
  trustProxy: false,
};

/** `school_coordinator` → `SCHOOL_COORDINATOR` (as in GATEWAY_MAX_COST_SCHOOL_COORDINATOR). */
export const callerEnvName = (caller: Caller) => caller.toUpperCase();

/** `professional-development` → `PROFESSIONAL_DEVELOPMENT` (as in SUBGRAPH_<NAME>_URL). */
export const subgraphEnvName = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** The URL a subgraph is called at: an override (matched by env-style name) or the supergraph's. */
export const subgraphUrlFor = (config: Pick<GatewayConfig, 'subgraphUrls'>, name: string, fallback: string) => {
  const key = subgraphEnvName(name);
  const hit = Object.entries(config.subgraphUrls).find(([n]) => subgraphEnvName(n) === key);
  return hit ? hit[1] : fallback;
};

const positiveInt = (env: NodeJS.ProcessEnv, key: string, fallback: number): number => {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${key} must be a non-negative integer (got "${raw}")`);
  return n;
};

/** Configuration from the environment, with local-run defaults (dev keys under .local/keys). */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => {
  const keys = keyFiles(env['MMS_KEYS_DIR'] ?? resolve(REPO_ROOT, '.local/keys'));
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const m = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (m && value) subgraphUrls[m[1]!] = value;
  }
  return {
    host: env['HOST'] || '127.0.0.1',
    port: positiveInt(env, 'PORT', 4000),
    supergraphFile: resolve(REPO_ROOT, env['SUPERGRAPH_FILE'] || 'contracts/supergraph.graphql'),
    userPublicKeyFile: env['AUTH_USER_PUBLIC_KEY_FILE'] || keys.userPublic,
    issuer: env['AUTH_ISSUER'] || DEFAULT_ISSUER,
    audience: env['AUTH_AUDIENCE'] || DEFAULT_AUDIENCE,
    internalContextPrivateKeyFile: env['INTERNAL_CONTEXT_PRIVATE_KEY_FILE'] || keys.internalPrivate,
    development: env['NODE_ENV'] === 'development',
    portalDir: env['PORTAL_DIR'] === '' ? null : resolve(REPO_ROOT, env['PORTAL_DIR'] ?? 'portal/dist'),
    userPrivateKeyFile: keys.userPrivate,
    limits: {
      maxDepth: positiveInt(env, 'GATEWAY_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxAliases: positiveInt(env, 'GATEWAY_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
      maxFields: positiveInt(env, 'GATEWAY_MAX_FIELDS', DEFAULT_LIMITS.maxFields),
      maxQueryBytes: positiveInt(env, 'GATEWAY_MAX_QUERY_BYTES', DEFAULT_LIMITS.maxQueryBytes),
      maxBodyBytes: positiveInt(env, 'GATEWAY_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
      callers: Object.fromEntries(
        CALLERS.map((caller) => {
          const d = DEFAULT_CALLER_LIMITS[caller];
          const name = callerEnvName(caller);
          return [
            caller,
            {
              maxCost: positiveInt(env, `GATEWAY_MAX_COST_${name}`, d.maxCost),
              ratePerSecond: positiveInt(env, `GATEWAY_RATE_${name}`, d.ratePerSecond),
              burst: positiveInt(env, `GATEWAY_BURST_${name}`, d.burst),
              deadlineMs: positiveInt(env, `GATEWAY_DEADLINE_MS_${name}`, d.deadlineMs),
            },
          ];
        }),
      ) as Record<Caller, CallerLimits>,
      heavyCost: positiveInt(env, 'GATEWAY_HEAVY_COST', DEFAULT_LIMITS.heavyCost),
      heavyInFlight: positiveInt(env, 'GATEWAY_HEAVY_IN_FLIGHT', DEFAULT_LIMITS.heavyInFlight),
      heavyResolversInFlight: positiveInt(env, 'GATEWAY_HEAVY_RESOLVERS_IN_FLIGHT', DEFAULT_LIMITS.heavyResolversInFlight),
      trustProxy: env['GATEWAY_TRUST_PROXY'] === '1' || env['GATEWAY_TRUST_PROXY'] === 'true',
    },
    subgraphUrls,
    readiness: {
      cacheMs: positiveInt(env, 'GATEWAY_READINESS_CACHE_MS', 2000),
      timeoutMs: positiveInt(env, 'GATEWAY_READINESS_TIMEOUT_MS', 1500),
    },
    shutdownGraceMs: positiveInt(env, 'GATEWAY_SHUTDOWN_GRACE_MS', 10_000),
    logLevel: env['LOG_LEVEL'] || 'info',
  };
};
