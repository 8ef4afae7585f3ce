/** Between cohorts and enrolments: wait until PD's read model knows the directory's educators (it follows the directory's events). */
import { runPool } from '../../../runner/pool';
import { aborted, fail, operator, PdSeedContext, read } from './context';
import { PD_KNOWN_EDUCATORS } from './documents';

/** Municipality → how many of its educators the directory has. */
const expectedEducators = (ctx: PdSeedContext): Map<string, number> => {
  const expected = new Map<string, number>();
  for (const m of ctx.region.municipalities) {
    if (!ctx.ids.municipalities[m.id]) continue;
    expected.set(
      m.id,
      m.organizations.reduce((a, o) => a + o.educators.filter((e) => ctx.ids.educators[e.id]).length, 0),
    );
  }
  return expected;
};

/** The municipalities (sorted) where PD knows fewer educators than expected. */
const stillBehind = async (ctx: PdSeedContext, pending: string[], expected: Map<string, number>, token: string): Promise<string[]> => {
  const still: string[] = [];
  await runPool(
    pending,
    Math.min(ctx.concurrency, 8),
    async (m) => {
      const r = await read<{ municipality: { trainingSummary: { educators: number } | null } | null }>(ctx, PD_KNOWN_EDUCATORS, { id: m }, token);
      if ((r.municipality?.trainingSummary?.educators ?? 0) < expected.get(m)!) still.push(m);
    },
    ctx.signal,
  );
  return still.sort();
};

/** Polls until every municipality is caught up, or `educatorsWaitMs` has passed (then reports it and carries on). */
export const waitForEducators = async (ctx: PdSeedContext) => {
  const t0 = performance.now();
  const expected = expectedEducators(ctx);
  const waitMs = ctx.educatorsWaitMs;
  let pending = [...expected.keys()];
  try {
    const token = await operator(ctx);
    for (;;) {
      pending = await stillBehind(ctx, pending, expected, token);
      if (pending.length === 0 || aborted(ctx)) break;
      if (performance.now() - t0 > waitMs) {
        fail(
          ctx,
          { command: 'wait', phase: 'educators', planId: '*', tenantId: pending.join(',') },
          new Error(`PD does not know every educator of ${pending.length} municipalities after ${Math.round(waitMs / 1000)} s; carrying on`),
        );
        break;
      }
      await new Promise((r) => setTimeout(r, ctx.pollMs));
    }
  } catch (err) {
    if (!aborted(ctx)) fail(ctx, { command: 'wait', phase: 'educators', planId: '*', tenantId: '*' }, err);
  }
  ctx.out.educatorsWaitMs = Math.round(performance.now() - t0);
};
