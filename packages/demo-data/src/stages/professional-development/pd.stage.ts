/**
 * Professional development: the programme catalogue and cohorts, a year of enrolments and
 * completions, training history, diagnostics, routes and mentorships. Writes only; it has
 * no read-only mode (no stage needs it).
 */
import { SeedStage, seedOptionsOf } from '../../runner/stages';
import { directoryIdsOf } from '../directory/directory.stage';
import { buildPdPlan } from './pd-plan';
import { pdSummary, seedProfessionalDevelopment } from './seed-professional-development';

export const professionalDevelopmentStage: SeedStage = {
  name: 'professional-development',
  description: 'programmes, cohorts, enrolments and completions, training history, diagnostics, routes, mentorships',
  needs: ['directory'],
  supportsResolve: false,
  async run(ctx) {
    const r = await seedProfessionalDevelopment(ctx.plan, directoryIdsOf(ctx.results), seedOptionsOf(ctx));
    return { stage: 'professional-development', mode: ctx.mode, ok: r.ok, summary: pdSummary(r), detail: r };
  },
  planTotals: (plan) => ({ professionalDevelopment: buildPdPlan(plan).totals }),
};
