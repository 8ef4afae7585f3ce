import { Cohort, Enrolment, freeSeats, seatsHeld } from './cohort.decider';
import type { CohortRow, EnrolmentRow } from './cohort.rows';

/**
 * What GraphQL's Cohort and Enrolment resolve from: rows, or the state a mutation just wrote
 * (the read model may lag behind it).
 */
export type CohortView = Omit<CohortRow, '_id'> & { id: string };

export type EnrolmentView = Omit<EnrolmentRow, '_id'> & {
  id: string;
  programmeTitle: string;
  format: CohortRow['format'] | null;
  cohortStartDate: string | null;
  cohortEndDate: string | null;
};

export const cohortRowView = ({ _id, ...r }: CohortRow): CohortView => ({ id: _id, ...r });

/** An enrolment row with what its cohort row says of the programme and the dates. */
export const enrolmentRowView = ({ _id, ...r }: EnrolmentRow, cohort: CohortRow | null | undefined): EnrolmentView => ({
  id: _id,
  ...r,
  programmeTitle: cohort?.title ?? '',
  format: cohort?.format ?? null,
  cohortStartDate: cohort?.startDate ?? null,
  cohortEndDate: cohort?.endDate ?? null,
});

export const cohortView = (tenantId: string, c: Cohort, cancelReason: string | null = null): CohortView => ({
  id: c.cohortId,
  tenantId,
  programmeId: c.programme.programmeId,
  title: c.programme.title,
  hours: c.programme.hours,
  competences: c.programme.competences,
  level: c.programme.level,
  format: c.programme.format,
  ownerMunicipalityId: c.programme.ownerMunicipalityId,
  startDate: c.startDate,
  endDate: c.endDate,
  seats: c.seats,
  held: seatsHeld(c),
  free: freeSeats(c),
  completed: Object.values(c.enrolments).filter((e) => e.status === 'COMPLETED').length,
  status: c.status,
  cancelReason,
});

export const enrolmentView = (
  tenantId: string,
  c: Cohort,
  e: Enrolment,
  /** The day of the change just made, and its reason when it has one. */
  change: { statusOn: string; reason?: string | null },
): EnrolmentView => ({
  id: e.enrolmentId,
  tenantId,
  cohortId: c.cohortId,
  programmeId: c.programme.programmeId,
  programmeTitle: c.programme.title,
  programmeHours: c.programme.hours,
  competences: c.programme.competences,
  format: c.programme.format,
  cohortStartDate: c.startDate,
  cohortEndDate: c.endDate,
  educatorId: e.educatorId,
  municipalityId: e.municipalityId,
  organizationId: e.organizationId,
  status: e.status,
  appliedBy: e.appliedBy,
  appliedOn: e.appliedOn,
  statusOn: change.statusOn,
  reason: change.reason ?? null,
  certificate: e.certificate,
});
