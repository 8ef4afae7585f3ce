/**
 * The stage runner: what a stage is, which stages run in which mode, and running them in
 * order. It knows no context: the stages themselves live in stages/<context>/ and are
 * listed once, in SEED_STAGES (stages/index.ts).
 */
import { RegionPlan } from '../region/region-model';
import { GraphQLClient } from './graphql-client';
import { ProgressListener } from './progress';
import { TokenSource } from './tokens';

export type StageMode = 'seed' | 'resolve';

export interface StageContext {
  plan: RegionPlan;
  client: GraphQLClient;
  tokens: TokenSource;
  /** Commands in flight at once. */
  concurrency: number;
  /** `seed`: write; `resolve`: only read what exists (for a later stage's needs). */
  mode: StageMode;
  onProgress?: ProgressListener;
  progressIntervalMs?: number;
  signal?: AbortSignal;
  /** Results of the stages that already ran, by stage name. */
  results: ReadonlyMap<string, StageResult>;
}

export interface StageResult {
  stage: string;
  mode: StageMode;
  ok: boolean;
  /** JSON-friendly, printed by the CLI (keep it small: no per-record data). */
  summary: Record<string, unknown>;
  /** The stage's full result (ids, samples…), for the stages after it and for benchmarks. */
  detail: unknown;
}

export interface SeedStage {
  name: string;
  description: string;
  /** Stages whose results this one reads. */
  needs?: string[];
  /** Whether the stage can run read-only to provide its results to a later stage. */
  supportsResolve?: boolean;
  run(ctx: StageContext): Promise<StageResult>;
  /** `--plan-only`: what the stage would seed, merged into the printed summary (e.g. `{ professionalDevelopment: totals }`). */
  planTotals?(plan: RegionPlan): Record<string, unknown>;
  /** `--ids-out`: the plan id → server id maps of the stage's result, if it has any. */
  idsOf?(result: StageResult): unknown;
}

/** What every seeder takes from the stage context (the options shared by all stages). */
export const seedOptionsOf = (ctx: StageContext) => ({
  client: ctx.client,
  tokens: ctx.tokens,
  concurrency: ctx.concurrency,
  ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  ...(ctx.progressIntervalMs !== undefined ? { progressIntervalMs: ctx.progressIntervalMs } : {}),
  ...(ctx.signal ? { signal: ctx.signal } : {}),
});

/** Which stages run and how: the selected ones seed; the ones they need (transitively) resolve. */
export const planStages = (stages: readonly SeedStage[], only?: readonly string[]): { stage: SeedStage; mode: StageMode }[] => {
  const names = new Set(stages.map((s) => s.name));
  const selected = new Set(only && only.length ? only : stages.map((s) => s.name));
  for (const n of selected) if (!names.has(n)) throw new Error(`unknown stage "${n}" (known: ${[...names].join(', ')})`);
  const needed = new Set<string>();
  const visit = (name: string) => {
    for (const dep of stages.find((s) => s.name === name)?.needs ?? []) {
      if (!needed.has(dep)) {
        needed.add(dep);
        visit(dep);
      }
    }
  };
  for (const n of selected) visit(n);
  const out: { stage: SeedStage; mode: StageMode }[] = [];
  for (const s of stages) {
    if (selected.has(s.name)) out.push({ stage: s, mode: 'seed' });
    else if (needed.has(s.name)) {
      if (!s.supportsResolve) throw new Error(`stage "${s.name}" is needed but cannot run read-only: select it too`);
      out.push({ stage: s, mode: 'resolve' });
    }
  }
  return out;
};

export interface RunStagesOptions extends Omit<StageContext, 'mode' | 'results'> {
  /** The registry (`SEED_STAGES` in stages/index.ts) or a selection of it. */
  stages: readonly SeedStage[];
  only?: readonly string[];
  /** Stop after a stage that did not succeed; default true. */
  stopOnFailure?: boolean;
}

/** Runs the selected stages (and what they need) in order; returns every result by name. */
export const runStages = async (options: RunStagesOptions): Promise<Map<string, StageResult>> => {
  const { stages, only, stopOnFailure = true, ...base } = options;
  const results = new Map<string, StageResult>();
  for (const { stage, mode } of planStages(stages, only)) {
    const r = await stage.run({ ...base, mode, results });
    results.set(stage.name, r);
    if (!r.ok && stopOnFailure) break;
    if (base.signal?.aborted) break;
  }
  return results;
};
