import { resolve } from 'node:path';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, keyFiles } from '@mms/auth';

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
  /** NODE_ENV=development: introspection and the sandbox landing page. */
  development: boolean;
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

export const DEFAULT_LIMITS: GatewayLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxFields: 500,
  maxQueryBytes: 20 * 1024,
  maxBodyBytes: 1024 * 1024,
};

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
    limits: {
      maxDepth: positiveInt(env, 'GATEWAY_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxAliases: positiveInt(env, 'GATEWAY_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
      maxFields: positiveInt(env, 'GATEWAY_MAX_FIELDS', DEFAULT_LIMITS.maxFields),
      maxQueryBytes: positiveInt(env, 'GATEWAY_MAX_QUERY_BYTES', DEFAULT_LIMITS.maxQueryBytes),
      maxBodyBytes: positiveInt(env, 'GATEWAY_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
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
