/**
 * Communities: the methodological network of the demo region (ШМО, РМО, network structures,
 * regional ones), innovation and base sites through their procedure, and a year of
 * methodological events with registrations, waitlists, attendance, certificates and feedback.
 * Writes only; it has no read-only mode (no stage needs it).
 */
import { SeedStage, seedOptionsOf } from '../../runner/stages';
import { directoryIdsOf } from '../directory/directory.stage';
import { buildCommunitiesPlan } from './communities-plan';
import { communitiesSummary, seedCommunities } from './seed-communities';

export const communitiesStage: SeedStage = {
  name: 'communities',
  description:
    'ШМО, РМО and network structures, innovation and base sites with reports, a year of methodological events with registrations, attendance and feedback',
  needs: ['directory'],
  supportsResolve: false,
  async run(ctx) {
    const r = await seedCommunities(ctx.plan, directoryIdsOf(ctx.results), seedOptionsOf(ctx));
    return { stage: 'communities', mode: ctx.mode, ok: r.ok, summary: communitiesSummary(r), detail: r };
  },
  planTotals: (plan) => ({ communities: buildCommunitiesPlan(plan).totals }),
};
