import type { EventEnvelope, RowTable } from '@mms/eventsourcing/core';
import type { MethodEventEvent, MethodEventKind, MethodEventPlan } from './method-event.decider';
import type { RegistrationStatus } from './seats';
import { meanRating } from './stats';

/** An event as the calendar lists it, with its seat counts and what its feed needs (sequence, last change). */
export interface MethodEventRow {
  _id: string;
  /** The organiser's tenant: a municipality, or `region`. */
  tenantId: string;
  kind: MethodEventKind;
  title: string;
  organiser: MethodEventPlan['organiser'];
  level: MethodEventPlan['level'];
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  audience: MethodEventPlan['audience'];
  capacity: number;
  moderated: boolean;
  status: 'PUBLISHED' | 'CANCELLED';
  cancelReason: string | null;
  /** educatorId → registration status: the counts below are recomputed from it. */
  statuses: Record<string, RegistrationStatus>;
  seated: number;
  waiting: number;
  /** educatorId → marked present: `attended` counts them. */
  present: Record<string, boolean>;
  attended: number;
  speakers: { educatorId: string; title: string }[];
  /** The speakers' ids: an educator's presentations are found by them. */
  speakerIds: string[];
  /** educatorId → their latest rating: `ratings` and `meanRating` come from it. */
  feedback: Record<string, number>;
  ratings: number;
  meanRating: number | null;
  /** The stream's version at the last change a calendar shows (plan, cancellation): the iCalendar SEQUENCE. */
  sequence: number;
  updatedAt: string;
}

/** One educator's registration for one event: their own list, the waitlist's order, their certificate. */
export interface RegistrationRow {
  _id: string;
  methodEventId: string;
  tenantId: string;
  educatorId: string;
  status: RegistrationStatus;
  seq: number;
  registeredAt: string;
  registeredBy: string;
  attended: boolean;
  certificate: { number: string; hours: number } | null;
}

export const registrationRowId = (methodEventId: string, educatorId: string) => `${methodEventId}~${educatorId}`;

const typed = (envelope: EventEnvelope) => ({ type: envelope.type, data: envelope.data }) as MethodEventEvent;

const counted = (row: MethodEventRow, statuses: Record<string, RegistrationStatus>): MethodEventRow => ({
  ...row,
  statuses,
  seated: Object.values(statuses).filter((s) => s === 'CONFIRMED').length,
  waiting: Object.values(statuses).filter((s) => s === 'WAITLISTED').length,
});

const EVENT_ROW_EVENTS = new Set([
  'MethodEventPublished',
  'MethodEventCapacityChanged',
  'MethodEventCancelled',
  'EducatorRegistered',
  'RegistrationApproved',
  'RegistrationRejected',
  'RegistrationCancelled',
  'RegistrationPromoted',
  'SpeakerAdded',
  'AttendanceMarked',
  'FeedbackGiven',
]);

