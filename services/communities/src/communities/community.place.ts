import type * as access from '../access/policy';
import type { CommunityRow } from './community.rows';

/** A community's place for the access rules: its tenant, level, host school, current head and deputies. */
export const placeOf = (row: CommunityRow): access.CommunityPlace => ({
  tenantId: row.tenantId,
  level: row.level,
  hostOrganizationId: row.hostOrganizationId,
  leaders: Object.entries(row.current)
    .filter(([, role]) => role === 'HEAD' || role === 'DEPUTY')
    .map(([educatorId]) => educatorId),
});
