import { isIsoDate } from '@mms/contracts/dates';
import { Decider, DomainError, DomainEvent, FieldProblem, invalidFields, NotFoundError, REGION_TENANT, StreamInfo } from '@mms/eventsourcing/core';
import { CompetenceArea, ProgrammeFormat, ProgrammeLevel, ProgrammeStatus } from '../catalogue/programme.decider';

export const ENROLMENT_STATUSES = ['APPLIED', 'ENROLLED', 'REJECTED', 'WITHDRAWN', 'COMPLETED', 'NOT_COMPLETED'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** The statuses that hold a seat. */
export const SEAT_HOLDING_STATUSES: readonly EnrolmentStatus[] = ['APPLIED', 'ENROLLED'];

export const APPLIED_BY = ['SELF', 'COORDINATOR'] as const;
export type AppliedBy = (typeof APPLIED_BY)[number];

export const WITHDRAWN_BY = ['TEACHER', 'COORDINATOR'] as const;
export type WithdrawnBy = (typeof WITHDRAWN_BY)[number];

export const MAX_COHORT_SEATS = 1000;

export type CohortStatus = 'SCHEDULED' | 'CANCELLED';

/** The programme as it was when the cohort was scheduled; later edits do not change a running cohort. */
export interface ProgrammeSnapshot {
  programmeId: string;
  title: string;
  hours: number;
  competences: CompetenceArea[];
  level: ProgrammeLevel;
  /** Kept so cohorts can be searched by format without a lookup of the programme. */
  format: ProgrammeFormat;
  ownerMunicipalityId: string | null;
}

/** Where the learner works: a regional cohort takes learners from every municipality. */
export interface Learner {
  educatorId: string;
  municipalityId: string;
  organizationId: string;
}

export interface Certificate {
  number: string;
  hours: number;
  /** ISO date. */
  issuedOn: string;
}

export interface Enrolment extends Learner {
  enrolmentId: string;
  status: EnrolmentStatus;
  appliedBy: AppliedBy;
  appliedOn: string;
  certificate: Certificate | null;
}

export interface Cohort {
  status: CohortStatus;
  cohortId: string;
  programme: ProgrammeSnapshot;
  /** ISO dates, inclusive. */
  startDate: string;
  endDate: string;
  seats: number;
  enrolments: Record<string, Enrolment>;
}

export type CohortState = { status: 'none' } | Cohort;

/** Carried by every enrolment event, so projections, policies and the public translator need no lookups. */
export interface EnrolmentRef extends Learner {
  enrolmentId: string;
  cohortId: string;
  programmeId: string;
  programmeHours: number;
  competences: CompetenceArea[];
}

export type CohortEvent =
  | DomainEvent<'CohortScheduled', { cohortId: string; programme: ProgrammeSnapshot; startDate: string; endDate: string; seats: number }>
  | DomainEvent<'CohortSeatsChanged', { cohortId: string; seats: number }>
  | DomainEvent<'CohortCancelled', { cohortId: string; reason: string | null }>
  | DomainEvent<'EnrolmentApplied', EnrolmentRef & { appliedBy: AppliedBy; on: string }>
  | DomainEvent<'EnrolmentApproved', EnrolmentRef>
  | DomainEvent<'EnrolmentRejected', EnrolmentRef & { reason: string }>
  // COHORT_CANCELLED: the cohort was cancelled and released the seat.
  | DomainEvent<'EnrolmentWithdrawn', EnrolmentRef & { by: WithdrawnBy | 'COHORT_CANCELLED'; reason: string | null }>
  | DomainEvent<'EnrolmentCompleted', EnrolmentRef & { certificate: Certificate }>
  | DomainEvent<'EnrolmentNotCompleted', EnrolmentRef & { reason: string }>;

/**
 * The programme as the handler read it from its stream in the scheduler's tenant: not
 * there (`none`), or its status and the snapshot a cohort keeps.
 */
export type ProgrammeFacts = { status: 'none'; programmeId: string } | ({ status: ProgrammeStatus } & ProgrammeSnapshot);

export type CohortCommand =
  | { type: 'ScheduleCohort'; cohortId: string; programme: ProgrammeFacts; startDate: string; endDate: string; seats: number }
  | { type: 'ChangeCohortSeats'; cohortId: string; seats: number }
  | { type: 'CancelCohort'; cohortId: string; reason?: string | null }
  | ({ type: 'ApplyForCohort'; cohortId: string; enrolmentId: string; appliedBy: AppliedBy; on: string } & Learner)
  | { type: 'ApproveEnrolment'; cohortId: string; enrolmentId: string }
  | { type: 'RejectEnrolment'; cohortId: string; enrolmentId: string; reason: string }
  | { type: 'WithdrawEnrolment'; cohortId: string; enrolmentId: string; by: WithdrawnBy; reason?: string | null }
  | { type: 'CompleteEnrolment'; cohortId: string; enrolmentId: string; certificate: Certificate }
  | { type: 'MarkEnrolmentNotCompleted'; cohortId: string; enrolmentId: string; reason: string };

export const holdsSeat = (e: Enrolment): boolean => SEAT_HOLDING_STATUSES.includes(e.status);

export const seatsHeld = (s: CohortState): number => (s.status === 'none' ? 0 : Object.values(s.enrolments).filter(holdsSeat).length);

/** A cancelled cohort offers no seats. */
export const freeSeats = (s: CohortState): number => (s.status === 'SCHEDULED' ? Math.max(0, s.seats - seatsHeld(s)) : 0);

export const cohortDecider: Decider<CohortState, CohortCommand, CohortEvent> = {
  streamType: 'cohort',
  initialState: () => ({ status: 'none' }),
  evolve: (s, e) => {
    if (e.type === 'CohortScheduled') return { status: 'SCHEDULED', ...e.data, enrolments: {} };
    if (s.status === 'none') return s;
    switch (e.type) {
      case 'CohortSeatsChanged':
        return { ...s, seats: e.data.seats };
      case 'CohortCancelled':
        return { ...s, status: 'CANCELLED' };
      case 'EnrolmentApplied': {
        const { enrolmentId, educatorId, municipalityId, organizationId, appliedBy, on } = e.data;
        const enrolment: Enrolment = {
          enrolmentId,
          educatorId,
          municipalityId,
          organizationId,
          status: 'APPLIED',
          appliedBy,
          appliedOn: on,
          certificate: null,
        };
        return { ...s, enrolments: { ...s.enrolments, [enrolmentId]: enrolment } };
      }
      case 'EnrolmentApproved':
        return moved(s, e.data.enrolmentId, 'ENROLLED');
      case 'EnrolmentRejected':
        return moved(s, e.data.enrolmentId, 'REJECTED');
      case 'EnrolmentWithdrawn':
        return moved(s, e.data.enrolmentId, 'WITHDRAWN');
      case 'EnrolmentCompleted':
        return moved(s, e.data.enrolmentId, 'COMPLETED', e.data.certificate);
      case 'EnrolmentNotCompleted':
        return moved(s, e.data.enrolmentId, 'NOT_COMPLETED');
    }
  },
  decide: (c, s, stream) => {
    if (c.type === 'ScheduleCohort') return schedule(c, s);
    const cohort = requireCohort(s, c.cohortId);
    switch (c.type) {
      case 'ChangeCohortSeats':
        failOn('seats', seatProblems(c.seats));
        if (c.seats === cohort.seats) return [];
        requireNotCancelled(cohort);
        if (c.seats < seatsHeld(cohort)) {
          throw new DomainError('SEATS_BELOW_HELD', `cohort ${cohort.cohortId} has ${seatsHeld(cohort)} seats held`, {
            seats: c.seats,
            held: seatsHeld(cohort),
          });
        }
        return [{ type: 'CohortSeatsChanged', data: { cohortId: cohort.cohortId, seats: c.seats } }];
      case 'CancelCohort': {
        if (cohort.status === 'CANCELLED') return [];
        // Completions are issued certificates: a cohort that produced them has happened.
        if (Object.values(cohort.enrolments).some((e) => e.status === 'COMPLETED')) {
          throw new DomainError('COHORT_HAS_COMPLETIONS', `cohort ${cohort.cohortId} already has completions`);
        }
        const reason = c.reason?.trim() || null;
        // Every held seat is released explicitly, so each learner's enrolment reaches a final status.
        const released = Object.values(cohort.enrolments)
          .filter(holdsSeat)
          .map((e): CohortEvent => ({ type: 'EnrolmentWithdrawn', data: { ...ref(cohort, e), by: 'COHORT_CANCELLED', reason } }));
        return [{ type: 'CohortCancelled', data: { cohortId: cohort.cohortId, reason } }, ...released];
      }
      case 'ApplyForCohort':
        return apply(c, cohort, stream);
      case 'ApproveEnrolment': {
        const e = requireEnrolment(cohort, c.enrolmentId);
        if (e.status === 'ENROLLED') return [];
        requireFrom(e, 'ENROLLED', ['APPLIED']);
        return [{ type: 'EnrolmentApproved', data: ref(cohort, e) }];
      }
      case 'RejectEnrolment': {
        const e = requireEnrolment(cohort, c.enrolmentId);
        const reason = requiredReason(c.reason);
        if (e.status === 'REJECTED') return [];
        requireFrom(e, 'REJECTED', ['APPLIED']);
        return [{ type: 'EnrolmentRejected', data: { ...ref(cohort, e), reason } }];
      }
      case 'WithdrawEnrolment': {
        const e = requireEnrolment(cohort, c.enrolmentId);
        failOn('withdrawal', (WITHDRAWN_BY as readonly string[]).includes(c.by) ? [] : [{ field: 'by', message: 'is not known' }]);
        if (e.status === 'WITHDRAWN') return [];
        // A teacher may take back an application; once enrolled, only the coordinator withdraws.
        requireFrom(e, 'WITHDRAWN', c.by === 'TEACHER' ? ['APPLIED'] : ['APPLIED', 'ENROLLED'], { by: c.by });
        return [{ type: 'EnrolmentWithdrawn', data: { ...ref(cohort, e), by: c.by, reason: c.reason?.trim() || null } }];
      }
      case 'CompleteEnrolment':
        return complete(c, cohort);
      case 'MarkEnrolmentNotCompleted': {
        const e = requireEnrolment(cohort, c.enrolmentId);
        const reason = requiredReason(c.reason);
        if (e.status === 'NOT_COMPLETED') return [];
        requireFrom(e, 'NOT_COMPLETED', ['ENROLLED']);
        return [{ type: 'EnrolmentNotCompleted', data: { ...ref(cohort, e), reason } }];
      }
    }
  },
};

/** Only for a published programme of the scheduler's own offer (the handler read it from the programme stream). */
const schedule = (c: Extract<CohortCommand, { type: 'ScheduleCohort' }>, s: CohortState): CohortEvent[] => {
  if (s.status !== 'none') throw new DomainError('COHORT_EXISTS', `cohort ${c.cohortId} already exists`);
  if (c.programme.status === 'none') throw new NotFoundError(`programme ${c.programme.programmeId} is not in your offer`, { field: 'programmeId' });
  if (c.programme.status !== 'PUBLISHED') {
    throw new DomainError('PROGRAMME_NOT_PUBLISHED', `programme ${c.programme.programmeId} is ${c.programme.status.toLowerCase()}`, {
      field: 'programmeId',
    });
  }
  const problems = [...dateProblems('startDate', c.startDate), ...dateProblems('endDate', c.endDate), ...seatProblems(c.seats)];
  if (isIsoDate(c.startDate) && isIsoDate(c.endDate) && c.endDate < c.startDate) {
    problems.push({ field: 'endDate', message: 'must not be before startDate' });
  }
  failOn('cohort', problems);
  const { cohortId, startDate, endDate, seats } = c;
  const { status: _status, ...programme } = c.programme;
  return [{ type: 'CohortScheduled', data: { cohortId, programme, startDate, endDate, seats } }];
};

/** A municipality's own offer is for its own educators; the region's offer is for all. */
export const isOpenTo = (cohortTenantId: string, learnerMunicipalityId: string): boolean =>
  cohortTenantId === REGION_TENANT || cohortTenantId === learnerMunicipalityId;

const apply = (c: Extract<CohortCommand, { type: 'ApplyForCohort' }>, cohort: Cohort, stream: StreamInfo): CohortEvent[] => {
  if (!isOpenTo(stream.tenantId, c.municipalityId)) {
    throw new DomainError('COHORT_NOT_OPEN_TO_EDUCATOR', `cohort ${cohort.cohortId} is open to educators of ${stream.tenantId} only`, {
      field: 'cohortId',
    });
  }
  const problems = dateProblems('on', c.on);
  if (!(APPLIED_BY as readonly string[]).includes(c.appliedBy)) problems.push({ field: 'appliedBy', message: 'is not known' });
  failOn('application', problems);

  const same = cohort.enrolments[c.enrolmentId];
  if (same) {
    // A redelivered application changes nothing; an id reused for someone else is a caller's bug.
    if (same.educatorId === c.educatorId) return [];
    throw new DomainError('ENROLMENT_EXISTS', `enrolment ${c.enrolmentId} belongs to another educator`, { enrolmentId: c.enrolmentId });
  }
  if (cohort.status === 'CANCELLED') {
    throw new DomainError('COHORT_CLOSED', `cohort ${cohort.cohortId} is cancelled`, { reason: 'CANCELLED' });
  }
  if (c.on > cohort.endDate) {
    throw new DomainError('COHORT_CLOSED', `cohort ${cohort.cohortId} ended on ${cohort.endDate}`, {
      reason: 'ENDED',
      endDate: cohort.endDate,
    });
  }
  const active = Object.values(cohort.enrolments).find((e) => e.educatorId === c.educatorId && holdsSeat(e));
  if (active) {
    throw new DomainError('ALREADY_ENROLLED', `educator ${c.educatorId} already holds a seat in cohort ${cohort.cohortId}`, {
      enrolmentId: active.enrolmentId,
      status: active.status,
    });
  }
  if (freeSeats(cohort) === 0) throw new DomainError('COHORT_FULL', `cohort ${cohort.cohortId} is full`, { seats: cohort.seats });

  return [{ type: 'EnrolmentApplied', data: { ...ref(cohort, c), appliedBy: c.appliedBy, on: c.on } }];
};

const complete = (c: Extract<CohortCommand, { type: 'CompleteEnrolment' }>, cohort: Cohort): CohortEvent[] => {
  const e = requireEnrolment(cohort, c.enrolmentId);
  const certificate = { ...c.certificate, number: c.certificate.number.trim() };
  const problems: FieldProblem[] = [];
  if (!certificate.number) problems.push({ field: 'certificate.number', message: 'must not be empty' });
  const { hours } = cohort.programme;
  if (!(Number.isInteger(certificate.hours) && certificate.hours >= 1 && certificate.hours <= hours)) {
    problems.push({ field: 'certificate.hours', message: `must be a whole number from 1 to ${hours} (the programme's hours)` });
  }
  problems.push(...dateProblems('certificate.issuedOn', certificate.issuedOn));
  if (isIsoDate(certificate.issuedOn) && certificate.issuedOn < cohort.startDate) {
    problems.push({ field: 'certificate.issuedOn', message: `must not be before the cohort's start ${cohort.startDate}` });
  }
  failOn('certificate', problems);

  if (e.status === 'COMPLETED' && e.certificate?.number === certificate.number) return [];
  requireFrom(e, 'COMPLETED', ['ENROLLED']);
  const holder = Object.values(cohort.enrolments).find((x) => x.certificate?.number === certificate.number);
  if (holder) {
    throw new DomainError('CERTIFICATE_NUMBER_TAKEN', `certificate ${certificate.number} is already issued in this cohort`, {
      enrolmentId: holder.enrolmentId,
    });
  }
  return [{ type: 'EnrolmentCompleted', data: { ...ref(cohort, e), certificate } }];
};

const ref = (cohort: Cohort, e: Learner & { enrolmentId: string }): EnrolmentRef => ({
  enrolmentId: e.enrolmentId,
  cohortId: cohort.cohortId,
  programmeId: cohort.programme.programmeId,
  programmeHours: cohort.programme.hours,
  competences: cohort.programme.competences,
  educatorId: e.educatorId,
  municipalityId: e.municipalityId,
  organizationId: e.organizationId,
});

const moved = (s: Cohort, enrolmentId: string, status: EnrolmentStatus, certificate?: Certificate): Cohort => {
  const e = s.enrolments[enrolmentId];
  if (!e) return s;
  return { ...s, enrolments: { ...s.enrolments, [enrolmentId]: { ...e, status, certificate: certificate ?? e.certificate } } };
};

const requireCohort = (s: CohortState, id: string): Cohort => {
  if (s.status === 'none') throw new NotFoundError(`cohort ${id} not found`, { cohortId: id, field: 'cohortId' });
  return s;
};

const requireNotCancelled = (cohort: Cohort) => {
  if (cohort.status === 'CANCELLED') throw new DomainError('COHORT_CANCELLED', `cohort ${cohort.cohortId} is cancelled`);
};

const requireEnrolment = (cohort: Cohort, enrolmentId: string): Enrolment => {
  const e = cohort.enrolments[enrolmentId];
  if (!e) {
    throw new NotFoundError(`enrolment ${enrolmentId} not found in cohort ${cohort.cohortId}`, {
      enrolmentId,
      cohortId: cohort.cohortId,
      field: 'enrolmentId',
    });
  }
  return e;
};

const requireFrom = (e: Enrolment, to: EnrolmentStatus, allowed: EnrolmentStatus[], details: Record<string, unknown> = {}) => {
  if (!allowed.includes(e.status)) {
    throw new DomainError('INVALID_TRANSITION', `enrolment ${e.enrolmentId} cannot go from ${e.status} to ${to}`, {
      enrolmentId: e.enrolmentId,
      from: e.status,
      to,
      ...details,
    });
  }
};

const requiredReason = (reason: string): string => {
  const r = reason.trim();
  failOn('reason', r ? [] : [{ field: 'reason', message: 'is required' }]);
  return r;
};

/** Every bad field is reported at once, so the portal can show them all. */
const failOn = invalidFields;

const seatProblems = (seats: number): FieldProblem[] =>
  Number.isInteger(seats) && seats >= 1 && seats <= MAX_COHORT_SEATS
    ? []
    : [{ field: 'seats', message: `must be a whole number from 1 to ${MAX_COHORT_SEATS}` }];

const dateProblems = (field: string, v: string): FieldProblem[] => (isIsoDate(v) ? [] : [{ field, message: 'must be a date as YYYY-MM-DD' }]);
