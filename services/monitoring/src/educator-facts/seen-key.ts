import type { EventEnvelope } from '@mms/eventsourcing/core';
import { ProfessionalDevelopmentContracts as PD } from '@mms/contracts/events';

/** Percent-encodes what a document key may not hold ('.', a leading '$') and the separator. */
const safe = (s: string): string => s.replace(/[%.$|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Enrolments and mentorships share a stream with others of their kind (cohort, mentor). */
const subjectOf = (e: EventEnvelope): string => {
  const data = e.data as { enrolmentId?: string; mentorshipId?: string };
  if (e.type === PD.EnrolmentChanged.type) return data.enrolmentId ?? '';
  if (e.type === PD.MentorshipChanged.type) return data.mentorshipId ?? '';
  return '';
};

/**
 * The source whose stream versions must only grow on one facts document. It is the
 * stream, qualified by:
 * - the tenant: streams are unique per tenant only (a transferred educator has an
 *   `educator-<id>` stream in each municipality, each counting from 1);
 * - the public type and subject: a public event keeps its internal event's stream
 *   version, so one internal event announced as two public events (or one per enrolment
 *   of a cohort) gives equal versions that must not hide each other.
 * Within one key, events arrive in stream order (Kafka key = stream id), so a version not
 * above the one recorded is a redelivery.
 */
export const seenKey = (e: EventEnvelope): string => [e.tenantId, e.streamType, e.streamId, e.type, subjectOf(e)].map(safe).join('|');
