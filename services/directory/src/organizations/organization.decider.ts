import { Decider, DomainEvent, notFound, refuse } from '@mms/eventsourcing/core';

export const ORGANIZATION_KINDS = ['SCHOOL', 'KINDERGARTEN', 'ADDITIONAL_EDUCATION', 'OTHER'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface OrganizationDetails {
  name: string;
  shortName: string | null;
  kind: OrganizationKind;
  inn: string | null;
}

export type OrganizationEvent =
  | DomainEvent<'OrganizationRegistered', { organizationId: string } & OrganizationDetails>
  | DomainEvent<'OrganizationUpdated', { organizationId: string; changes: Partial<OrganizationDetails> }>
  | DomainEvent<'OrganizationClosed', { organizationId: string; reason: string }>;

export type OrganizationCommand =
  /** `municipalityOnboarded`: the fact the handler read from the municipality's stream. */
  | ({ type: 'RegisterOrganization'; organizationId: string; municipalityOnboarded: boolean } & OrganizationDetails)
  | { type: 'UpdateOrganization'; organizationId: string; changes: Partial<OrganizationDetails> }
  | { type: 'CloseOrganization'; organizationId: string; reason: string };

export type OrganizationState = { status: 'none' } | ({ status: 'active' | 'closed'; organizationId: string } & OrganizationDetails);

export const organizationStream = (organizationId: string) => `organization-${organizationId}`;

/** What other streams need to know of an organisation (an educator's school must be open). */
export type OrganizationFact = OrganizationState['status'];

/** The rule every placement in an organisation follows: it exists in that municipality and is open. */
export const requireOpenOrganization = (fact: OrganizationFact, organizationId: string, field: string) => {
  if (fact === 'none') notFound(`organization ${organizationId}`, field);
  if (fact === 'closed') refuse('ORGANIZATION_CLOSED', `organization ${organizationId} is closed`, { field });
};

export const organizationDecider: Decider<OrganizationState, OrganizationCommand, OrganizationEvent> = {
  streamType: 'organization',
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'OrganizationRegistered': {
        const { organizationId, name, shortName, kind, inn } = event.data;
        return { status: 'active', organizationId, name, shortName, kind, inn };
      }
      case 'OrganizationUpdated':
        return state.status === 'none' ? state : { ...state, ...event.data.changes };
      case 'OrganizationClosed':
        return state.status === 'none' ? state : { ...state, status: 'closed' };
    }
  },
  decide: (command, state, stream) => {
    switch (command.type) {
      case 'RegisterOrganization': {
        if (!command.municipalityOnboarded) refuse('MUNICIPALITY_NOT_ONBOARDED', `municipality ${stream.tenantId} is not onboarded`);
        if (state.status !== 'none') refuse('ORGANIZATION_EXISTS', `organization ${command.organizationId} already exists`);
        const { organizationId, name, shortName, kind, inn } = command;
        return [{ type: 'OrganizationRegistered', data: { organizationId, name, shortName, kind, inn } }];
      }
      case 'UpdateOrganization': {
        const current = requireActive(state, command.organizationId);
        const changes: Partial<OrganizationDetails> = {};
        for (const [k, v] of Object.entries(command.changes) as [keyof OrganizationDetails, never][]) {
          if (v !== undefined && current[k] !== v) changes[k] = v;
        }
        // Nothing changed: nothing to record.
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'OrganizationUpdated', data: { organizationId: command.organizationId, changes } }];
      }
      case 'CloseOrganization':
        requireActive(state, command.organizationId);
        return [{ type: 'OrganizationClosed', data: { organizationId: command.organizationId, reason: command.reason } }];
    }
  },
};

const requireActive = (state: OrganizationState, id: string) => {
  requireOpenOrganization(state.status, id, 'id');
  return state as Exclude<OrganizationState, { status: 'none' }>;
};
