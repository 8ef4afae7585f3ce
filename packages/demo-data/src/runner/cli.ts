/*
 * Seeds a deterministic demo region through the platform's GraphQL gateway.
 *
 *   node packages/demo-data/dist/cli.js --gateway http://127.0.0.1:4000/graphql --keys .local/keys \
 *     [--scale 1] [--seed 42] [--as-of 2026-11-22] [--concurrency 16] [--only directory]
 *
 * Progress goes to stderr, a JSON summary to stdout. Exit code 0 when every stage
 * succeeded, 1 when something failed, 2 on bad usage.
 *
 * Stages: SEED_STAGES in ../stages/index.ts, the one list of them; this file knows none by name.
 */
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildRegionPlan, DEFAULT_SEED } from '../region/region-model';
import { SEED_STAGES } from '../stages';
import { GraphQLClient } from './graphql-client';
import { formatProgress } from './progress';
import { todayUtc } from './stage-run';
import { planStages, runStages } from './stages';
import { devTokenSource } from './tokens';

const USAGE = `Usage: node packages/demo-data/dist/cli.js [options]

  --gateway URL          GraphQL endpoint of the gateway (default $MMS_GATEWAY_URL or http://127.0.0.1:4000/graphql)
  --keys DIR             dev keys the gateway trusts (default $MMS_KEYS_DIR or .local/keys)
  --scale N              size factor: 1 = 60 municipalities, 1500 organisations, 40000 educators (default 1)
  --seed S               PRNG seed, number or text (default ${DEFAULT_SEED})
  --as-of YYYY-MM-DD     the plan's "today" (default: today, UTC); must not be in the future
  --concurrency N        commands in flight (default 16)
  --only a,b             stages to run (default all: ${SEED_STAGES.map((s) => s.name).join(', ')})
  --retries N            retries on network errors / 429 / 502 / 503 / 504 (default 4)
  --timeout-ms N         per request (default 30000)
  --progress-ms N        progress interval (default 1000)
  --samples-out FILE     write every accepted command (JSON lines: ids, sentAt, acceptedAt, latencyMs)
  --ids-out FILE         write plan id → directory id maps (JSON)
  --plan-out FILE        write the whole plan (JSON)
  --plan-only            build the plan, print its totals (and the PD stage's), call nothing
  --quiet                no progress on stderr
  --help
`;

const writeJson = (file: string, value: unknown) => {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
};

const positiveInt = (name: string, v: string | undefined, dflt: number, min = 1): number => {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}`);
  return n;
};

class UsageError extends Error {}

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      gateway: { type: 'string' },
      keys: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      concurrency: { type: 'string' },
      only: { type: 'string' },
      retries: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'progress-ms': { type: 'string' },
      'samples-out': { type: 'string' },
      'ids-out': { type: 'string' },
      'plan-out': { type: 'string' },
      'plan-only': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const gateway = values.gateway ?? process.env['MMS_GATEWAY_URL'] ?? 'http://127.0.0.1:4000/graphql';
  const keysDir = resolve(values.keys ?? process.env['MMS_KEYS_DIR'] ?? '.local/keys');
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!(Number.isFinite(scale) && scale > 0)) throw new UsageError('--scale must be a positive number');
  const seed = values.seed === undefined ? DEFAULT_SEED : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const asOf = values['as-of'] ?? todayUtc();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) throw new UsageError('--as-of must be YYYY-MM-DD');
  const concurrency = positiveInt('concurrency', values.concurrency, 16);
  const retries = positiveInt('retries', values.retries, 4, 0);
  const timeoutMs = positiveInt('timeout-ms', values['timeout-ms'], 30_000);
  const progressIntervalMs = positiveInt('progress-ms', values['progress-ms'], 1000);
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let stagePlan;
  try {
    stagePlan = planStages(SEED_STAGES, only);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const log = (line: string) => {
    if (!values.quiet) process.stderr.write(`${line}\n`);
  };

  const t0 = performance.now();
  const plan = buildRegionPlan({ seed, scale, asOf });
  log(
    `plan: seed ${plan.seed}, scale ${scale}, as of ${asOf}: ${plan.totals.municipalities} municipalities, ` +
      `${plan.totals.organizations} organisations, ${plan.totals.educators} educators ` +
      `(${plan.totals.youngTeachers} young) in ${Math.round(performance.now() - t0)} ms`,
  );
  if (values['plan-out']) writeJson(values['plan-out'], plan);
  const header = { seed: plan.seed, scale, asOf, plan: plan.totals };
  if (values['plan-only']) {
    // What the selected stages would seed (and the commands they would send to an empty platform).
    const planned = stagePlan.filter((s) => s.mode === 'seed').map((s) => s.stage.planTotals?.(plan) ?? {});
    process.stdout.write(`${JSON.stringify(Object.assign({ ...header }, ...planned, { ok: true }), null, 2)}\n`);
    return 0;
  }
  if (asOf > todayUtc()) {
    throw new UsageError(`--as-of ${asOf} is in the future: the directory refuses career start dates after its today`);
  }

  const client = new GraphQLClient({ url: gateway, retries, timeoutMs });
  const tokens = devTokenSource({ keysDir });
  const abort = new AbortController();
  const onSignal = () => {
    log('interrupted: stopping after the commands in flight…');
    abort.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  log(
    `stages: ${stagePlan.map((s) => `${s.stage.name}${s.mode === 'resolve' ? ' (read-only)' : ''}`).join(', ')}; gateway ${gateway}; concurrency ${concurrency}`,
  );
  const results = await runStages({
    stages: SEED_STAGES,
    plan,
    client,
    tokens,
    concurrency,
    ...(only ? { only } : {}),
    onProgress: (p) => log(formatProgress(p)),
    progressIntervalMs,
    signal: abort.signal,
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);

  const withIds = stagePlan.map((s) => ({ s, r: results.get(s.stage.name) })).find(({ s, r }) => r && s.stage.idsOf);
  if (withIds && values['ids-out']) writeJson(values['ids-out'], { seed: plan.seed, scale, asOf, ids: withIds.s.stage.idsOf!(withIds.r!) });
  if (values['samples-out']) {
    mkdirSync(dirname(resolve(values['samples-out'])), { recursive: true });
    const out = createWriteStream(values['samples-out']);
    for (const [, r] of results) {
      const samples = (r.detail as { samples?: unknown[] } | null)?.samples ?? [];
      for (const s of samples) out.write(`${JSON.stringify({ stage: r.stage, ...(s as object) })}\n`);
    }
    await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
  }

  const ran = [...results.values()];
  const ok = ran.length === stagePlan.length && ran.every((r) => r.ok) && !abort.signal.aborted;
  const summary = {
    ...header,
    gateway,
    concurrency,
    ok,
    stages: Object.fromEntries(ran.map((r) => [r.stage, r.summary])),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return ok ? 0 : 1;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
