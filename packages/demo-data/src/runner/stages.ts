/**
 * Seeding stages, run in order by the CLI (and by benchmarks through `runStages`).
 *
 * ┌───────────────────────────────────────────────────────────────────────────────┐
 * │ EXTENSION POINT: add later stages to SEED_STAGES below (the professional-      │
 * │ development stage, `professionalDevelopmentStage`, is the worked example).     │
 * │ A stage gets the plan, the gateway client,                                     │
 * │ tokens, concurrency and progress reporting, and the results of the stages      │
 * │ before it: `directoryIdsOf(ctx.results)` maps plan ids (org-…, edu-…) to the    │
 * │ directory's ids. List 'directory' in `needs`: if the user selects only your    │
 * │ stage (--only …), the directory stage runs in resolve mode (reads, no writes)  │
 * │ to provide those ids.                                                          │
 * └───────────────────────────────────────────────────────────────────────────────┘
 */
import { GraphQLClient } from './graphql-client';
import { ProgressListener } from './progress';
import { RegionPlan } from './region-model';
import { DirectoryIds, DirectorySeedResult, latencySummary, seedDirectory } from './seed-directory';
import { pdSummary, seedProfessionalDevelopment } from './seed-professional-development';
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
}

export const directoryStage: SeedStage = {
  name: 'directory',
  description: 'municipalities, educational organisations and educators',
  supportsResolve: true,
  async run(ctx) {
    const r = await seedDirectory(ctx.plan, {
      client: ctx.client,
      tokens: ctx.tokens,
      concurrency: ctx.concurrency,
      mode: ctx.mode,
      ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
      ...(ctx.progressIntervalMs !== undefined ? { progressIntervalMs: ctx.progressIntervalMs } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    return { stage: 'directory', mode: ctx.mode, ok: r.ok, summary: directorySummary(r), detail: r };
  },
};

export const directorySummary = (r: DirectorySeedResult): Record<string, unknown> => ({
  mode: r.mode,
  ok: r.ok,
  aborted: r.aborted,
  counts: r.counts,
  duplicatesFound: r.duplicatesFound,
  commands: r.commands,
  queries: r.queries,
  durationMs: r.durationMs,
  commandsPerSecond: r.commandsPerSecond,
  latencyMs: latencySummary(r.samples),
  errors: r.errors.slice(0, 20),
});

/** The directory's ids from the results of an earlier run of the directory stage. */
export const directoryIdsOf = (results: ReadonlyMap<string, StageResult>): DirectoryIds => {
  const r = results.get('directory');
  if (!r) throw new Error('the directory stage has not run: list "directory" in the stage\'s `needs`');
  return (r.detail as DirectorySeedResult).ids;
};

/**
 * Professional development (seed-professional-development.ts, plan in pd-plan.ts): the
 * programme catalogue and cohorts, a year of enrolments and completions, training history,
 * diagnostics, routes and mentorships. Writes only; it has no read-only mode (no stage needs it).
 */
export const professionalDevelopmentStage: SeedStage = {
  name: 'professional-development',
  description: 'programmes, cohorts, enrolments and completions, training history, diagnostics, routes, mentorships',
  needs: ['directory'],
  supportsResolve: false,
  async run(ctx) {
    const r = await seedProfessionalDevelopment(ctx.plan, directoryIdsOf(ctx.results), {
      client: ctx.client,
      tokens: ctx.tokens,
      concurrency: ctx.concurrency,
      ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
      ...(ctx.progressIntervalMs !== undefined ? { progressIntervalMs: ctx.progressIntervalMs } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    return { stage: 'professional-development', mode: ctx.mode, ok: r.ok, summary: pdSummary(r), detail: r };
  },
};

/** The stages, in the order they run. */
export const SEED_STAGES: SeedStage[] = [
  directoryStage,
  professionalDevelopmentStage,
  // ▼ EXTENSION POINT — later stages go here, e.g.
  //   { name: '…', needs: ['directory'], description: '…', run: async (ctx) => … },
];

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
  stages?: readonly SeedStage[];
  only?: readonly string[];
  /** Stop after a stage that did not succeed; default true. */
  stopOnFailure?: boolean;
}

/** Runs the selected stages (and what they need) in order; returns every result by name. */
export const runStages = async (options: RunStagesOptions): Promise<Map<string, StageResult>> => {
  const { stages = SEED_STAGES, only, stopOnFailure = true, ...base } = options;
  const results = new Map<string, StageResult>();
  for (const { stage, mode } of planStages(stages, only)) {
    const r = await stage.run({ ...base, mode, results });
    results.set(stage.name, r);
    if (!r.ok && stopOnFailure) break;
    if (base.signal?.aborted) break;
  }
  return results;
};
