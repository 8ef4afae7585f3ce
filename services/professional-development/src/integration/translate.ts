import { ProfessionalDevelopmentContracts as C, EnrolmentChanged, ExternalTrainingRecorded, MentorshipChanged } from '@mms/contracts/events';
import { EventEnvelope } from '@mms/eventsourcing/core';
import { IntegrationEvent, IntegrationTranslator } from '@mms/eventsourcing';
import { ProgrammeEvent } from '../catalogue/programme.decider';
import { CohortEvent, EnrolmentRef, EnrolmentStatus } from '../cohorts/cohort.decider';
import { DevelopmentEvent } from '../development/development.decider';
import { MentorEvent } from '../mentoring/mentor.decider';

/** Every internal event of this context, in stream order (key = stream id). */
export const PD_INTERNAL_TOPIC = 'professional-development.internal';

type Internal = ProgrammeEvent | CohortEvent | DevelopmentEvent | MentorEvent;

const v1 = (type: string, data: unknown): IntegrationEvent[] => [{ type, schemaVersion: 1, data }];

/** The commit's calendar day, for status changes whose event carries no date of its own. */
const dayOf = (envelope: EventEnvelope) => envelope.occurredAt.slice(0, 10);

/**
 * Built field by field from the reference, so nothing else (the certificate number, a
 * reason typed by a coordinator) can slip into the public event.
 */
const enrolmentChanged = (ref: EnrolmentRef, status: EnrolmentStatus, hours: number, on: string): IntegrationEvent[] => {
  const data: EnrolmentChanged = {
    enrolmentId: ref.enrolmentId,
    cohortId: ref.cohortId,
    programmeId: ref.programmeId,
    educatorId: ref.educatorId,
    municipalityId: ref.municipalityId,
    organizationId: ref.organizationId,
    status,
    hours,
    competences: ref.competences,
    on,
  };
  return v1(C.EnrolmentChanged.type, data);
};

const mentorshipChanged = (
  d: { mentorshipId: string; mentorId: string; menteeId: string; municipalityId: string; from: string; to: string },
  status: MentorshipChanged['status'],
): IntegrationEvent[] => {
  const data: MentorshipChanged = {
    mentorshipId: d.mentorshipId,
    mentorId: d.mentorId,
    menteeId: d.menteeId,
    municipalityId: d.municipalityId,
    status,
    from: d.from,
    to: d.to,
  };
  return v1(C.MentorshipChanged.type, data);
};

/**
 * Internal events → `professional-development.events.v1` (DESIGN.md, "Public contracts").
 * No names (this context has none), no certificate numbers, no free-text reasons. The
 * development stream's tenant is the educator's municipality when the stream was opened
 * (it keeps that tenant after a transfer), and it is what DeficitsChanged/RouteChanged carry.
 */
export const translateProfessionalDevelopmentEvent: IntegrationTranslator = (envelope: EventEnvelope) => {
  const e = { type: envelope.type, data: envelope.data } as Internal;
  switch (e.type) {
    case 'ProgrammePublished': {
      const { programmeId, level, ownerMunicipalityId, title, hours, format, competences } = e.data;
      return v1(C.ProgrammePublished.type, { programmeId, level, ownerMunicipalityId, title, hours, format, competences });
    }
    case 'ProgrammeWithdrawn':
      return v1(C.ProgrammeWithdrawn.type, { programmeId: e.data.programmeId });
    case 'EnrolmentApplied':
      return enrolmentChanged(e.data, 'APPLIED', 0, e.data.on);
    case 'EnrolmentApproved':
      return enrolmentChanged(e.data, 'ENROLLED', 0, dayOf(envelope));
    case 'EnrolmentRejected':
      return enrolmentChanged(e.data, 'REJECTED', 0, dayOf(envelope));
    case 'EnrolmentWithdrawn':
      return enrolmentChanged(e.data, 'WITHDRAWN', 0, dayOf(envelope));
    case 'EnrolmentCompleted':
      // The training counts from the day the certificate was issued, with its hours.
      return enrolmentChanged(e.data, 'COMPLETED', e.data.certificate.hours, e.data.certificate.issuedOn);
    case 'EnrolmentNotCompleted':
      return enrolmentChanged(e.data, 'NOT_COMPLETED', 0, dayOf(envelope));
    case 'ExternalTrainingRecorded': {
      // Field by field: the certificate number, title and provider stay inside.
      const { recordId, educatorId, municipalityId, hours, competences, issuedOn } = e.data;
      const data: ExternalTrainingRecorded = { recordId, educatorId, municipalityId, hours, competences, on: issuedOn };
      return v1(C.ExternalTrainingRecorded.type, data);
    }
    case 'DeficitIdentified':
    case 'DeficitResolved':
      return v1(C.DeficitsChanged.type, { educatorId: e.data.educatorId, municipalityId: envelope.tenantId, open: e.data.open });
    case 'RouteProposed':
    case 'RouteReturnedToDraft':
      return v1(C.RouteChanged.type, { educatorId: e.data.educatorId, municipalityId: envelope.tenantId, status: 'DRAFT' });
    case 'RouteApproved':
      return v1(C.RouteChanged.type, { educatorId: e.data.educatorId, municipalityId: envelope.tenantId, status: 'APPROVED' });
    case 'MentorshipStarted':
    case 'MentorshipGoalsUpdated':
      return mentorshipChanged(e.data, 'ACTIVE');
    case 'MentorshipCompleted':
      return mentorshipChanged(e.data, 'COMPLETED');
    case 'MentorshipEnded':
      return mentorshipChanged(e.data, 'ENDED');
    default:
      // Drafts, cohort logistics, diagnostics scores and route item edits stay inside.
      return [];
  }
};
