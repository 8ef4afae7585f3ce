import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { ensureDevKeys, mintUserToken, readPem, KeyFiles } from '@mms/auth';
import { loadConfig, startGateway, RunningGateway } from '@mms/gateway';
import { waitFor } from '@mms/testing';

const ROOT = resolve(__dirname, '../../..');

export interface Platform {
  gateway: RunningGateway;
  directoryUrl: string;
  keys: KeyFiles;
  mongoDb: string;
  token(role: string, claims?: { municipality?: string; organization?: string; educator?: string; subject?: string }): Promise<string>;
  gql<T = any>(token: string | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: any[] } }>;
  stop(): Promise<void>;
}

const freePort = () => 20000 + Math.floor(Math.random() * 20000);

/**
 * A real deployment in miniature: the directory service as its own process (built
 * dist/, real Kafka and MongoDB-compatible server) and the gateway in front of it.
 */
export const startPlatform = async (label: string): Promise<Platform> => {
  const keysDir = mkdtempSync(join(tmpdir(), 'mms-keys-'));
  const keys = ensureDevKeys(keysDir);
  const port = freePort();
  const mongoDb = `e2e_${label}_${Date.now().toString(36)}`;
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'services/directory/dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGO_DB: mongoDb,
      MMS_KEYS_DIR: keysDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => logs.push(String(d)));
  child.stderr!.on('data', (d) => logs.push(String(d)));
  const directoryUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${directoryUrl}/health/ready`)).ok, { what: 'directory ready', timeoutMs: 60000 });
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${logs.join('').slice(-3000)}`);
  }
  const gateway = await startGateway(
    loadConfig({ ...process.env, PORT: '0', MMS_KEYS_DIR: keysDir, SUBGRAPH_DIRECTORY_URL: `${directoryUrl}/graphql`, NODE_ENV: 'production', LOG_LEVEL: 'warn' }),
    { logDestination: new Writable({ write: (_c, _e, cb) => cb() }) as never },
  );
  const privatePem = readPem(keys.userPrivate);
  return {
    gateway,
    directoryUrl,
    keys,
    mongoDb,
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
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
};

/** Throws with the GraphQL errors when a call did not succeed. */
export const ok = <T>(r: { body: { data?: T; errors?: any[] } }): T => {
  if (r.body.errors?.length) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data!;
};
