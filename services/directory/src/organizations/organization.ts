import { Decider, DomainError, DomainEvent, NotFoundError } from '@mms/eventsourcing';

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
  | ({ type: 'RegisterOrganization'; organizationId: string } & OrganizationDetails)
  | { type: 'UpdateOrganization'; organizationId: string; changes: Partial<OrganizationDetails> }
  | { type: 'CloseOrganization'; organizationId: string; reason: string };

export type OrganizationState =
  | { status: 'none' }
  | ({ status: 'active' | 'closed'; organizationId: string } & OrganizationDetails);

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
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterOrganization': {
        if (state.status !== 'none') {
          throw new DomainError('ORGANIZATION_EXISTS', `organization ${command.organizationId} already exists`);
        }
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
  if (state.status === 'none') throw new NotFoundError(`organization ${id} not found`);
  if (state.status === 'closed') throw new DomainError('ORGANIZATION_CLOSED', `organization ${id} is closed`);
  return state;
};
