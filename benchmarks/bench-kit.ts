/*
 * What the benchmarks share (platform-bench.ts, region-bench.ts, contests-bench.ts): stats, a bounded worker
 * pool, child processes and their cleanup, starting the services + gateway as processes,
 * the results table (side-by-side reference and, when there is one, a reference run) and
 * the results JSON in benchmarks/results/.
 *
 * Reference runs: a run prints its figures beside an earlier run's when
 * `benchmarks/results/<kind>-reference.json` exists (`BENCH_REFERENCE=<file>` picks another
 * file, `BENCH_REFERENCE=none` none). `BENCH_SAVE_REFERENCE=1` makes this run the reference.
 * Rows are matched by section + metric + reference label.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { unpublishedCommits } from '../packages/eventsourcing/src/index';
import { ensureDevKeys, KeyFiles } from '../packages/auth/src/index';

export const ROOT = resolve(__dirname, '..');
export const env = process.env;
export const int = (k: string, d: number) => (env[k] ? Number(env[k]) : d);
export const STAMP = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
export const TS = Date.now().toString(36);
export const RESULTS_DIR = join(ROOT, 'benchmarks', 'results');
mkdirSync(RESULTS_DIR, { recursive: true });

export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const now = () => performance.now();

/** MONGO_URL and KAFKA_BROKERS of a running (loopback) instance, or exit. */
export const infraFromEnv = (runner: string) => {
  const mongoUrl = env['MONGO_URL'];
  const kafkaBrokers = env['KAFKA_BROKERS'];
  if (!mongoUrl || !kafkaBrokers) {
    process.stderr.write(`MONGO_URL and KAFKA_BROKERS are required (use ${runner})\n`);
    process.exit(2);
  }
  for (const u of [mongoUrl, ...kafkaBrokers.split(',')]) {
    if (!/(^|\/\/)127\.0\.0\.1:/.test(u)) throw new Error(`refusing non-loopback endpoint ${u}`);
  }
  return { mongoUrl, kafkaBrokers };
};

// ---------------------------------------------------------------------------- stats

export const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
export const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: pct(s, 50),
    p95: pct(s, 95),
    p99: pct(s, 99),
    max: s.length ? s[s.length - 1]! : NaN,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN,
  };
};
export type Summary = ReturnType<typeof summary>;

/** Runs `fn` over `count` items with `concurrency` workers, stopping at `deadlineMs`. */
export const pool = async (count: number, concurrency: number, deadlineMs: number, fn: (i: number, w: number) => Promise<void>) => {
  let next = 0;
  let done = 0;
  const end = now() + deadlineMs;
  const t0 = now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (next < count && now() < end) {
        const i = next++;
        await fn(i, w);
        done++;
      }
    }),
  );
  const seconds = (now() - t0) / 1000;
  return { done, seconds, perSecond: done / seconds, truncated: done < count };
};

// ---------------------------------------------------------------------------- cleanup

export const children: ChildProcess[] = [];
/** The name each child was started under. */
export const childNames = new Map<ChildProcess, string>();
export const cleanups: Array<() => Promise<unknown>> = [];
let cleaned = false;
/** Stops the child processes (TERM, then KILL after 8 s), then runs the cleanups in reverse order. Once. */
export const cleanup = async () => {
  if (cleaned) return;
  cleaned = true;
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.race([
    Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r))))),
    sleep(8000),
  ]);
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const f of cleanups.reverse()) await f().catch(() => undefined);
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------- processes

export const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });

/**
 * Node flags for a child process: `BENCH_DB_METER=1` preloads benchmarks/db-meter.cjs (the
 * child's MongoDB commands counted and timed, read with `dbCalls`);
 * `BENCH_CPU_PROF=contests,gateway` (names as in SERVICES, or
 * `gateway`) runs those children with V8's CPU profiler, written when the process exits to
 * `benchmarks/results/<logPrefix>-cpuprof/` (open it in Chrome DevTools or speedscope).
 */
