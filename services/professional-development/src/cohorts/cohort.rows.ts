import type { EventEnvelope, RowTable } from '@mms/eventsourcing/core';
import type { CompetenceArea } from '../competences/competence-areas';
import type { AppliedBy, Certificate, CohortEvent, CohortStatus, EnrolmentRef, EnrolmentStatus, ProgrammeSnapshot } from './cohort.decider';

/** The cohort with the programme snapshot it was scheduled with, flattened. */
export interface CohortRow extends ProgrammeSnapshot {
  _id: string;
  tenantId: string;
  startDate: string;
  endDate: string;
  seats: number;
  held: number;
  free: number;
  completed: number;
  status: CohortStatus;
  cancelReason: string | null;
}

/** One enrolment. The cohort's title, format and dates are read from its cohort row (see cohort.queries). */
export interface EnrolmentRow {
  _id: string;
  /** The cohort's tenant (the issuer of the certificate). */
  tenantId: string;
  cohortId: string;
  programmeId: string;
  programmeHours: number;
  competences: CompetenceArea[];
  educatorId: string;
  /** The learner's placement when applying: policies and exports scope by it. */
  municipalityId: string;
  organizationId: string;
  status: EnrolmentStatus;
  appliedBy: AppliedBy;
  appliedOn: string;
  /** Day of the last status change. */
  statusOn: string;
  reason: string | null;
  /** TEACHER, COORDINATOR or COHORT_CANCELLED, for a withdrawal. */
  withdrawnBy?: string;
  certificate: Certificate | null;
}

type EnrolmentEvent = Extract<CohortEvent, { data: EnrolmentRef }>;
type EnrolmentEventType = EnrolmentEvent['type'];

/**
 * Seats held change by status (DESIGN.md: APPLIED and ENROLLED hold a seat). The decider
 * allows only these transitions, so the change follows from the event type alone.
 */
const HELD_DELTA: Record<EnrolmentEventType, number> = {
  EnrolmentApplied: 1,
  EnrolmentApproved: 0,
  EnrolmentRejected: -1,
  EnrolmentWithdrawn: -1,
  EnrolmentCompleted: -1,
  EnrolmentNotCompleted: -1,
};

const STATUS_OF: Record<EnrolmentEventType, EnrolmentStatus> = {
  EnrolmentApplied: 'APPLIED',
  EnrolmentApproved: 'ENROLLED',
  EnrolmentRejected: 'REJECTED',
  EnrolmentWithdrawn: 'WITHDRAWN',
  EnrolmentCompleted: 'COMPLETED',
  EnrolmentNotCompleted: 'NOT_COMPLETED',
};

const isEnrolmentEvent = (type: string): type is EnrolmentEventType => type in HELD_DELTA;
const COHORT_EVENTS = new Set(['CohortScheduled', 'CohortSeatsChanged', 'CohortCancelled', ...Object.keys(HELD_DELTA)]);

const freeOf = (c: Pick<CohortRow, 'status' | 'seats' | 'held'>) => (c.status === 'SCHEDULED' ? Math.max(0, c.seats - c.held) : 0);

/** Cohorts with seats held and free, counted from their enrolments' events. */
export const cohortRows: RowTable<CohortRow> = {
  collection: 'cohorts',
  indexes: [{ keys: { tenantId: 1 } }, { keys: { programmeId: 1 } }],
  rowsOf: (e) => (COHORT_EVENTS.has(e.type) ? [(e.data as { cohortId: string }).cohortId] : []),
  evolve: (row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as CohortEvent;
    if (e.type === 'CohortScheduled') {
      const { cohortId, programme: p, startDate, endDate, seats } = e.data;
      return {
        _id: cohortId,
        tenantId: envelope.tenantId,
        programmeId: p.programmeId,
        title: p.title,
        hours: p.hours,
        competences: p.competences,
        level: p.level,
        format: p.format,
        ownerMunicipalityId: p.ownerMunicipalityId,
        startDate,
        endDate,
        seats,
        held: 0,
        free: seats,
        completed: 0,
        status: 'SCHEDULED',
        cancelReason: null,
      };
    }
    if (!row) return null;
    switch (e.type) {
      case 'CohortSeatsChanged':
        return { ...row, seats: e.data.seats, free: freeOf({ ...row, seats: e.data.seats }) };
      case 'CohortCancelled':
        return { ...row, status: 'CANCELLED', free: 0, cancelReason: e.data.reason };
      default: {
        if (!isEnrolmentEvent(e.type)) return row;
        const held = Math.max(0, row.held + HELD_DELTA[e.type]);
        return { ...row, held, free: freeOf({ ...row, held }), completed: row.completed + (e.type === 'EnrolmentCompleted' ? 1 : 0) };
      }
    }
  },
};

/** One row per enrolment: what the learner's school, municipality and the issuer list. */
export const enrolmentRows: RowTable<EnrolmentRow> = {
  collection: 'enrolments',
  indexes: [{ keys: { educatorId: 1 } }, { keys: { cohortId: 1 } }, { keys: { municipalityId: 1 } }, { keys: { tenantId: 1, status: 1 } }],
  rowsOf: (e) => (isEnrolmentEvent(e.type) ? [(e.data as EnrolmentRef).enrolmentId] : []),
  evolve: (row, envelope: EventEnvelope) => {
    const e = { type: envelope.type, data: envelope.data } as EnrolmentEvent;
    const d = e.data;
    const day = envelope.occurredAt.slice(0, 10);
    const common = {
      _id: d.enrolmentId,
      tenantId: envelope.tenantId,
      cohortId: d.cohortId,
      programmeId: d.programmeId,
      programmeHours: d.programmeHours,
      competences: d.competences,
      educatorId: d.educatorId,
      municipalityId: d.municipalityId,
      organizationId: d.organizationId,
      status: STATUS_OF[e.type],
    };
    switch (e.type) {
      case 'EnrolmentApplied':
        return { ...common, appliedBy: e.data.appliedBy, appliedOn: e.data.on, statusOn: e.data.on, reason: null, certificate: null };
      case 'EnrolmentCompleted':
        return row && { ...row, ...common, statusOn: e.data.certificate.issuedOn, certificate: e.data.certificate, reason: null };
      case 'EnrolmentRejected':
      case 'EnrolmentNotCompleted':
        return row && { ...row, ...common, statusOn: day, reason: e.data.reason };
      case 'EnrolmentWithdrawn':
        return row && { ...row, ...common, statusOn: day, reason: e.data.reason, withdrawnBy: e.data.by };
      default:
        return row && { ...row, ...common, statusOn: day };
    }
  },
};
