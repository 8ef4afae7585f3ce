import { CommunitiesContracts as C } from '@mms/contracts/events';
import { IntegrationEvent, IntegrationTranslator } from '@mms/eventsourcing';
import type { CommunityEvent } from '../communities/community.decider';
import type { MethodEventEvent } from '../method-events/method-event.decider';
import type { SiteEvent } from '../sites/site.decider';

/** Every internal event of this context, in stream order (key = stream id). */
export const COMMUNITIES_INTERNAL_TOPIC = 'communities.internal';

const one = (c: { type: string }, data: object): IntegrationEvent[] => [{ type: c.type, schemaVersion: 1, data }];

/**
 * What the network did, for monitoring and other contexts, built field by field: educators by
 * id only; never posts, feedback comments, check-in codes, project cards or expert opinions.
 * Discussions (threads) and calls stay inside.
 */
export const translateCommunitiesEvent: IntegrationTranslator = (envelope): IntegrationEvent[] => {
  const e = { type: envelope.type, data: envelope.data } as CommunityEvent | SiteEvent | MethodEventEvent;
  switch (e.type) {
    // communities
    case 'CommunityProposed': {
      const d = e.data;
      return one(C.CommunityRegistered, {
        communityId: d.communityId,
        kind: d.kind,
        level: d.level,
        subject: d.subject,
        direction: d.direction,
        hostOrganizationId: d.hostOrganizationId,
        term: d.term,
      });
    }
    case 'CommunityApproved':
      return one(C.CommunityStatusChanged, { communityId: e.data.communityId, status: 'APPROVED', termTo: null, reason: null });
    case 'CommunityStarted':
      return one(C.CommunityStatusChanged, { communityId: e.data.communityId, status: 'ACTIVE', termTo: null, reason: null });
    case 'CommunityExtended':
      return one(C.CommunityStatusChanged, { communityId: e.data.communityId, status: 'EXTENDED', termTo: e.data.term.to, reason: null });
    case 'CommunityClosed':
      return one(C.CommunityStatusChanged, { communityId: e.data.communityId, status: 'CLOSED', termTo: null, reason: e.data.reason });
    case 'MemberJoined':
      return one(C.MembershipChanged, { communityId: e.data.communityId, educatorId: e.data.educatorId, role: e.data.role, current: true, on: e.data.on });
    case 'MemberRoleChanged':
      return one(C.MembershipChanged, { communityId: e.data.communityId, educatorId: e.data.educatorId, role: e.data.role, current: true, on: null });
    case 'MemberLeft':
      return one(C.MembershipChanged, { communityId: e.data.communityId, educatorId: e.data.educatorId, role: null, current: false, on: e.data.on });
    case 'CommunityReported':
      return one(C.CommunityReported, { communityId: e.data.communityId, period: e.data.period, submittedOn: e.data.submittedOn });
    // sites
    case 'SiteApplied':
      return one(C.SiteStatusChanged, {
        siteId: e.data.siteId,
        status: e.data.status,
        level: e.data.level,
        phase: 'APPLIED',
        termTo: null,
        reason: null,
        organizationIds: e.data.organizationIds,
        hostMunicipalityId: e.data.hostMunicipalityId,
      });
    case 'SiteStatusGranted':
      return siteStep(e.data, 'GRANTED', e.data.term.to, null);
    case 'SiteApplicationDeclined':
      return siteStep(e.data, 'DECLINED', null, e.data.reason);
    case 'SiteStatusExtended':
      return siteStep(e.data, 'EXTENDED', e.data.to, null);
    case 'SiteStatusTerminated':
      return siteStep(e.data, 'TERMINATED', null, e.data.reason);
    case 'SiteClosed':
      return siteStep(e.data, 'CLOSED', null, null);
    case 'SiteReportSubmitted':
      return one(C.SiteReportChanged, { siteId: e.data.siteId, year: e.data.year, submittedOn: e.data.on, accepted: null });
    case 'SiteReportReviewed':
      return one(C.SiteReportChanged, { siteId: e.data.siteId, year: e.data.year, submittedOn: null, accepted: e.data.accepted });
    // methodological events
    case 'MethodEventPublished': {
      const d = e.data;
      return one(C.MethodEventScheduled, {
        methodEventId: d.methodEventId,
        kind: d.kind,
        level: d.level,
        organiserKind: d.organiser.kind,
        organiserId: d.organiser.id,
        startsAt: d.startsAt,
        endsAt: d.endsAt,
        capacity: d.capacity,
        subjects: d.audience.subjects,
      });
    }
    case 'MethodEventCapacityChanged':
      return one(C.MethodEventChanged, { methodEventId: e.data.methodEventId, capacity: e.data.capacity, cancelled: false });
    case 'MethodEventCancelled':
      return one(C.MethodEventChanged, { methodEventId: e.data.methodEventId, capacity: null, cancelled: true });
    case 'EducatorRegistered':
    case 'RegistrationApproved':
      return one(C.RegistrationChanged, { methodEventId: e.data.methodEventId, educatorId: e.data.educatorId, status: e.data.status });
    case 'RegistrationRejected':
      return one(C.RegistrationChanged, { methodEventId: e.data.methodEventId, educatorId: e.data.educatorId, status: 'REJECTED' });
    case 'RegistrationCancelled':
      return one(C.RegistrationChanged, { methodEventId: e.data.methodEventId, educatorId: e.data.educatorId, status: 'CANCELLED' });
    case 'RegistrationPromoted':
      return one(C.RegistrationChanged, { methodEventId: e.data.methodEventId, educatorId: e.data.educatorId, status: 'CONFIRMED' });
    case 'AttendanceMarked':
      return one(C.AttendanceRecorded, { methodEventId: e.data.methodEventId, educatorId: e.data.educatorId, present: e.data.present });
    case 'CertificatesIssued':
      return one(C.ParticipationCertified, {
        methodEventId: e.data.methodEventId,
        hours: e.data.hours,
        certificates: e.data.certificates.map((c) => ({ educatorId: c.educatorId, number: c.number })),
      });
    case 'SpeakerAdded':
      return one(C.PresentationGiven, { methodEventId: e.data.methodEventId, educatorId: e.data.educatorId, title: e.data.title });
    case 'FeedbackGiven':
      return one(C.FeedbackRated, { methodEventId: e.data.methodEventId, rating: e.data.rating });
    default:
      return [];
  }
};

const siteStep = (d: { siteId: string; site: { status: string; level: string } }, phase: string, termTo: string | null, reason: string | null) =>
  one(C.SiteStatusChanged, {
    siteId: d.siteId,
    status: d.site.status,
    level: d.site.level,
    phase,
    termTo,
    reason,
    organizationIds: [],
    hostMunicipalityId: null,
  });
