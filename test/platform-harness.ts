import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { ensureDevKeys, mintUserToken, readPem, KeyFiles } from '@mms/auth';
import { loadConfig, startGateway, RunningGateway } from '@mms/gateway';
import { freePort, waitFor } from '@mms/testing/infra';

const ROOT = resolve(__dirname, '..');

export type ServiceName = 'directory' | 'professional-development' | 'monitoring' | 'contests' | 'communities';

export interface Claims {
  municipality?: string;
  organization?: string;
  educator?: string;
  subject?: string;
}

export interface GqlResult<T> {
  status: number;
  body: { data?: T; errors?: any[] };
  headers: Headers;
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
  /** Sends a signal to a service's process and resolves once it exited (SIGKILL: no shutdown hooks run). */
  kill(service: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped service again: the same port, database and environment (plus `env`); resolves once `/health/ready` answers 200. */
  restart(service: ServiceName, opts?: { readyTimeoutMs?: number; env?: Record<string, string> }): Promise<void>;
  /** The service's `/health/ready` answer (status 0 when nothing listens). */
  readiness(service: ServiceName): Promise<{ status: number; body: any }>;
  /** The last characters the service's process wrote (all its lives), or the gateway's log (warnings and errors), for failure messages. */
  logs(service: ServiceName | 'gateway', chars?: number): string;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** Extra environment for the services' processes. */
  serviceEnv?: Record<string, string>;
  /** Extra environment for the gateway's configuration (limits, deadlines). */
  gatewayEnv?: Record<string, string>;
}

const envName = (s: string) => s.toUpperCase().replace(/-/g, '_');
/** How long a service may take to shut down on SIGTERM before it is killed. */
const STOP_GRACE_MS = 15_000;

/**
 * A real deployment in miniature: each service as its own process (built dist/, real
 * Kafka and MongoDB-compatible server, its own fresh database) and the gateway in front.
 * A service can be killed and started again on the same port and database (fault tests).
 */
export const startPlatform = async (label: string, services: ServiceName[] = ['directory'], options: PlatformOptions = {}): Promise<Platform> => {
  const keysDir = mkdtempSync(join(tmpdir(), 'mms-keys-'));
  const keys = ensureDevKeys(keysDir);
  const stamp = Date.now().toString(36);
  const children = new Map<ServiceName, ChildProcess>();
  const urls = {} as Record<ServiceName, string>;
  const ports = {} as Record<ServiceName, number>;
  const mongoDbs = {} as Record<ServiceName, string>;
  const logs: Record<string, string[]> = {};
  const lifeStart: Record<string, number> = {};
  /** Environment a restart added for one service (a clock ahead, …). */
  const envOf: Record<string, Record<string, string>> = {};
  const killAll = () => children.forEach((c) => c.kill('SIGKILL'));
  const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)));
  const spawnService = (service: ServiceName) => {
    const out: string[] = (logs[service] ??= []);
    lifeStart[service] = out.length;
    const child = spawn(process.execPath, [join(ROOT, `services/${service}/dist/main.js`)], {
      env: {
        ...process.env,
        PORT: String(ports[service]),
        HOST: '127.0.0.1',
        MONGO_DB: mongoDbs[service],
        MMS_KEYS_DIR: keysDir,
        LOG_LEVEL: 'warn',
        ...options.serviceEnv,
        ...envOf[service],
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => out.push(String(d)));
    child.stderr!.on('data', (d) => out.push(String(d)));
    children.set(service, child);
  };
  const tail = (service: ServiceName | 'gateway', chars = 3000) => (logs[service] ?? []).join('').slice(-chars);
  const waitReady = async (service: ServiceName, timeoutMs = 60000) => {
    try {
      await waitFor(async () => (await fetch(`${urls[service]}/health/ready`)).ok, { what: `${service} ready`, timeoutMs });
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${tail(service)}`);
    }
  };
  const place = async (service: ServiceName) => {
    ports[service] = await freePort();
    urls[service] = `http://127.0.0.1:${ports[service]}`;
    spawnService(service);
  };
  /** Ready, or lost its port to another process before binding (the probe's port is not reserved): started again on a new one, at most twice. */
  const firstStart = async (service: ServiceName) => {
    for (let attempt = 1; ; attempt++) {
      const child = children.get(service)!;
      const closed = new Promise((r) => child.once('close', r)); // after its output is read, unlike 'exit'
      const outcome = await Promise.race([
        waitReady(service).then(
          () => 'ready' as const,
          (err: Error) => err,
        ),
        closed.then(() => 'exited' as const),
      ]);
      if (outcome === 'ready') return;
      if (outcome !== 'exited') throw outcome;
      const lostPort = logs[service].slice(lifeStart[service]).join('').includes('EADDRINUSE');
      if (!lostPort || attempt === 3) throw new Error(`${service} exited before it was ready\n${tail(service)}`);
      await place(service);
    }
  };
  // Never outlive the test run (a run stopped halfway, a hook that timed out).
  process.once('exit', killAll);
  for (const service of services) {
    mongoDbs[service] = `e2e_${label}_${service.replace(/-/g, '_')}_${stamp}`;
    await place(service);
  }
  for (const service of services) {
    try {
      await firstStart(service);
    } catch (err) {
      killAll();
      throw err;
    }
  }
  const subgraphEnv = Object.fromEntries(services.map((s) => [`SUBGRAPH_${envName(s)}_URL`, `${urls[s]}/graphql`]));
  const gateway = await startGateway(
    loadConfig({ ...process.env, ...subgraphEnv, PORT: '0', MMS_KEYS_DIR: keysDir, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...options.gatewayEnv }),
    {
      logDestination: new Writable({
        write: (c, _e, cb) => {
          (logs['gateway'] ??= []).push(String(c));
          cb();
        },
      }) as never,
    },
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
      return { status: res.status, body: (await res.json()) as never, headers: res.headers };
    },
    kill: async (service, signal = 'SIGKILL') => {
      const child = children.get(service);
      if (!child) throw new Error(`${service} is not part of this platform`);
      const gone = exited(child);
      child.kill(signal);
      await gone;
    },
    restart: async (service, opts = {}) => {
      const child = children.get(service);
      if (!child) throw new Error(`${service} is not part of this platform`);
      if (child.exitCode === null && child.signalCode === null) throw new Error(`${service} is still running: kill it first`);
      if (opts.env) envOf[service] = { ...envOf[service], ...opts.env };
      spawnService(service);
      await waitReady(service, opts.readyTimeoutMs);
    },
    readiness: async (service) => {
      try {
        const res = await fetch(`${urls[service]}/health/ready`, { signal: AbortSignal.timeout(5000) });
        return { status: res.status, body: await res.json().catch(() => null) };
      } catch (err) {
        return { status: 0, body: { error: String(err) } };
      }
    },
    logs: tail,
    stop: async () => {
      await gateway.close();
      // Every platform's services share topics and consumer groups: one that outlived its test
      // would take partitions of the next one's groups and apply their events to its own
      // database. A service that has not shut down in time is killed.
      await Promise.all(
        [...children.values()].map(async (c) => {
          const gone = exited(c);
          c.kill('SIGTERM');
          const late = setTimeout(() => c.kill('SIGKILL'), STOP_GRACE_MS);
          await gone;
          clearTimeout(late);
        }),
      );
      process.off('exit', killAll);
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
};

/** Throws with the GraphQL errors when a call did not succeed. */
export const ok = <T>(r: { body: { data?: T; errors?: any[] } }): T => {
  if (r.body.errors?.length) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data!;
};
