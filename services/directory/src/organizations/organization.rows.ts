import { RowTable } from '@mms/eventsourcing/core';
import { OrganizationEvent } from './organization.decider';

export interface OrganizationRow {
  _id: string;
  tenantId: string;
  name: string;
  /** For the case-insensitive name filter. */
  nameLower: string;
  shortName: string | null;
  kind: string;
  inn: string | null;
  status: 'ACTIVE' | 'CLOSED';
}

const ORGANIZATION_EVENTS = new Set(['OrganizationRegistered', 'OrganizationUpdated', 'OrganizationClosed']);

export const organizationRows: RowTable<OrganizationRow> = {
  collection: 'organizations',
  indexes: [{ keys: { tenantId: 1, _id: 1 } }],
  rowsOf: (e) => (ORGANIZATION_EVENTS.has(e.type) ? [(e.data as { organizationId: string }).organizationId] : []),
  evolve: (row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as OrganizationEvent;
    switch (e.type) {
      case 'OrganizationRegistered': {
        const { organizationId, name, shortName, kind, inn } = e.data;
        return { _id: organizationId, tenantId: envelope.tenantId, name, nameLower: name.toLowerCase(), shortName, kind, inn, status: 'ACTIVE' };
      }
      case 'OrganizationUpdated':
        if (!row) return null;
        return { ...row, ...e.data.changes, ...(e.data.changes.name ? { nameLower: e.data.changes.name.toLowerCase() } : {}) };
      case 'OrganizationClosed':
        return row ? { ...row, status: 'CLOSED' } : null;
    }
  },
};
