import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where a test suite's Kafka and MongoDB come from. */
export type InfraMode = 'external' | 'testcontainers' | 'local';

export interface TestInfra {
  mode: InfraMode;
  kafkaBrokers: string;
  mongoUrl: string;
}

export const repoRoot = (): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'tsconfig.base.json'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
};

/** The local test instance runs beside a developer's `up` instance: own home, own ports. */
export const localTestEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  MMS_LOCAL_HOME: process.env['MMS_TEST_LOCAL_HOME'] ?? join(repoRoot(), '.local', 'test'),
  MMS_CACHE_HOME: process.env['MMS_CACHE_HOME'] ?? join(repoRoot(), '.local', 'cache'),
  KAFKA_PORT: process.env['MMS_TEST_KAFKA_PORT'] ?? '29092',
  KAFKA_CONTROLLER_PORT: process.env['MMS_TEST_KAFKA_CONTROLLER_PORT'] ?? '29093',
  FERRETDB_PORT: process.env['MMS_TEST_FERRETDB_PORT'] ?? '37027',
  FERRETDB_DEBUG_PORT: process.env['MMS_TEST_FERRETDB_DEBUG_PORT'] ?? '37028',
  POSTGRES_PORT: process.env['MMS_TEST_POSTGRES_PORT'] ?? '35432',
});

const infraScript = () => join(repoRoot(), 'infra', 'local', 'bin', 'infra');

/** Runs the local infra script; `up` prints KEY=VALUE lines. */
export const localInfra = (command: string, args: string[] = []): string => {
  const res = spawnSync('bash', [infraScript(), command, ...args], {
    env: localTestEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60_000,
  });
  if (res.status !== 0) throw new Error(`infra ${command} failed with exit code ${res.status}`);
  return res.stdout;
};

const dockerAvailable = (): boolean => {
  if (process.env['MMS_TEST_NO_DOCKER'] === '1') return false;
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
};

const parseEnvLines = (out: string): Record<string, string> =>
  Object.fromEntries(
    out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

export interface StartedInfra extends TestInfra {
  stop(): Promise<void>;
}

/**
 * Gives the test run a real Kafka and MongoDB: `KAFKA_BROKERS` / `MONGO_URL` when set,
 * else testcontainers when a Docker engine answers, else the local processes.
 */
export const startTestInfra = async (): Promise<StartedInfra> => {
  const kafka = process.env['KAFKA_BROKERS'];
  const mongo = process.env['MONGO_URL'];
  if (kafka && mongo) return { mode: 'external', kafkaBrokers: kafka, mongoUrl: mongo, stop: async () => undefined };

  if (dockerAvailable()) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const { MongoDBContainer } = await import('@testcontainers/mongodb');
    const [k, m] = await Promise.all([new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(), new MongoDBContainer('mongo:7.0').start()]);
    return {
      mode: 'testcontainers',
      kafkaBrokers: `${k.getHost()}:${k.getMappedPort(9093)}`,
      mongoUrl: `${m.getConnectionString()}/?directConnection=true`,
      stop: async () => {
        await Promise.all([k.stop(), m.stop()]);
      },
    };
  }

  const vars = parseEnvLines(localInfra('up'));
  if (!vars['KAFKA_BROKERS'] || !vars['MONGO_URL']) throw new Error('infra up did not print KAFKA_BROKERS and MONGO_URL');
  // Left running between runs on purpose (a warm start is seconds); `infra down` stops it.
  return { mode: 'local', kafkaBrokers: vars['KAFKA_BROKERS'], mongoUrl: vars['MONGO_URL'], stop: async () => undefined };
};

/** Runs the local infra script without blocking the event loop (an in-process gateway keeps serving meanwhile). */
export const localInfraAsync = (command: string, args: string[] = []): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn('bash', [infraScript(), command, ...args], { env: localTestEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`infra ${command} failed with exit code ${code}`))));
  });

/**
 * Stops and starts one part of the local test infrastructure. `stop`/`start` block until the
 * script returns; `stopAsync`/`startAsync` let the test process (and an in-process gateway)
 * keep working meanwhile.
 */
export interface InfraControl {
  stop(): void;
  start(): void;
  stopAsync(): Promise<void>;
  startAsync(): Promise<void>;
}

const control = (stop: string, start: string): InfraControl | null => {
  if (process.env['MMS_TEST_INFRA_MODE'] !== 'local') return null;
  return {
    stop: () => void localInfra(stop),
    start: () => void localInfra(start),
    stopAsync: () => localInfraAsync(stop),
    startAsync: () => localInfraAsync(start),
  };
};

/** Stopping and starting the broker is only possible where we own the process. */
export const kafkaControl = () => control('kafka-stop', 'kafka-start');

/**
 * Stopping and starting FerretDB (the MongoDB-compatible server; its PostgreSQL keeps
 * running, so no data is lost), only where we own the process.
 */
export const ferretControl = () => control('ferretdb-stop', 'ferretdb-start');