const nodeFlags = (name: string, logPrefix: string): string[] => {
  const flags = env['BENCH_DB_METER'] === '1' ? ['--require', join(ROOT, 'benchmarks', 'db-meter.cjs')] : [];
  const wanted = (env['BENCH_CPU_PROF'] ?? '').split(',').map((s) => s.trim());
  if (!wanted.includes(name)) return flags;
  const dir = join(RESULTS_DIR, `${logPrefix}-cpuprof`);
  mkdirSync(dir, { recursive: true });
  return [...flags, '--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`];
};

/** Where a child's MongoDB command tally goes with BENCH_DB_METER=1 (benchmarks/db-meter.cjs). */
const dbMeterFile = (name: string, logPrefix: string) => join(RESULTS_DIR, `${logPrefix}-dbcalls-${name}.json`);
const dbMeterFiles = new Map<string, string>();

/** Every metered child's tally so far: name → `"<command> <collection>"` → [count, ms, failed]. */
export const dbCalls = (): Record<string, Record<string, [number, number, number]>> => {
  const out: Record<string, Record<string, [number, number, number]>> = {};
  for (const [name, file] of dbMeterFiles) {
    try {
      out[name] = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      out[name] = {};
    }
  }
  return out;
};

/** The MongoDB commands each metered child made between two `dbCalls()` readings: count, ms, by key, largest time first. */
export const dbCallsDiff = (before: ReturnType<typeof dbCalls>, after: ReturnType<typeof dbCalls>) =>
  Object.fromEntries(
    Object.entries(after).map(([name, tally]) => {
      const rows = Object.entries(tally)
        .map(([key, [n, ms, failed]]) => {
          const b = before[name]?.[key] ?? [0, 0, 0];
          return { key, count: n - b[0], ms: ms - b[1], failed: failed - b[2] };
        })
        .filter((r) => r.count > 0)
        .sort((a, b) => b.ms - a.ms);
      return [name, { count: rows.reduce((a, r) => a + r.count, 0), ms: rows.reduce((a, r) => a + r.ms, 0), calls: rows }];
    }),
  );

/** Service settings a benchmark run passes on to the processes it starts (an A/B of one setting). */
const SERVICE_SETTINGS = ['OUTBOX_PAGE_DIGESTS', 'PROJECTION_MAX_BATCH'];

/** A node child process (stdout+stderr to `benchmarks/results/<logPrefix>-<name>.log`), stopped by `cleanup`. */
export const startChild = (name: string, entry: string, childEnv: Record<string, string>, logPrefix = STAMP) => {
  const logFile = join(RESULTS_DIR, `${logPrefix}-${name}.log`);
  const out = createWriteStream(logFile);
  const meterFile = env['BENCH_DB_METER'] === '1' ? dbMeterFile(name, logPrefix) : null;
  if (meterFile) {
    rmSync(meterFile, { force: true });
    dbMeterFiles.set(name, meterFile);
  }
  const child = spawn(process.execPath, [...nodeFlags(name, logPrefix), join(ROOT, entry)], {
    cwd: ROOT,
    env: {
      PATH: env['PATH'] ?? '',
      ...Object.fromEntries(SERVICE_SETTINGS.flatMap((k) => (env[k] ? [[k, env[k]]] : []))),
      ...childEnv,
      ...(meterFile ? { BENCH_DB_METER_FILE: meterFile, BENCH_DB_METER_SHAPE: env['BENCH_DB_METER_SHAPE'] ?? '' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  children.push(child);
  childNames.set(child, name);
  child.once('exit', (code, sig) => log(`${name} exited (${code ?? sig}); log ${logFile}`));
  return child;
};

export const waitReady = async (url: string, what: string, child: ChildProcess, timeoutMs = 60_000) => {
  const end = now() + timeoutMs;
  while (now() < end) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`${what} not ready at ${url} within ${Math.round(timeoutMs / 1000)}s`);
};

/** One GraphQL operation, no retries; throws on GraphQL errors (the message carries the codes). */
export const gql = async (url: string, headers: Record<string, string>, query: string, variables?: unknown) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) {
    throw new Error(`GraphQL error: ${body.errors.map((e) => `${e.extensions?.code ? `[${e.extensions.code}] ` : ''}${e.message}`).join('; ')}`);
  }
  return body.data!;
};

/**
 * Limits a run may change from the benchmark's own environment: GATEWAY_* for the gateway (costs,
 * rates, deadlines, the costly lane), SUBGRAPH_MAX_* for the services (e.g.
 * `GATEWAY_HEAVY_IN_FLIGHT=0 GATEWAY_HEAVY_RESOLVERS_IN_FLIGHT=0 SUBGRAPH_MAX_RESOLVERS_IN_FLIGHT=0`
 * measures without the fairness measures).
 */
export const passedLimits = (prefix: 'GATEWAY_' | 'SUBGRAPH_MAX_'): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[0].startsWith(prefix) && e[1] !== undefined));

/**
 * Every subgraph of the supergraph: the gateway is ready only when each one answers, so every
 * benchmark starts them all. Contests and communities before monitoring (it reads their public topics).
 */
export const SERVICES = ['directory', 'professional-development', 'contests', 'communities', 'monitoring'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface RunningPlatform {
  gatewayUrl: string;
  /** GraphQL endpoint of each service (direct subgraph calls). */
  subgraphUrls: Record<ServiceName, string>;
  /** Database of each service. */
  dbs: Record<ServiceName, string>;
  keysDir: string;
  keyFiles: KeyFiles;
  /** Stops a service and starts it again on the same port and database, its environment changed by `extraEnv`. */
  restart: (name: ServiceName, extraEnv: Record<string, string>) => Promise<void>;
}

/**
 * The services of SERVICES (built `dist/main.js`, each its own process and fresh database
 * `<dbPrefix>_<service>_<TS>`) and the gateway in front, on free loopback ports, with fresh
 * dev keys in a temporary directory (tokens: `mintUserToken` or demo-data's `devTokenSource`
 * with `keysDir`). Stopped, databases dropped and keys removed by `cleanup`.
 */
export const startPlatform = async (o: {
  mongoUrl: string;
  kafkaBrokers: string;
  dbPrefix: string;
  logPrefix?: string;
  logLevel?: string;
  /** Extra environment per service. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Extra environment of the gateway (after the benchmark's own GATEWAY_* limits). */
  gatewayEnv?: Record<string, string>;
}): Promise<RunningPlatform> => {
  const logLevel = o.logLevel ?? env['BENCH_SERVICE_LOG_LEVEL'] ?? 'info';
  const keysDir = mkdtempSync(join(tmpdir(), 'mms-bench-keys-'));
  cleanups.push(async () => rmSync(keysDir, { recursive: true, force: true }));
  const keyFiles = ensureDevKeys(keysDir);
  const dbs = {} as Record<ServiceName, string>;
  const subgraphUrls = {} as Record<ServiceName, string>;
  cleanups.push(async () => {
    const c = new MongoClient(o.mongoUrl);
    await c.connect();
    try {
      for (const db of Object.values(dbs)) await c.db(db).dropDatabase();
    } finally {
      await c.close();
    }
  });
  // One after the other, each ready before the next: on a fresh Kafka, a service that subscribes
  // to a topic another one is creating at that moment exits ("This server does not host this
  // topic-partition", seen with monitoring started alongside the directory).
  const running = new Map<ServiceName, { child: ChildProcess; env: Record<string, string>; port: number; starts: number }>();
  const start = async (name: ServiceName, port: number, childEnv: Record<string, string>, starts: number) => {
    const logPrefix = starts ? `${o.logPrefix ?? STAMP}-${starts}` : o.logPrefix;
    const child = startChild(name, `services/${name}/dist/main.js`, childEnv, logPrefix);
    running.set(name, { child, env: childEnv, port, starts });
    await waitReady(`http://127.0.0.1:${port}/health/ready`, name, child);
  };
  for (const name of SERVICES) {
    const port = await freePort();
    dbs[name] = `${o.dbPrefix}_${name.replace(/-/g, '_')}_${TS}`;
    const childEnv = {
      PORT: String(port),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: o.kafkaBrokers,
      MONGO_URL: o.mongoUrl,
      MONGO_DB: dbs[name],
      MMS_KEYS_DIR: keysDir,
      LOG_LEVEL: logLevel,
      ...passedLimits('SUBGRAPH_MAX_'),
      ...o.serviceEnv?.[name],
    };
    subgraphUrls[name] = `http://127.0.0.1:${port}/graphql`;
    await start(name, port, childEnv, 0);
  }
  const restart = async (name: ServiceName, extraEnv: Record<string, string>) => {
    const r = running.get(name)!;
    if (r.child.exitCode === null && r.child.signalCode === null) {
      const exited = new Promise((resolve) => r.child.once('exit', resolve));
      r.child.kill('SIGTERM');
      await exited;
    }
    await start(name, r.port, { ...r.env, ...extraEnv }, r.starts + 1);
  };
  // The supergraph has every subgraph and the gateway is ready only when all answer.
  const gwPort = await freePort();
  const gateway = startChild(
    'gateway',
    'gateway/dist/main.js',
    {
      ...Object.fromEntries(SERVICES.map((s) => [`SUBGRAPH_${s.toUpperCase().replace(/-/g, '_')}_URL`, subgraphUrls[s]])),
      PORT: String(gwPort),
      HOST: '127.0.0.1',
      MMS_KEYS_DIR: keysDir,
      NODE_ENV: 'production',
      LOG_LEVEL: logLevel,
      ...passedLimits('GATEWAY_'),
      ...o.gatewayEnv,
    },
    o.logPrefix,
  );
  const gatewayUrl = `http://127.0.0.1:${gwPort}/graphql`;
  await waitReady(`http://127.0.0.1:${gwPort}/health/ready`, 'gateway', gateway);
  log(`services: ${SERVICES.map((s) => `${s} ${subgraphUrls[s]}`).join(', ')}; gateway ${gatewayUrl}`);
  return { gatewayUrl, subgraphUrls, dbs, keysDir, keyFiles, restart };
};

// ---------------------------------------------------------------------------- CPU accounting

/**
 * CPU seconds (user + system) used so far by each named process and its descendants (live
 * ones, and the reaped ones through their parents' cumulative times), from /proc; a
 * descendant that is itself named counts for itself only. Linux only; empty elsewhere.
 */
export const cpuSeconds = (roots: Record<string, number>): Record<string, number> => {
  const ticks = 100; // USER_HZ on Linux
  const procs = new Map<number, { ppid: number; cpu: number }>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return {};
  }
  for (const d of entries) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // f[0] = state (field 3): ppid is field 4, utime..cstime fields 14..17
      procs.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / ticks });
    } catch {
      /* gone meanwhile */
    }
  }
  const kids = new Map<number, number[]>();
  for (const [pid, p] of procs) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), pid]);
  const out: Record<string, number> = {};
  const named = new Set(Object.values(roots));
  for (const [name, root] of Object.entries(roots)) {
    if (!procs.has(root)) continue;
    let sum = 0;
    const stack = [root];
    while (stack.length) {
      const pid = stack.pop()!;
      sum += procs.get(pid)?.cpu ?? 0;
      stack.push(...(kids.get(pid) ?? []).filter((k) => !named.has(k)));
    }
    out[name] = sum;
  }
  return out;
};

