import { Document } from 'mongodb';
import { applyFromSource, EventEnvelope, Projection } from '@mms/eventsourcing';
import { ProgrammeEvent } from '../catalogue/programme';
import { CohortEvent, EnrolmentRef, EnrolmentStatus } from '../cohorts/cohort';
import { CATALOGUE_PROJECTION, CohortRow } from './rows';

/**
 * Seats held change by status (DESIGN.md: APPLIED and ENROLLED hold a seat). The decider
 * allows only these transitions, so the change follows from the event type alone.
 */
const HELD_DELTA: Record<Exclude<CohortEvent['type'], 'CohortScheduled' | 'CohortSeatsChanged' | 'CohortCancelled'>, number> = {
  EnrolmentApplied: 1,
  EnrolmentApproved: 0,
  EnrolmentRejected: -1,
  EnrolmentWithdrawn: -1,
  EnrolmentCompleted: -1,
  EnrolmentNotCompleted: -1,
};

const STATUS_OF: Record<keyof typeof HELD_DELTA, EnrolmentStatus> = {
  EnrolmentApplied: 'APPLIED',
  EnrolmentApproved: 'ENROLLED',
  EnrolmentRejected: 'REJECTED',
  EnrolmentWithdrawn: 'WITHDRAWN',
  EnrolmentCompleted: 'COMPLETED',
  EnrolmentNotCompleted: 'NOT_COMPLETED',
};

const freeOf = (c: Pick<CohortRow, 'status' | 'seats' | 'held'>) => (c.status === 'SCHEDULED' ? Math.max(0, c.seats - c.held) : 0);

/** Programmes, cohorts (seats held and free) and one document per enrolment. */
export const catalogueProjection = (internalTopic: string): Projection => ({
  name: CATALOGUE_PROJECTION,
  topics: [internalTopic],
  collections: ['programmes', 'cohorts', 'enrolments'],
  indexes: [
    { collection: 'programmes', keys: { tenantId: 1 } },
    { collection: 'cohorts', keys: { tenantId: 1 } },
    { collection: 'cohorts', keys: { programmeId: 1 } },
    { collection: 'enrolments', keys: { educatorId: 1 } },
    { collection: 'enrolments', keys: { cohortId: 1 } },
    { collection: 'enrolments', keys: { municipalityId: 1 } },
    { collection: 'enrolments', keys: { tenantId: 1, status: 1 } },
  ],
  async apply(envelope: EventEnvelope, rm) {
    const e = { type: envelope.type, data: envelope.data } as ProgrammeEvent | CohortEvent;
    const programmes = rm.collection('programmes');
    const cohorts = rm.collection('cohorts');
    const enrolments = rm.collection('enrolments');
    switch (e.type) {
      case 'ProgrammeCreated':
        await applyFromSource(programmes, e.data.programmeId, envelope, {
          $set: { ...e.data, tenantId: envelope.tenantId, status: 'DRAFT', withdrawnReason: null },
        });
        return;
      case 'ProgrammeUpdated':
        await applyFromSource(programmes, e.data.programmeId, envelope, { $set: { ...e.data.changes } });
        return;
      case 'ProgrammePublished':
        await applyFromSource(programmes, e.data.programmeId, envelope, {
          $set: { ...e.data, tenantId: envelope.tenantId, status: 'PUBLISHED', withdrawnReason: null },
        });
        return;
      case 'ProgrammeWithdrawn':
        await applyFromSource(programmes, e.data.programmeId, envelope, {
          $set: { status: 'WITHDRAWN', withdrawnReason: e.data.reason },
        });
        return;
      case 'CohortScheduled': {
        const { cohortId, programme: p, startDate, endDate, seats } = e.data;
        const row: Omit<CohortRow, '_id'> = {
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
        await applyFromSource(cohorts, cohortId, envelope, { $set: row });
        return;
      }
      case 'CohortSeatsChanged':
        await applyFromSource(cohorts, e.data.cohortId, envelope, (doc) =>
          doc ? { $set: { seats: e.data.seats, free: freeOf({ ...(doc as CohortRow), seats: e.data.seats }) } } : null,
        );
        return;
      case 'CohortCancelled':
        await applyFromSource(cohorts, e.data.cohortId, envelope, { $set: { status: 'CANCELLED', free: 0, cancelReason: e.data.reason } });
        return;
      case 'EnrolmentApplied':
      case 'EnrolmentApproved':
      case 'EnrolmentRejected':
      case 'EnrolmentWithdrawn':
      case 'EnrolmentCompleted':
      case 'EnrolmentNotCompleted': {
        // The cohort document comes from the same stream, so it is already written.
        const cohort = (await cohorts.findOne({ _id: e.data.cohortId } as Document)) as CohortRow | null;
        await applyFromSource(enrolments, e.data.enrolmentId, envelope, { $set: enrolmentFields(e, envelope, cohort) });
        const delta = HELD_DELTA[e.type];
        await applyFromSource(cohorts, e.data.cohortId, envelope, (doc) => {
          if (!doc) return null;
          const c = doc as CohortRow;
          const held = Math.max(0, c.held + delta);
          const completed = c.completed + (e.type === 'EnrolmentCompleted' ? 1 : 0);
          return { $set: { held, free: freeOf({ ...c, held }), completed } };
        });
        return;
      }
    }
  },
});

type EnrolmentEvent = Extract<CohortEvent, { data: EnrolmentRef }>;

const enrolmentFields = (e: EnrolmentEvent, envelope: EventEnvelope, cohort: CohortRow | null): Document => {
  const d = e.data;
  const day = envelope.occurredAt.slice(0, 10);
  const common = {
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
      return {
        ...common,
        programmeTitle: cohort?.title ?? '',
        format: cohort?.format ?? null,
        cohortStartDate: cohort?.startDate ?? null,
        cohortEndDate: cohort?.endDate ?? null,
        appliedBy: e.data.appliedBy,
        appliedOn: e.data.on,
        statusOn: e.data.on,
        reason: null,
        certificate: null,
      };
    case 'EnrolmentCompleted':
      return { ...common, statusOn: e.data.certificate.issuedOn, certificate: e.data.certificate, reason: null };
    case 'EnrolmentRejected':
    case 'EnrolmentNotCompleted':
      return { ...common, statusOn: day, reason: e.data.reason };
    case 'EnrolmentWithdrawn':
      return { ...common, statusOn: day, reason: e.data.reason, withdrawnBy: e.data.by };
    default:
      return { ...common, statusOn: day };
  }
};
