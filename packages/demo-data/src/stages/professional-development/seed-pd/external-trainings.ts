/** Phase 4 of the PD seeding: trainings outside the catalogue, each educator's one after another (they share the educator's stream). */
import { GraphQLRequestError } from '../../../runner/graphql-client';
import { runPool } from '../../../runner/pool';
import type { ExternalTrainingPlan, PdPlan } from '../pd-plan';
import { aborted, coordinator, fail, methodologist, operator, PdSeedContext, send, tally } from './context';
import { RECORD_EXTERNAL_TRAINING } from './documents';

/** The plan's external trainings by educator plan id (the phase counts educators, not trainings). */
export const trainingsByEducator = (pd: PdPlan): Map<string, ExternalTrainingPlan[]> => {
  const byEducator = new Map<string, ExternalTrainingPlan[]>();
  for (const t of pd.externalTrainings) byEducator.set(t.educatorPlanId, [...(byEducator.get(t.educatorPlanId) ?? []), t]);
  return byEducator;
};

/** The token of whoever the plan says records the training. */
const recorderToken = (ctx: PdSeedContext, t: ExternalTrainingPlan) =>
  t.recordedBy === 'COORDINATOR'
    ? coordinator(ctx, t.municipalityId, t.organizationPlanId)
    : t.recordedBy === 'METHODOLOGIST'
      ? methodologist(ctx, t.municipalityId)
      : operator(ctx);

/** A gateway without recordExternalTraining refuses the document itself. */
const isUnsupported = (err: unknown): err is GraphQLRequestError =>
  err instanceof GraphQLRequestError && err.hasCode('GRAPHQL_VALIDATION_FAILED') && /recordExternalTraining|RecordExternalTrainingInput/.test(err.message);

/** Phase 4: records each educator's trainings; on a platform without the mutation, leaves the phase out (with one warning). */
export const seedExternalTrainings = async (ctx: PdSeedContext, byEducator: Map<string, ExternalTrainingPlan[]>) => {
  const state = { unsupported: null as string | null };
  await runPool([...byEducator.values()], ctx.concurrency, (list) => recordEducatorTrainings(ctx, state, list), ctx.signal);
};

/** One educator's trainings, in plan order; skipped once the gateway proved not to have the mutation. */
const recordEducatorTrainings = async (ctx: PdSeedContext, state: { unsupported: string | null }, list: ExternalTrainingPlan[]) => {
  const first = list[0]!;
  const educatorId = ctx.ids.educators[first.educatorPlanId];
  if (state.unsupported || !educatorId || !ctx.ids.organizations[first.organizationPlanId]) {
    tally(ctx, 'external-trainings', 'skipped');
    return;
  }
  try {
    for (const t of list) {
      const token = await recorderToken(ctx, t);
      await send(ctx, 'recordExternalTraining', RECORD_EXTERNAL_TRAINING, { input: { educatorId, ...t.input } }, token, t.key, t.municipalityId);
    }
    tally(ctx, 'external-trainings', 'created');
  } catch (err) {
    if (aborted(ctx)) return;
    if (isUnsupported(err)) {
      // The platform does not have the mutation (yet): leave the phase out, once.
      if (!state.unsupported) {
        state.unsupported = err.message;
        ctx.out.warnings.push(`external-trainings: the gateway has no recordExternalTraining mutation; phase left out (${err.message.slice(0, 200)})`);
      }
      tally(ctx, 'external-trainings', 'skipped');
      return;
    }
    fail(ctx, { command: 'recordExternalTraining', phase: 'external-trainings', planId: first.educatorPlanId, tenantId: first.municipalityId }, err);
    tally(ctx, 'external-trainings', 'failed');
  }
};
