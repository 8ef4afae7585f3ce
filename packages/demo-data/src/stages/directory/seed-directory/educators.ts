/** Phase 3 of the directory seeding: each municipality's educators, matched by full name, the missing ones registered by its methodologist. */
import { createHash } from 'node:crypto';
import { EducatorPlan, MunicipalityPlan } from '../../../region/region-model';
import { GraphQLRequestError } from '../../../runner/graphql-client';
import { runPool } from '../../../runner/pool';
import { sendTimed } from '../../../runner/stage-run';
import { aborted, DirectorySeedContext, fail, index, readAll, tally } from './context';
import { LIST_EDUCATORS, REGISTER_EDUCATORS } from './documents';

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

/** Educators per `registerEducators` call (the service takes up to 500). */
export const EDUCATOR_LIST = 100;

interface Registered {
  index: number;
  educator: { id: string } | null;
  error: { code: string; message: string; fields: string[] } | null;
}

/**
 * Registers one municipality's list of missing educators in one request (`registerEducators`:
 * the service appends their commits together). The list's Idempotency-Key is made of its plan
 * ids, so a retried request, or the same list in a later run, registers no one twice.
 */
const registerList = async (ctx: DirectorySeedContext, list: EducatorToDo[]) => {
  const { m, token } = list[0]!;
  const key = `demo-educators-${createHash('sha256')
    .update(list.map((t) => t.e.id).join(','))
    .digest('hex')
    .slice(0, 40)}`;
  try {
    // One request, as many commands as entries.
    ctx.progress.commandSent(list.length - 1);
    const a = await sendTimed<Registered[]>(
      ctx,
      'registerEducators',
      REGISTER_EDUCATORS,
      { input: list.map((t) => ({ organizationId: t.organizationId, ...t.e.input })) },
      token,
      [],
      { 'idempotency-key': key },
    );
    for (const r of a.data!) {
      const { e } = list[r.index]!;
      if (r.educator) {
        ctx.ids.educators[e.id] = r.educator.id;
        ctx.samples.push({
          command: 'registerEducator',
          planId: e.id,
          serverId: r.educator.id,
          tenantId: m.id,
          sentAt: a.sentAt,
          acceptedAt: a.acceptedAt,
          latencyMs: a.latencyMs,
          attempts: a.attempts,
          outcome: 'created',
        });
        tally(ctx, 'educators', 'created');
      } else {
        // Past maxFailures the run stops: the rest of the list is not counted as failed.
        if (aborted(ctx)) return;
        fail(
          ctx,
          { command: 'registerEducator', planId: e.id, tenantId: m.id },
          new GraphQLRequestError('registerEducators', 200, [{ message: r.error!.message, extensions: { code: r.error!.code } }]),
        );
        tally(ctx, 'educators', 'failed');
      }
    }
  } catch (err) {
    if (aborted(ctx)) return;
    for (const { e } of list) fail(ctx, { command: 'registerEducator', planId: e.id, tenantId: m.id }, err);
    tally(ctx, 'educators', 'failed', list.length);
  }
};

/** Phase 3: reads per municipality, then registers what is missing in plan-id order, a list per municipality at a time. */
export const seedEducators = async (ctx: DirectorySeedContext, ready: Set<string>) => {
  ctx.progress.startPhase('educators', ctx.plan.totals.educators);
  const todo: EducatorToDo[] = [];
  await runPool(ctx.plan.municipalities, Math.min(ctx.concurrency, 8), (m) => reconcileEducators(ctx, ready, todo, m), ctx.signal);
  todo.sort((x, y) => (x.m.id < y.m.id ? -1 : x.m.id > y.m.id ? 1 : x.e.id < y.e.id ? -1 : 1));
  const lists: EducatorToDo[][] = [];
  for (const t of todo) {
    const last = lists[lists.length - 1];
    if (last && last.length < EDUCATOR_LIST && last[0]!.m.id === t.m.id) last.push(t);
    else lists.push([t]);
  }
  // Fewer requests in flight than single commands: each carries a list.
  await runPool(lists, Math.max(1, Math.ceil(ctx.concurrency / 4)), (l) => registerList(ctx, l), ctx.signal);
  ctx.progress.endPhase();
};
