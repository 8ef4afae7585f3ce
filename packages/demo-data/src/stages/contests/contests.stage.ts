/**
 * Contests: a year of the all-Russian school olympiad in the demo region (students and
 * consents, school, municipal and regional stages, juries, score files, protocols, appeals,
 * finals). Writes only; it has no read-only mode (no stage needs it).
 */
import { SeedStage, seedOptionsOf } from '../../runner/stages';
import { directoryIdsOf } from '../directory/directory.stage';
import { buildContestsPlan } from './contests-plan';
import { contestsSummary, seedContests } from './seed-contests';

export const contestsStage: SeedStage = {
  name: 'contests',
  description: 'students and consents, olympiad stages (school, municipal, regional), juries, score files, protocols, appeals, finals',
  needs: ['directory'],
  supportsResolve: false,
  async run(ctx) {
    const r = await seedContests(ctx.plan, directoryIdsOf(ctx.results), seedOptionsOf(ctx));
    return { stage: 'contests', mode: ctx.mode, ok: r.ok, summary: contestsSummary(r), detail: r };
  },
  planTotals: (plan) => ({ contests: buildContestsPlan(plan).totals }),
};