/** Busy and total CPU time of the whole machine so far (seconds, all cores), from /proc/stat. */
export const machineCpu = (): { busy: number; total: number } | null => {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user/nice)
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0) / 100;
    const idle = ((f[3] ?? 0) + (f[4] ?? 0)) / 100;
    return { busy: total - idle, total };
  } catch {
    return null;
  }
};

/** This process, the children started here, and the infra's Kafka, FerretDB and PostgreSQL (from MMS_LOCAL_HOME). */
export const benchProcesses = (): Record<string, number> => {
  const roots: Record<string, number> = { 'benchmark (load generator)': process.pid };
  for (const [c, name] of childNames) if (c.pid && c.exitCode === null) roots[name] = c.pid;
  const home = env['MMS_LOCAL_HOME'];
  if (home) {
    for (const [name, file] of [
      ['kafka', join(home, 'run', 'kafka.pid')],
      ['ferretdb', join(home, 'run', 'ferretdb.pid')],
      ['postgresql', join(home, 'data', 'postgres', 'postmaster.pid')],
    ] as const) {
      try {
        const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
        if (pid > 0) roots[name] = pid;
      } catch {
        /* not this backend */
      }
    }
  }
  return roots;
};

/**
 * Requests FerretDB has answered so far, by command (`find`, `insert`, `update`…), from its debug
 * endpoint's Prometheus metrics (`FERRETDB_DEBUG_PORT`, set by benchmarks/run); null when there is
 * none. Counts every client of the instance: diff two readings around a phase.
 */
