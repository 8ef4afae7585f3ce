import type { UserClaims } from '@mms/auth';
import * as access from '../access/policy';
import type { CommunityRow, MembershipRow } from './community.rows';
import { placeOf } from './community.place';

const ref = (id: string | null | undefined) => (id ? { id } : null);

/** A community as GraphQL returns it (from its row: the register and a mutation's answer alike). */
export const communityView = (row: CommunityRow) => ({
  ...row,
  id: row._id,
  memberCount: row.members,
  head: ref(row.headId),
  reportCount: row.reports,
  closedOn: row.closed?.on ?? null,
  closeReason: row.closed?.reason ?? null,
  hostOrganization: ref(row.hostOrganizationId),
  organizations: row.organizationIds.map((id) => ({ id })),
});
export type CommunityView = ReturnType<typeof communityView>;

/** Its members, its runners and its manager see discussions, tasks and history. */
export const seesInside = (u: UserClaims | null, row: CommunityRow) => access.seesCommunityInside(u, { ...placeOf(row), members: Object.keys(row.current) });

export const canRun = (u: UserClaims | null, row: CommunityRow) => access.passes(() => access.communityRunner(u, placeOf(row), 'run'));

export const memberView = (m: MembershipRow) => ({ ...m, educator: { id: m.educatorId } });
