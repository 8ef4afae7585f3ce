import { Decider, DomainEvent, invalid, notFound, refuse } from '@mms/eventsourcing/core';
import { REGION_TENANT } from '../tenants';
import { confirmedCount, placeFor, promotions, Registration } from './seats';

// A methodological event (seminar, webinar, master class, conference, forum, pedagogical
// readings, internship, round table): seats with a waitlist promoted in order of arrival,
// optional moderation, speakers, attendance (by the organiser or by check-in with the event's
// code), participation certificates and feedback. Issue 12 §3.

export const METHOD_EVENT_KINDS = [
  'SEMINAR',
  'WEBINAR',
  'MASTER_CLASS',
  'CONFERENCE',
  'FORUM',
  'PEDAGOGICAL_READINGS',
  'INTERNSHIP',
  'ROUND_TABLE',
  'OTHER',
] as const;
export type MethodEventKind = (typeof METHOD_EVENT_KINDS)[number];
export type OrganiserKind = 'SERVICE' | 'COMMUNITY' | 'SITE';
export type Level = 'SCHOOL' | 'MUNICIPAL' | 'REGIONAL';

export interface MethodEventPlan {
  kind: MethodEventKind;
  title: string;
  organiser: { kind: OrganiserKind; id: string };
  level: Level;
  /** Instants (ISO, UTC): the handler converts the region's local times. */
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  audience: { subjects: string[]; positions: string[] };
  capacity: number;
  moderated: boolean;
}

export interface Speaker {
  educatorId: string;
  title: string;
  summary: string;
}

export interface MethodEventState {
  status: 'none' | 'PUBLISHED' | 'CANCELLED';
  plan?: MethodEventPlan;
  checkInCode?: string;
  registrations: Record<string, Registration>;
  nextSeq: number;
  speakers: Speaker[];
  /** educatorId → present (true) as last marked. */
  attendance: Record<string, boolean>;
  certificates: Record<string, { number: string; hours: number }>;
  feedback: Record<string, { rating: number; comment: string }>;
}

type Id = { methodEventId: string };
export type MethodEventEvent =
  | DomainEvent<'MethodEventPublished', Id & MethodEventPlan & { checkInCode: string }>
  | DomainEvent<'MethodEventCapacityChanged', Id & { capacity: number }>
  | DomainEvent<'MethodEventCancelled', Id & { reason: string }>
  | DomainEvent<'EducatorRegistered', Id & Registration>
  | DomainEvent<'RegistrationApproved', Id & { educatorId: string; status: 'CONFIRMED' | 'WAITLISTED' }>
  | DomainEvent<'RegistrationRejected', Id & { educatorId: string; reason: string }>
  | DomainEvent<'RegistrationCancelled', Id & { educatorId: string; at: string; by: string }>
  | DomainEvent<'RegistrationPromoted', Id & { educatorId: string }>
  | DomainEvent<'SpeakerAdded', Id & Speaker>
  | DomainEvent<'AttendanceMarked', Id & { educatorId: string; present: boolean; how: 'ORGANISER' | 'CHECK_IN' }>
  | DomainEvent<'CertificatesIssued', Id & { hours: number; certificates: { educatorId: string; number: string }[] }>
  | DomainEvent<'FeedbackGiven', Id & { educatorId: string; rating: number; comment: string }>;

export type MethodEventCommand =
  | (Id & { type: 'PublishMethodEvent'; plan: MethodEventPlan; checkInCode: string; now: string })
  | (Id & { type: 'ChangeCapacity'; capacity: number; now: string })
  | (Id & { type: 'CancelMethodEvent'; reason: string; now: string })
  | (Id & { type: 'Register'; educatorId: string; educatorMunicipalityId: string; by: string; now: string })
  | (Id & { type: 'ApproveRegistration'; educatorId: string })
  | (Id & { type: 'RejectRegistration'; educatorId: string; reason: string })
  | (Id & { type: 'CancelRegistration'; educatorId: string; by: string; now: string })
  | (Id & { type: 'AddSpeaker'; speaker: Speaker })
  | (Id & { type: 'MarkAttendance'; educatorId: string; present: boolean; now: string })
  | (Id & { type: 'CheckIn'; educatorId: string; code: string; now: string })
  | (Id & { type: 'IssueCertificates'; hours: number; numberPrefix: string; now: string })
  | (Id & { type: 'GiveFeedback'; educatorId: string; rating: number; comment: string; now: string });

