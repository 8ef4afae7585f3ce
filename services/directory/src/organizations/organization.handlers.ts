import { RequestContext } from '@mms/auth';
import { actorContext, checked, Checks, commandContext, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { municipalityOnboarded } from '../municipalities/municipality.queries';
import { ORGANIZATION_KINDS, OrganizationDetails, organizationDecider, OrganizationKind, organizationStream } from './organization.decider';
import { OrganizationView, organizationView } from './organization.views';

const INN_ORGANIZATION = /^\d{10}$/;
const kind = (c: Checks, v: string | undefined | null) => c.oneOf<OrganizationKind>('kind', v, ORGANIZATION_KINDS);

export interface RegisterOrganizationInput {
  name: string;
  shortName?: string | null;
  kind: string;
  inn?: string | null;
}

export const registerOrganization = async (d: DirectoryDeps, req: RequestContext, input: RegisterOrganizationInput): Promise<OrganizationView> => {
  const { tenantId, user } = access.organizationRegistrar(req.user);
  const details = checked('organization', (c): OrganizationDetails => {
    c.pattern('inn', input.inn, INN_ORGANIZATION, 'must be a 10-digit ИНН');
    return {
      name: c.text('name', input.name, { max: 500, required: true })!,
      shortName: c.text('shortName', input.shortName, { max: 200 }),
      kind: kind(c, input.kind)!,
      inn: input.inn ?? null,
    };
  });
  const organizationId = newEntityId(req, 'organization');
  const { state } = await d.commands.handle(
    organizationDecider,
    organizationStream(organizationId),
    { type: 'RegisterOrganization', organizationId, municipalityOnboarded: await municipalityOnboarded(d, tenantId), ...details },
    commandContext(req, tenantId, user),
    { tenantId, fresh: true },
  );
  return organizationView(tenantId, state);
};

export interface UpdateOrganizationInput {
  id: string;
  name?: string | null;
  shortName?: string | null;
  kind?: string | null;
  inn?: string | null;
}

export const updateOrganization = async (d: DirectoryDeps, req: RequestContext, input: UpdateOrganizationInput): Promise<OrganizationView> => {
  const changes = checked('organization change', (c) => {
    c.id('id', input.id);
    const name = input.name == null ? undefined : c.text('name', input.name, { max: 500, required: true })!;
    const shortName = input.shortName === undefined ? undefined : c.text('shortName', input.shortName, { max: 200 });
    const k = kind(c, input.kind);
    c.pattern('inn', input.inn, INN_ORGANIZATION, 'must be a 10-digit ИНН');
    return {
      ...(name ? { name } : {}),
      ...(shortName !== undefined ? { shortName } : {}),
      ...(k ? { kind: k } : {}),
      ...(input.inn !== undefined ? { inn: input.inn } : {}),
    };
  });
  return changeOrganization(d, req, input.id, { type: 'UpdateOrganization', organizationId: input.id, changes });
};

export const closeOrganization = async (d: DirectoryDeps, req: RequestContext, input: { id: string; reason: string }): Promise<OrganizationView> => {
  const reason = checked('organization closing', (c) => {
    c.id('id', input.id);
    return c.text('reason', input.reason, { max: 1000, required: true, multiline: true })!;
  });
  return changeOrganization(d, req, input.id, { type: 'CloseOrganization', organizationId: input.id, reason });
};

/** A change to an existing organisation, authorised against the municipality that holds it. */
const changeOrganization = async (
  d: DirectoryDeps,
  req: RequestContext,
  id: string,
  command:
    | { type: 'UpdateOrganization'; organizationId: string; changes: Partial<OrganizationDetails> }
    | { type: 'CloseOrganization'; organizationId: string; reason: string },
) => {
  const user = access.organizationWriter(req.user, req.user?.municipalityId ?? '');
  const { state, tenantId } = await d.commands.handle(
    organizationDecider,
    organizationStream(id),
    (_s, stream) => {
      // A stream found nowhere: the decider says NOT_FOUND; found elsewhere: not this methodologist's.
      if (stream.version > 0) access.organizationWriter(req.user, stream.tenantId);
      return command;
    },
    actorContext(req, user),
    { locate: true },
  );
  return organizationView(tenantId, state);
};
