import { Static, Type } from '@sinclair/typebox';
import { EventContract } from './registry';

/**
 * Public topic of the communities context. Keys are stream ids; the tenant (a municipality, or
 * `region`) is on the envelope. Educators appear by id only (their names are the directory's);
 * no discussion posts, feedback comments, check-in codes or expert opinions ever leave.
 */
export const COMMUNITIES_TOPIC = 'communities.events.v1';

const Id = Type.String({ minLength: 1 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Instant = Type.String({ minLength: 20 });
const Level = Type.Union([Type.Literal('SCHOOL'), Type.Literal('MUNICIPAL'), Type.Literal('REGIONAL')]);
const Term = Type.Union([Type.Object({ from: Day, to: Day }), Type.Null()]);

/** A community entered the register (proposed): what it is, where, for how long. */
export const CommunityRegisteredV1 = Type.Object({
  communityId: Id,
  kind: Id,
  level: Level,
  subject: Type.Union([Type.String(), Type.Null()]),
  direction: Type.Union([Type.String(), Type.Null()]),
  hostOrganizationId: Type.Union([Id, Type.Null()]),
  term: Term,
});

/** A step of its lifecycle: approved by an order, active, extended to a new end, closed with a reason. */
export const CommunityStatusChangedV1 = Type.Object({
  communityId: Id,
  status: Type.Union([Type.Literal('APPROVED'), Type.Literal('ACTIVE'), Type.Literal('EXTENDED'), Type.Literal('CLOSED')]),
  /** The new end of the term (EXTENDED). */
  termTo: Type.Union([Day, Type.Null()]),
  /** Why it closed (CLOSED): TASK_DONE, TERM_OVER, BY_DECISION. */
  reason: Type.Union([Type.String(), Type.Null()]),
});

/** An educator joined, changed role in or left a community (membership counts are summed from these). */
export const MembershipChangedV1 = Type.Object({
  communityId: Id,
  educatorId: Id,
  role: Type.Union([Type.Literal('HEAD'), Type.Literal('DEPUTY'), Type.Literal('MEMBER'), Type.Literal('EXPERT'), Type.Null()]),
  /** false: they left (role null). */
  current: Type.Boolean(),
  on: Type.Union([Day, Type.Null()]),
});

/** A community's periodic report was submitted. */
export const CommunityReportedV1 = Type.Object({ communityId: Id, period: Id, submittedOn: Day });

/** A site's standing in the public register: applied, granted (with its term), declined, extended, terminated, closed. */
export const SiteStatusChangedV1 = Type.Object({
  siteId: Id,
  status: Id,
  level: Type.Union([Type.Literal('MUNICIPAL'), Type.Literal('REGIONAL')]),
  phase: Type.Union([
    Type.Literal('APPLIED'),
    Type.Literal('GRANTED'),
    Type.Literal('DECLINED'),
    Type.Literal('EXTENDED'),
    Type.Literal('TERMINATED'),
    Type.Literal('CLOSED'),
  ]),
  termTo: Type.Union([Day, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  /** Where it is (APPLIED only; later steps are the same site's): the host school first, and its municipality. */
  organizationIds: Type.Array(Id),
  hostMunicipalityId: Type.Union([Id, Type.Null()]),
});

/** A site's annual report: submitted, then reviewed (accepted or not). */
export const SiteReportChangedV1 = Type.Object({
  siteId: Id,
  year: Type.String({ pattern: '^\\d{4}/\\d{4}$' }),
  submittedOn: Type.Union([Day, Type.Null()]),
  accepted: Type.Union([Type.Boolean(), Type.Null()]),
});

/** A methodological event was published, changed capacity or was cancelled. */
export const MethodEventScheduledV1 = Type.Object({
  methodEventId: Id,
  kind: Id,
  level: Level,
  organiserKind: Type.Union([Type.Literal('SERVICE'), Type.Literal('COMMUNITY'), Type.Literal('SITE')]),
  organiserId: Id,
  startsAt: Instant,
  endsAt: Instant,
  capacity: Type.Integer({ minimum: 1 }),
  subjects: Type.Array(Type.String()),
});
export const MethodEventChangedV1 = Type.Object({
  methodEventId: Id,
  capacity: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  cancelled: Type.Boolean(),
});

/** A registration's status: PENDING, CONFIRMED, WAITLISTED, CANCELLED, REJECTED. */
export const RegistrationChangedV1 = Type.Object({ methodEventId: Id, educatorId: Id, status: Id });

/** Attendance as marked (by the organiser or by check-in). */
export const AttendanceRecordedV1 = Type.Object({ methodEventId: Id, educatorId: Id, present: Type.Boolean() });

/** Participation certificates with their hours: what counts in an educator's record. */
export const ParticipationCertifiedV1 = Type.Object({
  methodEventId: Id,
  hours: Type.Number({ minimum: 0 }),
  certificates: Type.Array(Type.Object({ educatorId: Id, number: Id })),
});

/** An educator presents their experience at an event: dissemination of practice. */
export const PresentationGivenV1 = Type.Object({ methodEventId: Id, educatorId: Id, title: Type.String() });

/** A rating (1–5) after an event, without who gave it or their comment. */
export const FeedbackRatedV1 = Type.Object({ methodEventId: Id, rating: Type.Integer({ minimum: 1, maximum: 5 }) });

export type CommunityRegistered = Static<typeof CommunityRegisteredV1>;
export type CommunityStatusChanged = Static<typeof CommunityStatusChangedV1>;
export type MembershipChanged = Static<typeof MembershipChangedV1>;
export type CommunityReported = Static<typeof CommunityReportedV1>;
export type SiteStatusChanged = Static<typeof SiteStatusChangedV1>;
export type SiteReportChanged = Static<typeof SiteReportChangedV1>;
export type MethodEventScheduled = Static<typeof MethodEventScheduledV1>;
export type MethodEventChanged = Static<typeof MethodEventChangedV1>;
export type RegistrationChanged = Static<typeof RegistrationChangedV1>;
export type AttendanceRecorded = Static<typeof AttendanceRecordedV1>;
export type ParticipationCertified = Static<typeof ParticipationCertifiedV1>;
export type PresentationGiven = Static<typeof PresentationGivenV1>;
export type FeedbackRated = Static<typeof FeedbackRatedV1>;

const contract = (type: string, schema: EventContract['versions'][number]['schema']): EventContract => ({
  type,
  topic: COMMUNITIES_TOPIC,
  versions: { 1: { schema } },
});

export const CommunitiesContracts = {
  CommunityRegistered: contract('communities.CommunityRegistered', CommunityRegisteredV1),
  CommunityStatusChanged: contract('communities.CommunityStatusChanged', CommunityStatusChangedV1),
  MembershipChanged: contract('communities.MembershipChanged', MembershipChangedV1),
  CommunityReported: contract('communities.CommunityReported', CommunityReportedV1),
  SiteStatusChanged: contract('communities.SiteStatusChanged', SiteStatusChangedV1),
  SiteReportChanged: contract('communities.SiteReportChanged', SiteReportChangedV1),
  MethodEventScheduled: contract('communities.MethodEventScheduled', MethodEventScheduledV1),
  MethodEventChanged: contract('communities.MethodEventChanged', MethodEventChangedV1),
  RegistrationChanged: contract('communities.RegistrationChanged', RegistrationChangedV1),
  AttendanceRecorded: contract('communities.AttendanceRecorded', AttendanceRecordedV1),
  ParticipationCertified: contract('communities.ParticipationCertified', ParticipationCertifiedV1),
  PresentationGiven: contract('communities.PresentationGiven', PresentationGivenV1),
  FeedbackRated: contract('communities.FeedbackRated', FeedbackRatedV1),
} as const;
