import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { ensureDevKeys, mintUserToken, readPem, KeyFiles } from '@mms/auth';
import { loadConfig, startGateway, RunningGateway } from '@mms/gateway';
import { waitFor } from '@mms/testing/infra';

const ROOT = resolve(__dirname, '..');

export type ServiceName = 'directory' | 'professional-development' | 'monitoring';

export interface Claims {
  municipality?: string;
  organization?: string;
  educator?: string;
  subject?: string;
}

export interface GqlResult<T> {
  status: number;
  body: { data?: T; errors?: any[] };
}

export interface Platform {
  gateway: RunningGateway;
  /** Base URL of each started service (health, metrics, direct subgraph calls). */
  urls: Record<ServiceName, string>;
  keys: KeyFiles;
  /** Database of each started service. */
  mongoDbs: Record<ServiceName, string>;
  token(role: string, claims?: Claims): Promise<string>;
  gql<T = any>(token: string | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResult<T>>;
  stop(): Promise<void>;
}

const freePort = () => 20000 + Math.floor(Math.random() * 20000);
const envName = (s: string) => s.toUpperCase().replace(/-/g, '_');

/**
 * A real deployment in miniature: each service as its own process (built dist/, real
 * Kafka and MongoDB-compatible server, its own fresh database) and the gateway in front.
 */
export const startPlatform = async (label: string, services: ServiceName[] = ['directory']): Promise<Platform> => {
  const keysDir = mkdtempSync(join(tmpdir(), 'mms-keys-'));
  const keys = ensureDevKeys(keysDir);
  const stamp = Date.now().toString(36);
  const children: ChildProcess[] = [];
  const urls = {} as Record<ServiceName, string>;
  const mongoDbs = {} as Record<ServiceName, string>;
  const logs: Record<string, string[]> = {};
  const killAll = () => children.forEach((c) => c.kill('SIGKILL'));
  for (const service of services) {
    const port = freePort();
    mongoDbs[service] = `e2e_${label}_${service.replace(/-/g, '_')}_${stamp}`;
    const out: string[] = (logs[service] = []);
    const child = spawn(process.execPath, [join(ROOT, `services/${service}/dist/main.js`)], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MONGO_DB: mongoDbs[service], MMS_KEYS_DIR: keysDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => out.push(String(d)));
    child.stderr!.on('data', (d) => out.push(String(d)));
    children.push(child);
    urls[service] = `http://127.0.0.1:${port}`;
  }
  for (const service of services) {
    try {
      await waitFor(async () => (await fetch(`${urls[service]}/health/ready`)).ok, { what: `${service} ready`, timeoutMs: 60000 });
    } catch (err) {
      killAll();
      throw new Error(`${(err as Error).message}\n${(logs[service] ?? []).join('').slice(-3000)}`);
    }
  }
  const subgraphEnv = Object.fromEntries(services.map((s) => [`SUBGRAPH_${envName(s)}_URL`, `${urls[s]}/graphql`]));
  const gateway = await startGateway(
    loadConfig({ ...process.env, ...subgraphEnv, PORT: '0', MMS_KEYS_DIR: keysDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' }),
    { logDestination: new Writable({ write: (_c, _e, cb) => cb() }) as never },
  );
  const privatePem = readPem(keys.userPrivate);
  return {
    gateway,
    urls,
    keys,
    mongoDbs,
    token: (role, claims = {}) => mintUserToken(privatePem, { subject: claims.subject ?? `${role}-${claims.municipality ?? 'region'}`, role, ...claims }),
    gql: async (token, query, variables, headers = {}) => {
      const res = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    stop: async () => {
      await gateway.close();
      await Promise.all(
        children.map((c) => {
          c.kill('SIGTERM');
          return new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)));
        }),
      );
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
};

/** Throws with the GraphQL errors when a call did not succeed. */
export const ok = <T>(r: { body: { data?: T; errors?: any[] } }): T => {
  if (r.body.errors?.length) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data!;
};
