import { OrganizationState } from './organization.decider';
import { OrganizationRow } from './organization.rows';

export interface OrganizationView {
  id: string;
  municipalityId: string;
  name: string;
  shortName: string | null;
  kind: string;
  inn: string | null;
  status: 'ACTIVE' | 'CLOSED';
}

export const organizationRowView = (r: OrganizationRow): OrganizationView => ({
  id: r._id,
  municipalityId: r.tenantId,
  name: r.name,
  shortName: r.shortName,
  kind: r.kind,
  inn: r.inn,
  status: r.status,
});

export const organizationView = (tenantId: string, s: OrganizationState): OrganizationView => {
  if (s.status === 'none') throw new Error('organization state missing after a successful command');
  return {
    id: s.organizationId,
    municipalityId: tenantId,
    name: s.name,
    shortName: s.shortName,
    kind: s.kind,
    inn: s.inn,
    status: s.status === 'active' ? 'ACTIVE' : 'CLOSED',
  };
};
