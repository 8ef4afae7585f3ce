/** Phase 2 of the directory seeding: each municipality's organisations, matched by name, the missing ones registered by its methodologist. */
import { MunicipalityPlan, OrganizationPlan } from '../../../region/region-model';
import { runPool } from '../../../runner/pool';
import { aborted, command, DirectorySeedContext, fail, index, readAll, tally } from './context';
import { LIST_ORGANIZATIONS, REGISTER_ORGANIZATION } from './documents';

/** An organisation the directory lacks, with its municipality and the methodologist token that registers it. */
interface OrganizationToDo {
  m: MunicipalityPlan;
  o: OrganizationPlan;
  token: string;
}

/** Matches a municipality's organisations by name; what is missing goes to `todo` (in `seed`). */
const reconcileOrganizations = async (ctx: DirectorySeedContext, ready: Set<string>, todo: OrganizationToDo[], m: MunicipalityPlan) => {
  if (!ready.has(m.id)) {
    tally(ctx, 'organizations', 'skipped', m.organizations.length);
    return;
  }
  try {
    const token = await ctx.tokens.methodologist(m.id);
    const byName = ctx.reconcile
      ? index(
          ctx,
          await readAll<{ id: string; name: string }>(ctx, LIST_ORGANIZATIONS, 'organizations', token),
          (n) => n.name,
          (n) => n.id,
        )
      : new Map<string, string>();
    for (const o of m.organizations) {
      const id = byName.get(o.input.name);
      if (id) {
        ctx.ids.organizations[o.id] = id;
        tally(ctx, 'organizations', 'existing');
      } else if (ctx.mode === 'resolve') tally(ctx, 'organizations', 'missing');
      else todo.push({ m, o, token });
    }
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'reconcile', planId: m.id, tenantId: m.id }, err);
    tally(ctx, 'organizations', 'failed', m.organizations.length);
  }
};

/** Registers one missing organisation (the platform gives it its id). */
const registerOrganization = async (ctx: DirectorySeedContext, { m, o, token }: OrganizationToDo) => {
  try {
    const r = await command(ctx, {
      name: 'registerOrganization',
      query: REGISTER_ORGANIZATION,
      input: { ...o.input },
      token,
      planId: o.id,
      tenantId: m.id,
      existsCode: null,
    });
    ctx.ids.organizations[o.id] = r.id;
    tally(ctx, 'organizations', 'created');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'registerOrganization', planId: o.id, tenantId: m.id }, err);
    tally(ctx, 'organizations', 'failed');
  }
};

/** Phase 2: reads per municipality, then registers what is missing in plan-id order. */
export const seedOrganizations = async (ctx: DirectorySeedContext, ready: Set<string>, planned: number) => {
  ctx.progress.startPhase('organizations', planned);
  const todo: OrganizationToDo[] = [];
  await runPool(ctx.plan.municipalities, Math.min(ctx.concurrency, 8), (m) => reconcileOrganizations(ctx, ready, todo, m), ctx.signal);
  todo.sort((x, y) => (x.o.id < y.o.id ? -1 : 1));
  await runPool(todo, ctx.concurrency, (t) => registerOrganization(ctx, t), ctx.signal);
  ctx.progress.endPhase();
};
