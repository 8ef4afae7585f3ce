import type { RequestContext } from '@mms/auth';
import { invalid, notFound, StreamInfo } from '@mms/eventsourcing/core';
import * as access from '../access/policy';
import type { CommunitiesDeps } from '../communities.deps';
import { placeOf } from '../communities/community.place';
import type { MethodEventPlan, MethodEventState } from './method-event.decider';

/** What the organiser check needs besides the stream: the organising community's or site's read row. */
export interface OrganiserFacts {
  community?: access.CommunityPlace;
  siteHost?: { municipalityId: string; organizationId: string };
}

/** Reads the facts about an organiser (a community, a site) that the access rule needs. */
export const organiserFacts = async (
  d: CommunitiesDeps,
  organiser: MethodEventPlan['organiser'],
  field = 'organiser.id',
): Promise<OrganiserFacts & { tenantId?: string }> => {
  if (organiser.kind === 'COMMUNITY') {
    const row = (await d.tables.communities.get(organiser.id)) ?? notFound(`community ${organiser.id}`, field);
    if (row.status === 'CLOSED') invalid(field, 'the community is closed');
    return { community: placeOf(row), tenantId: row.tenantId };
  }
  if (organiser.kind === 'SITE') {
    const row = (await d.tables.sites.get(organiser.id)) ?? notFound(`site ${organiser.id}`, field);
    if (row.phase !== 'ACTIVE') invalid(field, 'the site holds no status now');
    return { siteHost: { municipalityId: row.hostMunicipalityId, organizationId: row.organizationIds[0]! }, tenantId: row.tenantId };
  }
  return {};
};

/**
 * The organiser check of an existing event, to run inside the command's plan: on every
 * attempt, against the stream's own state (its tenant, its organiser), with the organiser's
 * facts read beforehand.
 */
export const organiserCheck = async (d: CommunitiesDeps, req: RequestContext, methodEventId: string, what: string) => {
  const row = await d.tables.methodEvents.get(methodEventId);
  const facts = row ? await organiserFacts(d, row.organiser).catch(() => ({})) : {};
  return (s: MethodEventState, stream: StreamInfo): void => {
    if (s.status === 'none') notFound(`event ${methodEventId}`, 'methodEventId');
    access.eventOrganiser(req.user, { tenantId: stream.tenantId, organiser: s.plan!.organiser.kind, ...facts }, what);
  };
};