export const ferretdbCommands = async (): Promise<Record<string, number> | null> => {
  const port = env['FERRETDB_DEBUG_PORT'];
  if (!port || port === '-' || port === '0') return null;
  try {
    const r = await fetch(`http://127.0.0.1:${port}/debug/metrics`, { signal: AbortSignal.timeout(2000) });
    if (!r.ok) return null;
    const out: Record<string, number> = {};
    for (const m of (await r.text()).matchAll(/^ferretdb_client_requests_total\{([^}]*)\} (\S+)$/gm)) {
      const command = /command="([^"]*)"/.exec(m[1]!)?.[1] ?? '?';
      out[command] = (out[command] ?? 0) + Number(m[2]);
    }
    return out;
  } catch {
    return null;
  }
};

/**
 * Each process's event-loop delay (prom-client's default metrics, p99 and max in ms) since the
 * previous reading: prom-client resets its histogram at every scrape, so read once before a phase
 * and once after it. A service whose loop is late answers late whatever its database does.
 */
export const eventLoopDelays = async (platform: RunningPlatform): Promise<Array<[string, { p99: number; max: number }]>> => {
  const targets = [
    ...Object.entries(platform.subgraphUrls).map(([name, url]) => [name, url.replace(/\/graphql$/, '/metrics')] as const),
    ['gateway', platform.gatewayUrl.replace(/\/graphql$/, '/metrics')] as const,
  ];
  const read = async ([name, url]: readonly [string, string]): Promise<[string, { p99: number; max: number }] | null> => {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (!r.ok) return null;
      const text = await r.text();
      const gauge = (metric: string) => Number(new RegExp(`^${metric}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) * 1000;
      return [name, { p99: gauge('nodejs_eventloop_lag_p99_seconds'), max: gauge('nodejs_eventloop_lag_max_seconds') }];
    } catch {
      return null;
    }
  };
  return (await Promise.all(targets.map(read))).filter((x): x is [string, { p99: number; max: number }] => x !== null);
};

/** `after - before` per command, largest first (zeros left out). */
export const commandDiff = (before: Record<string, number> | null, after: Record<string, number> | null): Array<[string, number]> =>
  before && after
    ? Object.entries(after)
        .map(([k, v]) => [k, v - (before[k] ?? 0)] as [string, number])
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1])
    : [];

// ---------------------------------------------------------------------------- report

export interface Row {
  section: string;
  metric: string;
  value: number;
  unit: string;
  reference?: number;
  referenceLabel?: string;
  ratio?: number;
  note?: string;
}

interface ReferenceRun {
  file: string;
  startedAt?: string;
  config?: Record<string, unknown>;
  rows: Row[];
}

const rowKey = (r: Row) => `${r.section}\u0000${r.metric}\u0000${r.referenceLabel ?? ''}`;

export const fmt = (n: number | undefined, unit = '') => {
  if (n === undefined || n === null || Number.isNaN(n)) return '';
  return unit === 'ms' ? n.toFixed(1) : n >= 100 ? Math.round(n).toString() : n.toFixed(2);
};

/**
 * The rows of one run, its details and errors; prints the table (with the reference run's
 * value and the ratio to it when there is a reference file) and writes the JSON.
 */
export class Report {
  readonly rows: Row[] = [];
  readonly details: Record<string, unknown> = {};
  readonly errors: Array<{ section: string; error: string }> = [];
  readonly startedAt = new Date();
  readonly reference: ReferenceRun | null;

  /** `kind`: `platform`, `region`…: the reference file is `results/<kind>-reference.json`. */
  constructor(
    readonly kind: string,
    readonly config: Record<string, unknown> = {},
  ) {
    this.reference = this.loadReference();
  }

  get referenceFile() {
    return join(RESULTS_DIR, `${this.kind}-reference.json`);
  }

  private loadReference(): ReferenceRun | null {
    const chosen = env['BENCH_REFERENCE'];
    if (chosen === 'none') return null;
    const file = chosen ? resolve(chosen) : this.referenceFile;
    if (!existsSync(file)) {
      if (chosen) log(`BENCH_REFERENCE ${file} does not exist: no reference run`);
      return null;
    }
    try {
      const j = JSON.parse(readFileSync(file, 'utf8')) as { startedAt?: string; config?: Record<string, unknown>; rows?: Row[] };
      log(`reference run: ${relative(ROOT, file)} (${j.startedAt ?? 'undated'})`);
      const differs = Object.keys({ ...j.config, ...this.config }).filter((k) => JSON.stringify(j.config?.[k]) !== JSON.stringify(this.config[k]));
      if (differs.length) {
        log(
          `WARNING: the reference run's settings differ (${differs.map((k) => `${k}: ${JSON.stringify(j.config?.[k])} → ${JSON.stringify(this.config[k])}`).join(', ')})`,
        );
      }
      return { file, startedAt: j.startedAt, config: j.config, rows: j.rows ?? [] };
    } catch (err) {
      log(`cannot read reference run ${file}: ${String(err)}`);
      return null;
    }
  }

  row(r: Row) {
    if (r.reference !== undefined && r.ratio === undefined) r.ratio = r.value / r.reference;
    this.rows.push(r);
  }

  error(section: string, err: unknown) {
    this.errors.push({ section, error: String((err as Error)?.stack ?? err) });
    log(`${section} failed: ${String(err)}`);
  }

  print() {
    const ref = new Map((this.reference?.rows ?? []).map((r) => [rowKey(r), r]));
    const withRef = ref.size > 0;
    const header = ['metric', 'value', 'unit', 'reference', 'reference value', 'ratio', ...(withRef ? ['ref. run', 'vs ref. run'] : []), 'note'];
    const right = new Set([1, 4, 5, ...(withRef ? [6, 7] : [])]);
    const body = this.rows.map((r) => {
      const earlier = ref.get(rowKey(r));
      return [
        r.metric,
        fmt(r.value, r.unit),
        r.unit,
        r.referenceLabel ?? '',
        fmt(r.reference, r.unit),
        r.ratio === undefined || Number.isNaN(r.ratio) ? '' : `${r.ratio.toFixed(2)}×`,
        ...(withRef ? [fmt(earlier?.value, r.unit), earlier && earlier.value ? `${(r.value / earlier.value).toFixed(2)}×` : ''] : []),
        r.note ?? '',
      ];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ');
    const out: string[] = [];
    if (withRef) out.push(`(ref. run: ${relative(ROOT, this.reference!.file)}, ${this.reference!.startedAt ?? 'undated'})`);
    out.push(line(header), widths.map((w) => '-'.repeat(w)).join('-|-'));
    let section = '';
    this.rows.forEach((r, i) => {
      if (r.section !== section) {
        section = r.section;
        out.push(`## ${section}`);
      }
      out.push(line(body[i]!));
    });
    process.stdout.write(`\n${out.join('\n')}\n\n`);
  }

  /** Writes `results/<file>`; copies it to the reference file when BENCH_SAVE_REFERENCE=1. */
  write(file: string, extra: Record<string, unknown> = {}) {
    const path = join(RESULTS_DIR, file);
    writeFileSync(
      path,
      JSON.stringify(
        {
          kind: this.kind,
          startedAt: this.startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version },
          config: this.config,
          ...extra,
          reference: this.reference ? { file: relative(ROOT, this.reference.file), startedAt: this.reference.startedAt } : null,
          rows: this.rows,
          details: this.details,
          errors: this.errors,
        },
        null,
        2,
      ),
    );
    log(`results: ${relative(ROOT, path)}`);
    if (env['BENCH_SAVE_REFERENCE'] === '1') {
      copyFileSync(path, this.referenceFile);
      log(`saved as the reference run: ${relative(ROOT, this.referenceFile)}`);
    }
    if (this.errors.length) {
      for (const e of this.errors) log(`ERROR in ${e.section}: ${e.error}`);
      process.exitCode = 1;
    }
    return path;
  }
}

