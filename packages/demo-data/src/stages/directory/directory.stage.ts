/**
 * The directory stage: municipalities, educational organisations and educators. It can run
 * read-only (`resolve`) to give later stages the directory's ids of the plan's records.
 */
import { latencySummary } from '../../runner/latency';
import { SeedStage, seedOptionsOf, StageResult } from '../../runner/stages';
import { DirectoryIds, DirectorySeedResult, seedDirectory } from './seed-directory';

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

export const directoryStage: SeedStage = {
  name: 'directory',
  description: 'municipalities, educational organisations and educators',
  supportsResolve: true,
  async run(ctx) {
    const r = await seedDirectory(ctx.plan, { ...seedOptionsOf(ctx), mode: ctx.mode });
    return { stage: 'directory', mode: ctx.mode, ok: r.ok, summary: directorySummary(r), detail: r };
  },
  idsOf: (result) => (result.detail as DirectorySeedResult).ids,
};

/** The directory's ids from the results of an earlier run of the directory stage (list 'directory' in `needs`). */
export const directoryIdsOf = (results: ReadonlyMap<string, StageResult>): DirectoryIds => {
  const r = results.get('directory');
  if (!r) throw new Error('the directory stage has not run: list "directory" in the stage\'s `needs`');
  return (r.detail as DirectorySeedResult).ids;
};
