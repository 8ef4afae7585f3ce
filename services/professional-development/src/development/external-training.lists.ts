import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { PlatformError } from '@mms/eventsourcing/core';
import { actorContext, checkListSize, EntryError, entryError } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { placed, placementOf } from '../educators/educator.queries';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';
import { at, checkedTraining, ExternalTrainingInput, trainingCommand } from './development.handlers';
import { DevelopmentCommand, developmentDecider } from './development.decider';
import { externalTrainingView } from './development.views';

/** Trainings per `recordExternalTrainings` call: a school's or a course provider's list of certificates. */
export const MAX_TRAININGS = 500;

export interface ExternalTrainingOutcome {
  index: number;
  training: ReturnType<typeof externalTrainingView> | null;
  error: EntryError | null;
}

/**
 * A list of certificates at once (a course provider's or a school's year): each entry checked
 * and decided as `recordExternalTraining` would, every educator's stream appended in one round
 * trip (two trainings of one educator go in one commit). An entry refused (its input, an
 * educator unknown or gone, a school the caller does not coordinate, a certificate recorded
 * with other details) is answered with its error; the rest go on.
 */
export const recordExternalTrainings = async (d: PdDeps, req: RequestContext, inputs: ExternalTrainingInput[]): Promise<ExternalTrainingOutcome[]> => {
  checkListSize('input', inputs.length, MAX_TRAININGS);
  const user = requireUser(req.user);
  const outcomes: ExternalTrainingOutcome[] = inputs.map((_, index) => ({ index, training: null, error: null }));
  const refuse = (index: number, err: unknown) => {
    if (!(err instanceof PlatformError)) throw err;
    outcomes[index]!.error = entryError(err, `input.${index}.`);
  };
  const checkedOnes = inputs.flatMap((input, index) => {
    try {
      return [{ index, input, v: checkedTraining(input, `input.${index}.`) }];
    } catch (err) {
      refuse(index, err);
      return [];
    }
  });
  const rows = new Map((await d.tables.educators.getMany(checkedOnes.map((c) => c.input.educatorId))).map((r) => [r._id, r]));
  const planned = checkedOnes.flatMap(({ index, input, v }) => {
    try {
      const educator = placed(rows.get(input.educatorId), input.educatorId, 'educatorId');
      access.externalTrainingRecorder(req.user, placementOf(educator));
      return [{ index, educator, command: trainingCommand(d, educator, input, v) as Extract<DevelopmentCommand, { type: 'RecordExternalTraining' }> }];
    } catch (err) {
      refuse(index, err);
      return [];
    }
  });
  if (!planned.length) return outcomes;
  const results = await d.commands.handleMany(
    developmentDecider,
    planned.map((p) => ({ streamId: streams.development(p.educator._id), command: p.command, where: at(p.educator) })),
    actorContext(req, user),
  );
  results.forEach((r, k) => {
    const p = planned[k]!;
    if (r instanceof Error) return refuse(p.index, r);
    const recorded = r.state.externalTrainings.find((t) => t.recordId === p.command.training.recordId);
    if (!recorded) throw new Error('external training missing after a successful command');
    outcomes[p.index]!.training = externalTrainingView(p.educator._id, recorded);
  });
  return outcomes;
};