export const initialMethodEvent = (): MethodEventState => ({
  status: 'none',
  registrations: {},
  nextSeq: 1,
  speakers: [],
  attendance: {},
  certificates: {},
  feedback: {},
});

const ACTIVE = new Set(['PENDING', 'CONFIRMED', 'WAITLISTED']);

const MAX_CAPACITY = 10_000;

const withStatus = (s: MethodEventState, educatorId: string, status: Registration['status']) => ({
  ...s.registrations,
  [educatorId]: { ...s.registrations[educatorId]!, status },
});

export const methodEventDecider: Decider<MethodEventState, MethodEventCommand, MethodEventEvent> = {
  streamType: 'methodEvent',
  initialState: initialMethodEvent,
  evolve: (s, e) => {
    switch (e.type) {
      case 'MethodEventPublished': {
        const { methodEventId: _id, checkInCode, ...plan } = e.data;
        return { ...s, status: 'PUBLISHED', plan, checkInCode };
      }
      case 'MethodEventCapacityChanged':
        return { ...s, plan: { ...s.plan!, capacity: e.data.capacity } };
      case 'MethodEventCancelled':
        return { ...s, status: 'CANCELLED' };
      case 'EducatorRegistered': {
        const { methodEventId: _id, ...reg } = e.data;
        return { ...s, registrations: { ...s.registrations, [reg.educatorId]: reg }, nextSeq: Math.max(s.nextSeq, reg.seq + 1) };
      }
      case 'RegistrationApproved':
        return { ...s, registrations: withStatus(s, e.data.educatorId, e.data.status) };
      case 'RegistrationRejected':
        return { ...s, registrations: withStatus(s, e.data.educatorId, 'REJECTED') };
      case 'RegistrationCancelled':
        return { ...s, registrations: withStatus(s, e.data.educatorId, 'CANCELLED') };
      case 'RegistrationPromoted':
        return { ...s, registrations: withStatus(s, e.data.educatorId, 'CONFIRMED') };
      case 'SpeakerAdded': {
        const { methodEventId: _id, ...speaker } = e.data;
        return { ...s, speakers: [...s.speakers, speaker] };
      }
      case 'AttendanceMarked':
        return { ...s, attendance: { ...s.attendance, [e.data.educatorId]: e.data.present } };
      case 'CertificatesIssued':
        return {
          ...s,
          certificates: { ...s.certificates, ...Object.fromEntries(e.data.certificates.map((c) => [c.educatorId, { number: c.number, hours: e.data.hours }])) },
        };
      case 'FeedbackGiven':
        return { ...s, feedback: { ...s.feedback, [e.data.educatorId]: { rating: e.data.rating, comment: e.data.comment } } };
    }
  },
  decide: (c, s, stream) => {
    const id = { methodEventId: c.methodEventId };
    if (c.type === 'PublishMethodEvent') return publish(c, s);
    if (s.status === 'none') return notFound(`event ${c.methodEventId}`, 'methodEventId');
    const plan = s.plan!;
    const started = (now: string) => now >= plan.startsAt;
    const ended = (now: string) => now >= plan.endsAt;
    const open = () => {
      if (s.status === 'CANCELLED') refuse('EVENT_CANCELLED', 'the event is cancelled');
    };
    const registration = (educatorId: string) => s.registrations[educatorId] ?? notFound(`registration of ${educatorId}`, 'educatorId');
    switch (c.type) {
      case 'ChangeCapacity': {
        open();
        if (started(c.now)) refuse('EVENT_STARTED', 'the event has started: seats no longer change');
        checkCapacity(c.capacity);
        if (c.capacity === plan.capacity) return [];
        if (c.capacity < confirmedCount(s.registrations))
          refuse('CAPACITY_BELOW_CONFIRMED', `${confirmedCount(s.registrations)} seats are taken already`, { field: 'capacity' });
        return [
          { type: 'MethodEventCapacityChanged', data: { ...id, capacity: c.capacity } },
          ...promotions(s.registrations, c.capacity).map((educatorId): MethodEventEvent => ({ type: 'RegistrationPromoted', data: { ...id, educatorId } })),
        ];
      }
      case 'CancelMethodEvent': {
        if (s.status === 'CANCELLED') return [];
        if (ended(c.now)) refuse('EVENT_OVER', 'the event is over: it cannot be cancelled');
        if (!c.reason.trim()) invalid('reason', 'a cancellation gives its reason');
        return [{ type: 'MethodEventCancelled', data: { ...id, reason: c.reason.trim() } }];
      }
      case 'Register': {
        open();
        const was = s.registrations[c.educatorId];
        if (was && ACTIVE.has(was.status)) return [];
        if (was?.status === 'REJECTED') refuse('REGISTRATION_REJECTED', 'the organiser declined this registration');
        // A municipality's event is for its own teachers; the region's for every municipality's.
        if (stream.tenantId !== REGION_TENANT && stream.tenantId !== c.educatorMunicipalityId)
          refuse('EVENT_NOT_OPEN_TO_EDUCATOR', 'this event is another municipality’s', { field: 'educatorId' });
        if (started(c.now)) refuse('REGISTRATION_CLOSED', 'registration closes when the event starts');
        const status = placeFor(s.registrations, plan.capacity, plan.moderated);
        return [{ type: 'EducatorRegistered', data: { ...id, educatorId: c.educatorId, status, seq: s.nextSeq, registeredAt: c.now, registeredBy: c.by } }];
      }
      case 'ApproveRegistration': {
        open();
        const r = registration(c.educatorId);
        if (r.status !== 'PENDING')
          return r.status === 'CONFIRMED' || r.status === 'WAITLISTED' ? [] : refuse('NOT_PENDING', `the registration is ${r.status}`);
        const status = placeFor(s.registrations, plan.capacity, false) === 'CONFIRMED' ? 'CONFIRMED' : 'WAITLISTED';
        return [{ type: 'RegistrationApproved', data: { ...id, educatorId: c.educatorId, status } }];
      }
      case 'RejectRegistration': {
        const r = registration(c.educatorId);
        if (r.status === 'REJECTED') return [];
        if (r.status !== 'PENDING' && r.status !== 'WAITLISTED') refuse('NOT_PENDING', `a ${r.status} registration is not rejected`);
        if (!c.reason.trim()) invalid('reason', 'a rejection gives its reason');
        return [{ type: 'RegistrationRejected', data: { ...id, educatorId: c.educatorId, reason: c.reason.trim() } }];
      }
      case 'CancelRegistration': {
        const r = registration(c.educatorId);
        if (!ACTIVE.has(r.status)) return [];
        if (started(c.now)) refuse('EVENT_STARTED', 'the event has started: the registration stays as it is');
        const cancelled: MethodEventEvent = { type: 'RegistrationCancelled', data: { ...id, educatorId: c.educatorId, at: c.now, by: c.by } };
        if (r.status !== 'CONFIRMED') return [cancelled];
        // The freed seat goes to the first in the waitlist, in the same commit: never a free seat while someone waits.
        const after = methodEventDecider.evolve(s, cancelled);
        return [
          cancelled,
          ...promotions(after.registrations, plan.capacity).map((educatorId): MethodEventEvent => ({
            type: 'RegistrationPromoted',
            data: { ...id, educatorId },
          })),
        ];
      }
      case 'AddSpeaker': {
        open();
        const title = c.speaker.title.trim();
        if (!title) invalid('title', 'a presentation has a title');
        if (s.speakers.some((x) => x.educatorId === c.speaker.educatorId && x.title === title)) return [];
        return [{ type: 'SpeakerAdded', data: { ...id, educatorId: c.speaker.educatorId, title, summary: c.speaker.summary.trim() } }];
      }
      case 'MarkAttendance': {
        open();
        if (!started(c.now)) refuse('EVENT_NOT_STARTED', 'attendance is marked once the event has started');
        attendee(s, c.educatorId);
        if (s.attendance[c.educatorId] === c.present) return [];
        if (!c.present && s.certificates[c.educatorId]) refuse('CERTIFICATE_ISSUED', 'a certificate was issued for this attendance');
        return [{ type: 'AttendanceMarked', data: { ...id, educatorId: c.educatorId, present: c.present, how: 'ORGANISER' } }];
      }
      case 'CheckIn': {
        open();
        if (!started(c.now) || ended(c.now)) refuse('CHECK_IN_CLOSED', 'check-in is open while the event runs');
        if (c.code.trim().toUpperCase() !== s.checkInCode) refuse('WRONG_CODE', 'this is not the event’s code', { field: 'code' });
        attendee(s, c.educatorId);
        if (s.attendance[c.educatorId]) return [];
        return [{ type: 'AttendanceMarked', data: { ...id, educatorId: c.educatorId, present: true, how: 'CHECK_IN' } }];
      }
      case 'IssueCertificates': {
        open();
        if (!ended(c.now)) refuse('EVENT_NOT_OVER', 'certificates are issued after the event');
        if (!(Number.isFinite(c.hours) && c.hours > 0 && c.hours <= 144 && Math.round(c.hours * 2) === c.hours * 2))
          invalid('hours', 'must be 0.5–144 in half hours');
        const issued = Object.keys(s.certificates).length;
        const fresh = Object.entries(s.attendance)
          .filter(([educatorId, present]) => present && !s.certificates[educatorId])
          .map(([educatorId]) => educatorId)
          .sort((a, b) => (s.registrations[a]?.seq ?? 0) - (s.registrations[b]?.seq ?? 0));
        if (!fresh.length) return [];
        const certificates = fresh.map((educatorId, i) => ({ educatorId, number: `${c.numberPrefix}-${String(issued + i + 1).padStart(4, '0')}` }));
        return [{ type: 'CertificatesIssued', data: { ...id, hours: c.hours, certificates } }];
      }
      case 'GiveFeedback': {
        if (!s.attendance[c.educatorId]) refuse('NOT_AN_ATTENDEE', 'feedback comes from those who attended');
        if (!ended(c.now)) refuse('EVENT_NOT_OVER', 'feedback opens when the event is over');
        if (!(Number.isInteger(c.rating) && c.rating >= 1 && c.rating <= 5)) invalid('rating', 'must be a whole number 1–5');
        const comment = c.comment.trim();
        const was = s.feedback[c.educatorId];
        if (was && was.rating === c.rating && was.comment === comment) return [];
        return [{ type: 'FeedbackGiven', data: { ...id, educatorId: c.educatorId, rating: c.rating, comment } }];
      }
    }
  },
};