// ---------------------------------------------------------------------------- CPU and DB calls per phase

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export const cpuStart = () => ({ processes: cpuSeconds(benchProcesses()), machine: machineCpu(), at: now() });

/** Cores each process used since `before` (this benchmark, the services, the gateway, Kafka, FerretDB, PostgreSQL) and the rest of the machine. */
export const cpuSince = (before: ReturnType<typeof cpuStart>) => {
  const after = cpuStart();
  const seconds = (after.at - before.at) / 1000;
  const used = Object.entries(after.processes)
    .map(([k, v]) => [k, (v - (before.processes[k] ?? 0)) / seconds] as [string, number])
    .sort((a, b) => b[1] - a[1]);
  const total = used.reduce((a, [, v]) => a + v, 0);
  const machine = after.machine && before.machine ? (after.machine.busy - before.machine.busy) / seconds : NaN;
  return {
    seconds,
    total,
    other: Math.max(0, machine - total),
    used,
    note: `${used.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}; rest of the machine ${Number.isNaN(machine) ? '?' : Math.max(0, machine - total).toFixed(2)} of ${cpus().length} cores`,
  };
};

/**
 * One phase's CPU (cores per process), FerretDB requests (every client's, by command) and each
 * service's own MongoDB commands (count and driver-side time, by command and collection; with
 * BENCH_DB_METER), the `focus` service's broken down. `shortKey` shortens a collection key.
 */
