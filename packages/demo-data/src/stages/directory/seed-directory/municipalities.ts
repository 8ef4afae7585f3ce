/** Phase 1 of the directory seeding: the plan's municipalities, onboarded by the regional operator (or, in `resolve`, only looked up). */
import { MunicipalityPlan } from '../../../region/region-model';
import { runPool } from '../../../runner/pool';
import { aborted, command, DirectorySeedContext, fail, readAll, tally } from './context';
import { LIST_MUNICIPALITIES, ONBOARD_MUNICIPALITY } from './documents';

/** `resolve`: the plan's municipalities the directory has. */
const resolveMunicipalities = async (ctx: DirectorySeedContext, operator: string, ready: Set<string>) => {
  const existing = new Set((await readAll<{ id: string }>(ctx, LIST_MUNICIPALITIES, 'municipalities', operator)).map((n) => n.id));
  for (const m of ctx.plan.municipalities) {
    if (existing.has(m.id)) {
      ready.add(m.id);
      ctx.ids.municipalities[m.id] = m.id;
      tally(ctx, 'municipalities', 'existing');
    } else tally(ctx, 'municipalities', 'missing');
  }
};

/** Onboards one municipality (MUNICIPALITY_EXISTS counts as done). */
const onboardMunicipality = async (ctx: DirectorySeedContext, operator: string, ready: Set<string>, m: MunicipalityPlan) => {
  try {
    const r = await command(ctx, {
      name: 'onboardMunicipality',
      query: ONBOARD_MUNICIPALITY,
      input: { ...m.input },
      token: operator,
      planId: m.id,
      tenantId: m.id,
      existsCode: 'MUNICIPALITY_EXISTS',
    });
    ready.add(m.id);
    ctx.ids.municipalities[m.id] = m.id;
    tally(ctx, 'municipalities', r.outcome);
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'onboardMunicipality', planId: m.id, tenantId: m.id }, err);
    tally(ctx, 'municipalities', 'failed');
  }
};

/** Phase 1; returns the municipalities the next phases can write to. */
export const seedMunicipalities = async (ctx: DirectorySeedContext): Promise<Set<string>> => {
  const { plan, progress } = ctx;
  progress.startPhase('municipalities', plan.municipalities.length);
  const ready = new Set<string>();
  const operator = await ctx.tokens.regionalOperator();
  if (ctx.mode === 'resolve') await resolveMunicipalities(ctx, operator, ready);
  else await runPool(plan.municipalities, ctx.concurrency, (m: MunicipalityPlan) => onboardMunicipality(ctx, operator, ready, m), ctx.signal);
  progress.endPhase();
  return ready;
};
