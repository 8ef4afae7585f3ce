import { RequestContext } from '@mms/auth';
import { checked, commandContext } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { municipalityDecider, municipalityStream } from './municipality.decider';
import { MunicipalityView, municipalityStateView } from './municipality.views';

const OKTMO = /^\d{8}(\d{3})?$/;

export interface OnboardMunicipalityInput {
  id: string;
  name: string;
  oktmo: string;
}

/** The regional operator brings a municipality (a tenant) into the deployment: an event, not a migration. */
export const onboardMunicipality = async (d: DirectoryDeps, req: RequestContext, input: OnboardMunicipalityInput): Promise<MunicipalityView> => {
  const user = access.onboarder(req.user);
  const { name } = checked('municipality', (c) => {
    c.municipalityId('id', input.id);
    c.pattern('oktmo', input.oktmo, OKTMO, 'must be an 8- or 11-digit ОКТМО code');
    return { name: c.text('name', input.name, { max: 300, required: true })! };
  });
  const { state } = await d.commands.handle(
    municipalityDecider,
    municipalityStream(input.id),
    { type: 'OnboardMunicipality', municipalityId: input.id, name, oktmo: input.oktmo, at: d.clock.now().toISOString() },
    commandContext(req, input.id, user),
  );
  return municipalityStateView(input.id, state);
};