export const meterPhase = async (focus: string, shortKey: (k: string) => string = (k) => k) => {
  const cpu0 = cpuStart();
  const db0 = await ferretdbCommands();
  const calls0 = dbCalls();
  return async () => {
    const cpu = cpuSince(cpu0);
    const db = commandDiff(db0, await ferretdbCommands());
    const calls = dbCallsDiff(calls0, dbCalls());
    const top = (name: string, n = 6) => {
      const c = calls[name];
      if (!c || !c.count) return `${name}: no DB calls metered`;
      return `${name}: ${c.count} DB calls, ${round(c.ms / 1000, 2)} s in them (${c.calls
        .slice(0, n)
        .map((r) => `${shortKey(r.key)} ${r.count}× ${round(r.ms / 1000, 2)} s`)
        .join(', ')})`;
    };
    const others = Object.entries(calls)
      .filter(([n, c]) => n !== focus && c.count)
      .map(([n, c]) => `${n} ${c.count} (${round(c.ms / 1000, 1)} s)`)
      .join(', ');
    return {
      cpu,
      db,
      calls,
      dbTotal: db.reduce((a, [, n]) => a + n, 0),
      dbNote: `${db.length ? `FerretDB requests ${db.reduce((a, [, n]) => a + n, 0)} (${db.map(([k, n]) => `${k} ${n}`).join(', ')})` : 'FerretDB metrics unavailable'}; ${top(focus)}${others ? `; other services' DB calls: ${others}` : ''}`,
    };
  };
};
export type Phase = Awaited<ReturnType<Awaited<ReturnType<typeof meterPhase>>>>;