export const methodEventRows: RowTable<MethodEventRow> = {
  collection: 'method_events',
  indexes: [{ keys: { tenantId: 1, startsAt: 1 } }, { keys: { 'organiser.id': 1, startsAt: 1 } }, { keys: { startsAt: 1 } }, { keys: { speakerIds: 1 } }],
  rowsOf: (e) => (EVENT_ROW_EVENTS.has(e.type) ? [(e.data as { methodEventId: string }).methodEventId] : []),
  evolve: (row, envelope) => {
    const e = typed(envelope);
    const stamp = { sequence: envelope.streamVersion, updatedAt: envelope.occurredAt };
    if (e.type === 'MethodEventPublished') {
      const { methodEventId, checkInCode: _code, ...plan } = e.data;
      return {
        _id: methodEventId,
        tenantId: envelope.tenantId,
        ...plan,
        status: 'PUBLISHED',
        cancelReason: null,
        statuses: {},
        seated: 0,
        waiting: 0,
        present: {},
        attended: 0,
        speakers: [],
        speakerIds: [],
        feedback: {},
        ratings: 0,
        meanRating: null,
        ...stamp,
      };
    }
    if (!row) return null;
    const r = row;
    switch (e.type) {
      case 'MethodEventCapacityChanged':
        return { ...r, capacity: e.data.capacity, ...stamp };
      case 'MethodEventCancelled':
        return { ...r, status: 'CANCELLED', cancelReason: e.data.reason, ...stamp };
      case 'EducatorRegistered':
        return counted(r, { ...r.statuses, [e.data.educatorId]: e.data.status });
      case 'RegistrationApproved':
        return counted(r, { ...r.statuses, [e.data.educatorId]: e.data.status });
      case 'RegistrationRejected':
        return counted(r, { ...r.statuses, [e.data.educatorId]: 'REJECTED' });
      case 'RegistrationCancelled':
        return counted(r, { ...r.statuses, [e.data.educatorId]: 'CANCELLED' });
      case 'RegistrationPromoted':
        return counted(r, { ...r.statuses, [e.data.educatorId]: 'CONFIRMED' });
      case 'SpeakerAdded':
        return {
          ...r,
          speakers: [...r.speakers, { educatorId: e.data.educatorId, title: e.data.title }],
          speakerIds: [...r.speakerIds, e.data.educatorId],
        };
      case 'AttendanceMarked': {
        const present = { ...r.present, [e.data.educatorId]: e.data.present };
        return { ...r, present, attended: Object.values(present).filter(Boolean).length };
      }
      case 'FeedbackGiven': {
        // A changed rating replaces the educator's earlier one.
        const feedback = { ...r.feedback, [e.data.educatorId]: e.data.rating };
        return { ...r, feedback, ratings: Object.keys(feedback).length, meanRating: meanRating(Object.values(feedback)) };
      }
      default:
        return r;
    }
  },
};

const OF_REGISTRATION = new Set([
  'EducatorRegistered',
  'RegistrationApproved',
  'RegistrationRejected',
  'RegistrationCancelled',
  'RegistrationPromoted',
  'AttendanceMarked',
  'CertificatesIssued',
]);

export const registrationRows: RowTable<RegistrationRow> = {
  collection: 'event_registrations',
  indexes: [{ keys: { educatorId: 1 } }, { keys: { methodEventId: 1, status: 1 } }],
  rowsOf: (e) => {
    if (!OF_REGISTRATION.has(e.type)) return [];
    const d = e.data as { methodEventId: string; educatorId?: string; certificates?: { educatorId: string }[] };
    const who = d.certificates ? d.certificates.map((c) => c.educatorId) : [d.educatorId!];
    return who.map((educatorId) => registrationRowId(d.methodEventId, educatorId));
  },
  evolve: (row, envelope) => {
    const e = typed(envelope);
    switch (e.type) {
      case 'EducatorRegistered': {
        const { methodEventId, educatorId, status, seq, registeredAt, registeredBy } = e.data;
        return {
          _id: registrationRowId(methodEventId, educatorId),
          methodEventId,
          tenantId: envelope.tenantId,
          educatorId,
          status,
          seq,
          registeredAt,
          registeredBy,
          attended: row?.attended ?? false,
          certificate: row?.certificate ?? null,
        };
      }
      case 'RegistrationApproved':
        return row && { ...row, status: e.data.status };
      case 'RegistrationRejected':
        return row && { ...row, status: 'REJECTED' };
      case 'RegistrationCancelled':
        return row && { ...row, status: 'CANCELLED' };
      case 'RegistrationPromoted':
        return row && { ...row, status: 'CONFIRMED' };
      case 'AttendanceMarked':
        // A speaker without a seat attends too: their row exists for the certificate.
        return row
          ? { ...row, attended: e.data.present }
          : {
              _id: registrationRowId(e.data.methodEventId, e.data.educatorId),
              methodEventId: e.data.methodEventId,
              tenantId: envelope.tenantId,
              educatorId: e.data.educatorId,
              status: 'CONFIRMED',
              seq: 0,
              registeredAt: envelope.occurredAt,
              registeredBy: 'speaker',
              attended: e.data.present,
              certificate: null,
            };
      case 'CertificatesIssued': {
        const mine = e.data.certificates.find((c) => row && c.educatorId === row.educatorId);
        return row && mine ? { ...row, certificate: { number: mine.number, hours: e.data.hours } } : row;
      }
      default:
        return row;
    }
  },
};
