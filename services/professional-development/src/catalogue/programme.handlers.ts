import type { RequestContext } from '@mms/auth';
import { checked, commandContext, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CompetenceArea } from '../competences/competence-areas';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';
import { ProgrammeDetails, programmeDecider, ProgrammeFormat } from './programme.decider';
import { programmeView, ProgrammeView } from './programme.views';

export interface CreateProgrammeInput {
  title: string;
  provider: string;
  hours: number;
  format: ProgrammeFormat;
  competences: CompetenceArea[];
  federalRegisterId?: string | null;
}

export type UpdateProgrammeInput = { id: string } & { [K in keyof ProgrammeDetails]?: ProgrammeDetails[K] | null };

/** A draft in the writer's offer: the region's for the operator, the municipality's for a methodologist. */
export const createProgramme = async (d: PdDeps, req: RequestContext, input: CreateProgrammeInput): Promise<ProgrammeView> => {
  const { tenantId, level, user } = access.catalogueWriter(req.user);
  const { title, provider } = checked('programme', (c) => {
    const title = c.text('title', input.title, { max: 500, required: true });
    const provider = c.text('provider', input.provider, { max: 500, required: true });
    c.int('hours', input.hours, 1, 2000);
    c.text('federalRegisterId', input.federalRegisterId, { max: 100 });
    if (input.competences.length === 0) c.problem('competences', 'needs at least one competence area');
    return { title: title!, provider: provider! };
  });
  const programmeId = newEntityId(req, 'programme');
  const { state } = await d.commands.handle(
    programmeDecider,
    streams.programme(programmeId),
    {
      type: 'CreateProgramme',
      programmeId,
      level,
      ownerMunicipalityId: level === 'MUNICIPAL' ? tenantId : null,
      title,
      provider,
      hours: input.hours,
      format: input.format,
      competences: input.competences,
      federalRegisterId: input.federalRegisterId ?? null,
    },
    commandContext(req, tenantId, user),
    { tenantId, fresh: true },
  );
  return programmeView(tenantId, state);
};

/** Only the fields given change. */
export const updateProgramme = async (d: PdDeps, req: RequestContext, input: UpdateProgrammeInput): Promise<ProgrammeView> => {
  const { tenantId, user } = access.catalogueWriter(req.user);
  const changes = checked('programme changes', (c): Partial<ProgrammeDetails> => {
    c.id('id', input.id);
    const title = input.title == null ? undefined : c.text('title', input.title, { max: 500, required: true });
    const provider = input.provider == null ? undefined : c.text('provider', input.provider, { max: 500, required: true });
    c.int('hours', input.hours, 1, 2000);
    c.text('federalRegisterId', input.federalRegisterId, { max: 100 });
    if (input.competences && input.competences.length === 0) c.problem('competences', 'needs at least one competence area');
    return {
      ...(title ? { title } : {}),
      ...(provider ? { provider } : {}),
      ...(input.hours != null ? { hours: input.hours } : {}),
      ...(input.format != null ? { format: input.format } : {}),
      ...(input.competences != null ? { competences: input.competences } : {}),
      // An empty string clears the register id; null/absent leaves it.
      ...(input.federalRegisterId != null ? { federalRegisterId: input.federalRegisterId.trim() || null } : {}),
    };
  });
  const { state } = await d.commands.handle(
    programmeDecider,
    streams.programme(input.id),
    { type: 'UpdateProgramme', programmeId: input.id, changes },
    commandContext(req, tenantId, user),
  );
  return programmeView(tenantId, state);
};

export const publishProgramme = async (d: PdDeps, req: RequestContext, id: string): Promise<ProgrammeView> => {
  const { tenantId, user } = access.catalogueWriter(req.user);
  checked('programme', (c) => c.id('id', id));
  const { state } = await d.commands.handle(
    programmeDecider,
    streams.programme(id),
    { type: 'PublishProgramme', programmeId: id },
    commandContext(req, tenantId, user),
  );
  return programmeView(tenantId, state);
};

export const withdrawProgramme = async (d: PdDeps, req: RequestContext, input: { id: string; reason: string }): Promise<ProgrammeView> => {
  const { tenantId, user } = access.catalogueWriter(req.user);
  const reason = checked('withdrawal', (c) => {
    c.id('id', input.id);
    return c.text('reason', input.reason, { max: 1000, required: true, multiline: true })!;
  });
  const { state } = await d.commands.handle(
    programmeDecider,
    streams.programme(input.id),
    { type: 'WithdrawProgramme', programmeId: input.id, reason },
    commandContext(req, tenantId, user),
  );
  return programmeView(tenantId, state, reason);
};
