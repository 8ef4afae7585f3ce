import { DirectoryContracts as D, EducatorLeft, EducatorLeftMunicipality, EducatorMoved } from '@mms/contracts/events';
import type { EventEnvelope } from '@mms/eventsourcing/core';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { REGION_TENANT } from '../tenants';
import { communityDecider, LeaveReason } from './community.decider';
import type { CommunityRow } from './community.rows';

/**
 * Current membership follows the directory (issue 12 §1): a teacher who moves school leaves
 * that school's association (ШМО); one who moves to another municipality leaves its
 * municipal and school communities; one who leaves the service leaves every community.
 * Regional communities keep those who stay in the region. They stay in every community's
 * history. Idempotent: a redelivered event finds them gone and appends nothing.
 */
export const leavingsOf = (event: EventEnvelope, community: CommunityRow): LeaveReason | null => {
  switch (event.type) {
    case D.EducatorMoved.type: {
      const e = event.data as EducatorMoved;
      return community.kind === 'SCHOOL_ASSOCIATION' && community.hostOrganizationId === e.fromOrganizationId ? 'MOVED_SCHOOL' : null;
    }
    case D.EducatorLeftMunicipality.type: {
      const e = event.data as EducatorLeftMunicipality;
      return community.tenantId === e.municipalityId ? 'MOVED_SCHOOL' : null;
    }
    case D.EducatorLeft.type: {
      const e = event.data as EducatorLeft;
      return community.tenantId === e.municipalityId || community.tenantId === REGION_TENANT ? 'LEFT_SERVICE' : null;
    }
    default:
      return null;
  }
};

export const FOLLOWED = [D.EducatorMoved.type, D.EducatorLeftMunicipality.type, D.EducatorLeft.type];

export const followDirectory = async (d: CommunitiesDeps, event: EventEnvelope): Promise<number> => {
  if (!FOLLOWED.includes(event.type)) return 0;
  const educatorId = (event.data as { educatorId: string }).educatorId;
  const current = (await d.tables.memberships.find({ educatorId })).filter((m) => m.leftOn === null);
  const communities = await d.tables.communities.getMany(current.map((m) => m.communityId));
  let left = 0;
  for (const community of communities) {
    const reason = leavingsOf(event, community);
    if (!reason) continue;
    const { events } = await d.commands.handle(
      communityDecider,
      streams.community(community._id),
      { communityId: community._id, type: 'RemoveMember', educatorId, reason, today: d.clock.today() },
      { tenantId: community.tenantId, actor: event.actor, correlationId: event.correlationId, causationId: event.eventId },
    );
    left += events.length;
  }
  return left;
};
