import { RequestContext } from '@mms/auth';
import { PlatformError } from '@mms/eventsourcing/core';
import { checkListSize, commandContext, EntryError, entryError, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { OrganizationFact } from '../organizations/organization.decider';
import { organizationFact } from '../organizations/organization.queries';
import { EducatorCommand, educatorDecider, educatorStream } from './educator.decider';
import { checkedRegistration, RegisterEducatorInput, registrationOf } from './educator.handlers';
import { EducatorView, educatorView } from './educator.views';

/** Entries of one `registerEducators` call: a staff list of a large school, a municipality's in a few calls. */
export const MAX_BATCH = 500;

export interface RegisterEducatorOutcome {
  index: number;
  educator: EducatorView | null;
  error: EntryError | null;
}

/**
 * A staff list at once: each entry checked and registered as `registerEducator` would, the
 * commits appended together (CommandHandler.handleMany), so a thousand educators cost a few
 * round trips, not a thousand requests. An entry refused (its input, its school, the
 * caller's right to it) is answered with its error and the rest go on. A failure whose
 * outcome is unknown (the database away) fails the call: retried under the same
 * Idempotency-Key, the entries that were written are answered from their commits.
 */
export const registerEducators = async (d: DirectoryDeps, req: RequestContext, inputs: RegisterEducatorInput[]): Promise<RegisterEducatorOutcome[]> => {
  checkListSize('input', inputs.length, MAX_BATCH);
  // No right to register anyone: the call is refused, not each entry.
  access.educatorEditor(req.user);
  const outcomes: RegisterEducatorOutcome[] = inputs.map((_, index) => ({ index, educator: null, error: null }));
  const checkedOnes: Array<{ index: number; tenantId: string; educatorId: string; input: RegisterEducatorInput; v: ReturnType<typeof checkedRegistration> }> =
    [];
  let ctx: ReturnType<typeof commandContext> | undefined;
  for (const [index, input] of inputs.entries()) {
    try {
      const { tenantId, user } = access.educatorRegistrar(req.user, input.organizationId);
      ctx ??= commandContext(req, tenantId, user);
      checkedOnes.push({ index, tenantId, educatorId: newEntityId(req, `educator#${index}`), input, v: checkedRegistration(d, input, `input.${index}.`) });
    } catch (err) {
      if (!(err instanceof PlatformError)) throw err;
      outcomes[index]!.error = entryError(err);
    }
  }
  if (!checkedOnes.length || !ctx) return outcomes;
  // A list's schools are few: each one's status read once, every name sealed in one go.
  const schools = new Map<string, Promise<OrganizationFact>>();
  const schoolOf = (tenantId: string, organizationId: string) => {
    const key = `${tenantId}|${organizationId}`;
    if (!schools.has(key)) schools.set(key, organizationFact(d, tenantId, organizationId));
    return schools.get(key)!;
  };
  const sealed = await d.vault.sealEach(checkedOnes.map((c) => ({ subjectId: c.educatorId, data: { fullName: c.v.fullName } })));
  const planned: Array<{ index: number; tenantId: string; educatorId: string; fullName: string; command: EducatorCommand }> = [];
  for (const [k, c] of checkedOnes.entries()) {
    const personal = sealed[k]!;
    if (personal instanceof PlatformError) outcomes[c.index]!.error = entryError(personal);
    else
      planned.push({
        ...c,
        fullName: c.v.fullName,
        command: registrationOf(c.educatorId, c.input, c.v, await schoolOf(c.tenantId, c.input.organizationId), personal),
      });
  }
  if (!planned.length) return outcomes;
  const results = await d.commands.handleMany(
    educatorDecider,
    planned.map((p) => ({ streamId: educatorStream(p.educatorId), command: p.command, where: { tenantId: p.tenantId }, fresh: true })),
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
