/** Phase 3 of the directory seeding: each municipality's educators, matched by full name, the missing ones registered by its methodologist. */
import { EducatorPlan, MunicipalityPlan } from '../../../region/region-model';
import { runPool } from '../../../runner/pool';
import { aborted, command, DirectorySeedContext, fail, index, readAll, tally } from './context';
import { LIST_EDUCATORS, REGISTER_EDUCATOR } from './documents';

/** An educator the directory lacks, with the directory id of its organisation and the methodologist token that registers it. */
interface EducatorToDo {
  m: MunicipalityPlan;
  e: EducatorPlan;
  organizationId: string;
  token: string;
}

/** A municipality's educators in every status, by full name. */
const existingEducators = async (ctx: DirectorySeedContext, token: string): Promise<Map<string, string>> => {
  const nodes: { id: string; fullName: string | null }[] = [];
  for (const status of ['ACTIVE', 'LEFT', 'TRANSFERRED']) {
    nodes.push(...(await readAll<{ id: string; fullName: string | null }>(ctx, LIST_EDUCATORS, 'educators', token, { status })));
  }
  return index(
    ctx,
    nodes,
    (n) => n.fullName,
    (n) => n.id,
  );
};

/** Matches a municipality's educators by full name; what is missing (with its organisation registered) goes to `todo`. */
const reconcileEducators = async (ctx: DirectorySeedContext, ready: Set<string>, todo: EducatorToDo[], m: MunicipalityPlan) => {
  const educatorsHere = m.organizations.reduce((a, o) => a + o.educators.length, 0);
  if (!ready.has(m.id)) {
    tally(ctx, 'educators', 'skipped', educatorsHere);
    return;
  }
  try {
    const token = await ctx.tokens.methodologist(m.id);
    const byName = ctx.reconcile ? await existingEducators(ctx, token) : new Map<string, string>();
    for (const o of m.organizations) {
      const organizationId = ctx.ids.organizations[o.id];
      for (const e of o.educators) {
        const id = byName.get(e.input.fullName);
        if (id) {
          ctx.ids.educators[e.id] = id;
          tally(ctx, 'educators', 'existing');
        } else if (ctx.mode === 'resolve') tally(ctx, 'educators', 'missing');
        else if (!organizationId) tally(ctx, 'educators', 'skipped');
        else todo.push({ m, e, organizationId, token });
      }
    }
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'reconcile', planId: m.id, tenantId: m.id }, err);
    tally(ctx, 'educators', 'failed', educatorsHere);
  }
};

/** Registers one missing educator in its organisation (by the organisation's directory id). */
const registerEducator = async (ctx: DirectorySeedContext, { m, e, organizationId, token }: EducatorToDo) => {
  try {
    const r = await command(ctx, {
      name: 'registerEducator',
      query: REGISTER_EDUCATOR,
      input: { organizationId, ...e.input },
      token,
      planId: e.id,
      tenantId: m.id,
      existsCode: null,
    });
    ctx.ids.educators[e.id] = r.id;
    tally(ctx, 'educators', 'created');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'registerEducator', planId: e.id, tenantId: m.id }, err);
    tally(ctx, 'educators', 'failed');
  }
};

/** Phase 3: reads per municipality, then registers what is missing in plan-id order. */
export const seedEducators = async (ctx: DirectorySeedContext, ready: Set<string>) => {
  ctx.progress.startPhase('educators', ctx.plan.totals.educators);
  const todo: EducatorToDo[] = [];
  await runPool(ctx.plan.municipalities, Math.min(ctx.concurrency, 8), (m) => reconcileEducators(ctx, ready, todo, m), ctx.signal);
  todo.sort((x, y) => (x.e.id < y.e.id ? -1 : 1));
  await runPool(todo, ctx.concurrency, (t) => registerEducator(ctx, t), ctx.signal);
  ctx.progress.endPhase();
};
