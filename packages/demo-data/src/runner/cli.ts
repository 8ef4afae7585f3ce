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
import { buildRegionPlan, DEFAULT_SEED, RegionPlan } from '../region/region-model';
import { SEED_STAGES } from '../stages';
import { GraphQLClient } from './graphql-client';
import { formatProgress } from './progress';
import { regionToday } from './stage-run';
import { planStages, runStages, StageResult } from './stages';
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

const OPTIONS = {
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
} as const;

/** Bad usage: the message and the usage text, exit code 2. */
class UsageError extends Error {}

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

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

/** The plan's options: scale, seed (digits are a number) and asOf (default today, UTC). */
const planArgs = (values: Values) => {
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!(Number.isFinite(scale) && scale > 0)) throw new UsageError('--scale must be a positive number');
  const seed = values.seed === undefined ? DEFAULT_SEED : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const asOf = values['as-of'] ?? regionToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) throw new UsageError('--as-of must be YYYY-MM-DD');
  return { scale, seed, asOf };
};

/** The stages to run (`--only`, with what they need) as the runner will run them; an unknown one is bad usage. */
const stageArgs = (values: Values) => {
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    return { only, stagePlan: planStages(SEED_STAGES, only) };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
};

/** The command line with its defaults, checked in the order of the usage text; null for `--help`. */
const parseCommandLine = () => {
  const { values } = parseArgs({ options: OPTIONS, strict: true });
  if (values.help) return null;
  const gateway = values.gateway ?? process.env['MMS_GATEWAY_URL'] ?? 'http://127.0.0.1:4000/graphql';
  const keysDir = resolve(values.keys ?? process.env['MMS_KEYS_DIR'] ?? '.local/keys');
  const { scale, seed, asOf } = planArgs(values);
  const concurrency = positiveInt('concurrency', values.concurrency, 16);
  const retries = positiveInt('retries', values.retries, 4, 0);
  const timeoutMs = positiveInt('timeout-ms', values['timeout-ms'], 30_000);
  const progressIntervalMs = positiveInt('progress-ms', values['progress-ms'], 1000);
  const { only, stagePlan } = stageArgs(values);
  return { values, gateway, keysDir, scale, seed, asOf, concurrency, retries, timeoutMs, progressIntervalMs, only, stagePlan };
};

type Args = NonNullable<ReturnType<typeof parseCommandLine>>;
type Log = (line: string) => void;

/** Builds the plan, says how big it is, and writes it for `--plan-out`. */
const buildPlan = (args: Args, log: Log): RegionPlan => {
  const { seed, scale, asOf } = args;
  const t0 = performance.now();
  const plan = buildRegionPlan({ seed, scale, asOf });
  log(
    `plan: seed ${plan.seed}, scale ${scale}, as of ${asOf}: ${plan.totals.municipalities} municipalities, ` +
      `${plan.totals.organizations} organisations, ${plan.totals.educators} educators ` +
      `(${plan.totals.youngTeachers} young) in ${Math.round(performance.now() - t0)} ms`,
  );
  if (args.values['plan-out']) writeJson(args.values['plan-out'], plan);
  return plan;
};

/** `--plan-only`: what the selected stages would seed (and the commands they would send to an empty platform). */
const printPlanTotals = (args: Args, plan: RegionPlan, header: object) => {
  const planned = args.stagePlan.filter((s) => s.mode === 'seed').map((s) => s.stage.planTotals?.(plan) ?? {});
  process.stdout.write(`${JSON.stringify(Object.assign({ ...header }, ...planned, { ok: true }), null, 2)}\n`);
};

/** Runs the stages through the gateway; SIGINT / SIGTERM stop it after the commands in flight. */
const runThroughGateway = async (args: Args, plan: RegionPlan, log: Log) => {
  const { gateway, retries, timeoutMs, keysDir, stagePlan, concurrency, only, progressIntervalMs } = args;
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
  return { results, signal: abort.signal };
};

/** `--ids-out`: the id maps of the first stage that has them; `--samples-out`: every stage's samples as JSON lines. */
const writeOutputs = async (args: Args, plan: RegionPlan, results: Map<string, StageResult>) => {
  const { values, stagePlan, scale, asOf } = args;
  const withIds = stagePlan.map((s) => ({ s, r: results.get(s.stage.name) })).find(({ s, r }) => r && s.stage.idsOf);
  if (withIds && values['ids-out']) writeJson(values['ids-out'], { seed: plan.seed, scale, asOf, ids: withIds.s.stage.idsOf!(withIds.r!) });
  if (!values['samples-out']) return;
  mkdirSync(dirname(resolve(values['samples-out'])), { recursive: true });
  const out = createWriteStream(values['samples-out']);
  for (const [, r] of results) {
    const samples = (r.detail as { samples?: unknown[] } | null)?.samples ?? [];
    for (const s of samples) out.write(`${JSON.stringify({ stage: r.stage, ...(s as object) })}\n`);
  }
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
};

/** The JSON summary on stdout; ok when every planned stage ran and succeeded, uninterrupted. */
const printSummary = (args: Args, header: object, results: Map<string, StageResult>, signal: AbortSignal): boolean => {
  const ran = [...results.values()];
  const ok = ran.length === args.stagePlan.length && ran.every((r) => r.ok) && !signal.aborted;
  const summary = {
    ...header,
    gateway: args.gateway,
    concurrency: args.concurrency,
    ok,
    stages: Object.fromEntries(ran.map((r) => [r.stage, r.summary])),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return ok;
};

/** The whole command; resolves to the exit code (bad usage throws UsageError). */
const main = async (): Promise<number> => {
  const args = parseCommandLine();
  if (!args) {
    process.stdout.write(USAGE);
    return 0;
  }
  const log: Log = (line) => {
    if (!args.values.quiet) process.stderr.write(`${line}\n`);
  };
  const plan = buildPlan(args, log);
  const header = { seed: plan.seed, scale: args.scale, asOf: args.asOf, plan: plan.totals };
  if (args.values['plan-only']) {
    printPlanTotals(args, plan, header);
    return 0;
  }
  if (args.asOf > regionToday()) {
    throw new UsageError(`--as-of ${args.asOf} is in the future: the directory refuses career start dates after its today`);
  }
  const { results, signal } = await runThroughGateway(args, plan, log);
  await writeOutputs(args, plan, results);
  return printSummary(args, header, results, signal) ? 0 : 1;
};

/** Exit code 0 when every stage succeeded, 1 when something failed, 2 on bad usage. */
const exitWith = (err: unknown) => {
  if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
};

main().then((code) => {
  process.exitCode = code;
}, exitWith);
