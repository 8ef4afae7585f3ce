/** Phase 4 of the PD seeding: trainings outside the catalogue, as each recorder's lists of certificates (recordExternalTrainings). */
import { GraphQLRequestError } from '../../../runner/graphql-client';
import { runPool } from '../../../runner/pool';
import type { ExternalTrainingPlan, PdPlan } from '../pd-plan';
import { trainingLists } from '../pd-plan/external-trainings';
import { aborted, coordinator, fail, methodologist, operator, PdSeedContext, send, tally } from './context';
import { RECORD_EXTERNAL_TRAININGS } from './documents';

/** The plan's trainings as the seeding sends them (one list per recorder and call). */
export const trainingListsOf = (pd: PdPlan): ExternalTrainingPlan[][] => trainingLists(pd.externalTrainings);

/** The token of whoever the plan says records the list's trainings. */
const recorderToken = (ctx: PdSeedContext, t: ExternalTrainingPlan) =>
  t.recordedBy === 'COORDINATOR'
    ? coordinator(ctx, t.municipalityId, t.organizationPlanId)
    : t.recordedBy === 'METHODOLOGIST'
      ? methodologist(ctx, t.municipalityId)
      : operator(ctx);

/** A gateway without recordExternalTrainings refuses the document itself. */
const isUnsupported = (err: unknown): err is GraphQLRequestError =>
  err instanceof GraphQLRequestError && err.hasCode('GRAPHQL_VALIDATION_FAILED') && /recordExternalTrainings|RecordExternalTrainingInput/.test(err.message);

interface Outcome {
  index: number;
  training: { id: string } | null;
  error: { code: string; message: string; fields: string[] } | null;
}

/** Phase 4: sends each list; on a platform without the mutation, leaves the phase out (with one warning). */
export const seedExternalTrainings = async (ctx: PdSeedContext, lists: ExternalTrainingPlan[][]) => {
  const state = { unsupported: null as string | null };
  await runPool(lists, ctx.concurrency, (list) => recordList(ctx, state, list), ctx.signal);
};

/** One recorder's list; a training whose educator or school the directory lacks is left out. Sent again, the platform records nothing twice. */
const recordList = async (ctx: PdSeedContext, state: { unsupported: string | null }, list: ExternalTrainingPlan[]) => {
  const known = list.filter((t) => ctx.ids.educators[t.educatorPlanId] && ctx.ids.organizations[t.organizationPlanId]);
  tally(ctx, 'external-trainings', 'skipped', list.length - known.length);
  if (state.unsupported) return tally(ctx, 'external-trainings', 'skipped', known.length);
  if (!known.length) return;
  const first = known[0]!;
  const at = { command: 'recordExternalTrainings' as const, phase: 'external-trainings' as const, planId: first.key, tenantId: first.municipalityId };
  try {
    const input = known.map((t) => ({ educatorId: ctx.ids.educators[t.educatorPlanId]!, ...t.input }));
    const outcomes = (await send<Outcome[]>(
      ctx,
      'recordExternalTrainings',
      RECORD_EXTERNAL_TRAININGS,
      { input },
      await recorderToken(ctx, first),
      first.key,
      first.municipalityId,
    ))!;
    for (const o of outcomes.filter((x) => x.error)) fail(ctx, { ...at, planId: known[o.index]!.key }, new Error(`${o.error!.code}: ${o.error!.message}`));
    tally(ctx, 'external-trainings', 'failed', outcomes.filter((o) => o.error).length);
    tally(ctx, 'external-trainings', 'created', outcomes.filter((o) => o.training).length);
  } catch (err) {
    if (aborted(ctx)) return;
    if (isUnsupported(err)) {
      // The platform does not have the mutation (yet): leave the phase out, once.
      if (!state.unsupported) {
        state.unsupported = err.message;
        ctx.out.warnings.push(`external-trainings: the gateway has no recordExternalTrainings mutation; phase left out (${err.message.slice(0, 200)})`);
      }
      tally(ctx, 'external-trainings', 'skipped', known.length);
      return;
    }
    fail(ctx, at, err);
    tally(ctx, 'external-trainings', 'failed', known.length);
  }
};