const checkCapacity = (capacity: number) => {
  if (!(Number.isInteger(capacity) && capacity >= 1 && capacity <= MAX_CAPACITY)) invalid('capacity', `must be a whole number 1–${MAX_CAPACITY}`);
};

/** Attendance is of those who hold a seat, or who present. */
const attendee = (s: MethodEventState, educatorId: string) => {
  const confirmed = s.registrations[educatorId]?.status === 'CONFIRMED';
  if (!confirmed && !s.speakers.some((x) => x.educatorId === educatorId))
    refuse('NOT_REGISTERED', 'only registered participants and speakers attend', { field: 'educatorId' });
};

const publish = (c: Extract<MethodEventCommand, { type: 'PublishMethodEvent' }>, s: MethodEventState): MethodEventEvent[] => {
  const p = c.plan;
  if (s.status !== 'none') {
    if (JSON.stringify(s.plan) === JSON.stringify(p)) return [];
    return refuse('EVENT_EXISTS', `event ${c.methodEventId} exists with other data`);
  }
  if (!METHOD_EVENT_KINDS.includes(p.kind)) invalid('kind', `must be one of ${METHOD_EVENT_KINDS.join(', ')}`);
  if (!p.title.trim()) invalid('title', 'an event has a title');
  if (!(p.startsAt < p.endsAt)) invalid('endsAt', 'an event ends after it starts');
  if (p.endsAt <= c.now) invalid('endsAt', 'an event is published before it ends');
  if (!p.place?.trim() && !p.onlineUrl?.trim()) invalid('place', 'an event takes place somewhere: a place or an online link');
  if (p.onlineUrl && !/^https:\/\/[^\s]+$/.test(p.onlineUrl)) invalid('onlineUrl', 'must be an https:// link');
  checkCapacity(p.capacity);
  // Internships are hosted by base and internship sites and credited to them (issue 12 §2).
  if (p.kind === 'INTERNSHIP' && p.organiser.kind !== 'SITE')
    refuse('INTERNSHIP_NEEDS_SITE', 'an internship is organised by its host site', { field: 'organiser' });
  return [{ type: 'MethodEventPublished', data: { methodEventId: c.methodEventId, ...p, title: p.title.trim(), checkInCode: c.checkInCode } }];
};