/** A phase for the results JSON. */
export const phaseBreakdown = (ph: Phase, shortKey: (k: string) => string = (k) => k) => ({
  seconds: round(ph.cpu.seconds, 2),
  cores: Object.fromEntries(ph.cpu.used.map(([n, v]) => [n, round(v, 3)])),
  cpuSeconds: Object.fromEntries(ph.cpu.used.map(([n, v]) => [n, round(v * ph.cpu.seconds, 2)])),
  restOfMachineCores: round(ph.cpu.other, 3),
  ferretdbRequests: Object.fromEntries(ph.db),
  dbCalls: Object.fromEntries(
    Object.entries(ph.calls).map(([n, c]) => [
      n,
      { count: c.count, ms: round(c.ms), byCommand: c.calls.slice(0, 25).map((r) => ({ ...r, key: shortKey(r.key), ms: round(r.ms) })) },
    ]),
  ),
});

// ---------------------------------------------------------------------------- pipeline idle

/** Kafka consumer lag and unpublished outbox commits, summed over every group and service. */
export const pipelineBacklog = async (mongo: MongoClient, admin: ReturnType<Kafka['admin']>, platform: RunningPlatform) => {
  let unpublished = 0;
  for (const db of Object.values(platform.dbs)) unpublished += await unpublishedCommits(mongo.db(db));
  let lag = 0;
  const ends = new Map<string, Map<number, bigint>>();
  for (const g of (await admin.listGroups()).groups) {
    for (const t of await admin.fetchOffsets({ groupId: g.groupId })) {
      let end = ends.get(t.topic);
      if (!end) ends.set(t.topic, (end = new Map((await admin.fetchTopicOffsets(t.topic)).map((p) => [p.partition, BigInt(p.high)]))));
      for (const p of t.partitions) {
        const committed = BigInt(p.offset) < 0n ? 0n : BigInt(p.offset);
        const high = end.get(p.partition) ?? 0n;
        if (high > committed) lag += Number(high - committed);
      }
    }
  }
  return { unpublished, lag };
};

/** Until nothing is unpublished and every consumer group is at the end of its topics (the sections start on a quiet pipeline). */
export const waitIdle = async (mongo: MongoClient, admin: ReturnType<Kafka['admin']>, platform: RunningPlatform, what: string, capMs = 300_000) => {
  const t0 = now();
  let last = { unpublished: -1, lag: -1 };
  while (now() - t0 < capMs) {
    last = await pipelineBacklog(mongo, admin, platform);
    if (!last.unpublished && !last.lag) {
      log(`${what}: pipeline idle after ${((now() - t0) / 1000).toFixed(1)} s`);
      return now() - t0;
    }
    await sleep(500);
  }
  log(`${what}: pipeline NOT idle after ${capMs / 1000} s (${last.unpublished} unpublished, lag ${last.lag}); going on`);
  return now() - t0;
};
