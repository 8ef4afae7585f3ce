import { RequestContext } from '@mms/auth';
import { PlatformError, ValidationError } from '@mms/eventsourcing/core';
import { commandContext, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { educatorDecider, educatorStream } from './educator.decider';
import { checkedRegistration, RegisterEducatorInput, registration } from './educator.handlers';
import { EducatorView, educatorView } from './educator.views';

/** Entries of one `registerEducators` call: a staff list of a large school, a municipality's in a few calls. */
export const MAX_BATCH = 500;

/** Why one entry of a list was refused: what a single command would have answered. */
export interface EntryError {
  code: string;
  message: string;
  /** The fields at fault as `input.<index>.<field>`. */
  fields: string[];
}

export interface RegisterEducatorOutcome {
  index: number;
  educator: EducatorView | null;
  error: EntryError | null;
}

const entryError = (err: PlatformError): EntryError => ({
  code: err.code,
  message: err.message,
  fields: err instanceof ValidationError ? err.problems.map((p) => p.field) : [],
});

/**
 * A staff list at once: each entry checked and registered as `registerEducator` would, the
 * commits appended together (CommandHandler.handleMany), so a thousand educators cost a few
 * round trips, not a thousand requests. An entry refused (its input, its school, the
 * caller's right to it) is answered with its error and the rest go on. A failure whose
 * outcome is unknown (the database away) fails the call: retried under the same
 * Idempotency-Key, the entries that were written are answered from their commits.
 */
export const registerEducators = async (d: DirectoryDeps, req: RequestContext, inputs: RegisterEducatorInput[]): Promise<RegisterEducatorOutcome[]> => {
  if (inputs.length === 0 || inputs.length > MAX_BATCH)
    throw new ValidationError(`send 1 to ${MAX_BATCH} educators per call`, [{ field: 'input', message: `has ${inputs.length} entries` }]);
  // No right to register anyone: the call is refused, not each entry.
  access.educatorEditor(req.user);
  const outcomes: RegisterEducatorOutcome[] = inputs.map((_, index) => ({ index, educator: null, error: null }));
  const planned: Array<{ index: number; tenantId: string; educatorId: string; fullName: string; command: Awaited<ReturnType<typeof registration>> }> = [];
  let ctx: ReturnType<typeof commandContext> | undefined;
  for (const [index, input] of inputs.entries()) {
    try {
      const { tenantId, user } = access.educatorRegistrar(req.user, input.organizationId);
      ctx ??= commandContext(req, tenantId, user);
      const v = checkedRegistration(d, input, `input.${index}.`);
      const educatorId = newEntityId(req, `educator#${index}`);
      planned.push({ index, tenantId, educatorId, fullName: v.fullName, command: await registration(d, tenantId, educatorId, input, v) });
    } catch (err) {
      if (!(err instanceof PlatformError)) throw err;
      outcomes[index]!.error = entryError(err);
    }
  }
  if (!planned.length || !ctx) return outcomes;
  const results = await d.commands.handleMany(
    educatorDecider,
    planned.map((p) => ({ streamId: educatorStream(p.educatorId), command: p.command, where: { tenantId: p.tenantId } })),
    ctx,
  );
  results.forEach((r, k) => {
    const p = planned[k]!;
    if (r instanceof PlatformError) outcomes[p.index]!.error = entryError(r);
    else if (r instanceof Error) throw r;
    else outcomes[p.index]!.educator = educatorView(p.tenantId, p.educatorId, r.state, p.fullName);
  });
  return outcomes;
};
