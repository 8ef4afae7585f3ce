import { deciderSpec } from '@mms/testing';
import { DomainError, fold, NotFoundError, REGION_TENANT, StreamInfo, ValidationError } from '@mms/eventsourcing/core';
import { CohortCommand, cohortDecider, CohortEvent, EnrolmentRef, freeSeats, Learner, seatsHeld } from './cohort.decider';

/** The fixture's programme is regional: its cohorts live in the region's tenant, open to every municipality. */
const base = deciderSpec(cohortDecider);
const spec = { given: (events: CohortEvent[], stream: Partial<StreamInfo> = {}) => base.given(events, { tenantId: REGION_TENANT, ...stream }) };

const programme = {
  programmeId: 'p1',
  title: 'Цифровая образовательная среда',
  hours: 72,
  competences: ['DIGITAL' as const],
  level: 'REGIONAL' as const,
  format: 'BLENDED' as const,
  ownerMunicipalityId: null,
};
const schedule: CohortCommand = {
  type: 'ScheduleCohort',
  cohortId: 'c1',
  programme: { ...programme, status: 'PUBLISHED' },
  startDate: '2026-10-01',
  endDate: '2026-10-30',
  seats: 2,
};
const scheduled: CohortEvent = {
  type: 'CohortScheduled',
  data: { cohortId: 'c1', programme, startDate: '2026-10-01', endDate: '2026-10-30', seats: 2 },
};

// Two teachers from different municipalities: a regional cohort takes both.
const ivanova: Learner = { educatorId: 'e1', municipalityId: 'krasnoyarsk', organizationId: 'o1' };
const petrov: Learner = { educatorId: 'e2', municipalityId: 'achinsk', organizationId: 'o7' };
const sidorova: Learner = { educatorId: 'e3', municipalityId: 'krasnoyarsk', organizationId: 'o2' };

const ref = (enrolmentId: string, learner: Learner): EnrolmentRef => ({
  enrolmentId,
  cohortId: 'c1',
  programmeId: 'p1',
  programmeHours: 72,
  competences: ['DIGITAL'],
  ...learner,
});
const applyFor = (enrolmentId: string, learner: Learner, on = '2026-09-15'): CohortCommand => ({
  type: 'ApplyForCohort',
  cohortId: 'c1',
  enrolmentId,
  appliedBy: 'SELF',
  on,
  ...learner,
});
const applied = (enrolmentId: string, learner: Learner): CohortEvent => ({
  type: 'EnrolmentApplied',
  data: { ...ref(enrolmentId, learner), appliedBy: 'SELF', on: '2026-09-15' },
});
const approved = (enrolmentId: string, learner: Learner): CohortEvent => ({ type: 'EnrolmentApproved', data: ref(enrolmentId, learner) });

const certificate = { number: 'ПК-0001', hours: 72, issuedOn: '2026-10-30' };
const completed: CohortEvent = { type: 'EnrolmentCompleted', data: { ...ref('n1', ivanova), certificate } };

/** The error a command is refused with (for checking details and field problems). */
const refusal = (given: CohortEvent[], command: CohortCommand): unknown => {
  try {
    cohortDecider.decide(command, fold(cohortDecider, given), { tenantId: REGION_TENANT, streamId: 'cohort-c1', version: given.length });
  } catch (err) {
    return err;
  }
  throw new Error('the command was not refused');
};
const fieldsOf = (err: unknown) => (err instanceof ValidationError ? err.problems.map((p) => p.field) : err);

describe('cohort: schedule', () => {
  it('schedules a cohort with the programme snapshot', () => {
    spec.given([]).when(schedule).then([scheduled]);
    expect(fold(cohortDecider, [scheduled])).toMatchObject({ status: 'SCHEDULED', seats: 2, enrolments: {} });
  });

  it('only for a published programme of the scheduler’s offer (the facts the handler read from the programme stream)', () => {
    spec
      .given([])
      .when({ ...schedule, programme: { status: 'none', programmeId: 'p1' } })
      .thenThrows(NotFoundError);
    spec
      .given([])
      .when({ ...schedule, programme: { ...programme, status: 'DRAFT' } })
      .thenThrows(DomainError, 'PROGRAMME_NOT_PUBLISHED');
    spec
      .given([])
      .when({ ...schedule, programme: { ...programme, status: 'WITHDRAWN' } })
      .thenThrows(DomainError, 'PROGRAMME_NOT_PUBLISHED');
  });

  it('refuses to schedule the same cohort twice', () => {
    spec.given([scheduled]).when(schedule).thenThrows(DomainError, 'COHORT_EXISTS');
  });

  it('needs real dates, start not after end (a one-day cohort is fine)', () => {
    const oneDay = { ...schedule, endDate: '2026-10-01' };
    spec
      .given([])
      .when(oneDay)
      .then([{ type: 'CohortScheduled', data: { ...scheduled.data, endDate: '2026-10-01' } } as CohortEvent]);
    expect(fieldsOf(refusal([], { ...schedule, endDate: '2026-09-30' }))).toEqual(['endDate']);
    expect(fieldsOf(refusal([], { ...schedule, startDate: '2026-02-30', endDate: '01.10.2026' }))).toEqual(['startDate', 'endDate']);
  });

  it('takes 1 to 1000 seats', () => {
    for (const seats of [1, 1000])
      spec
        .given([])
        .when({ ...schedule, seats })
        .then([{ ...scheduled, data: { ...scheduled.data, seats } } as CohortEvent]);
    for (const seats of [0, 1001, 2.5]) expect(fieldsOf(refusal([], { ...schedule, seats }))).toEqual(['seats']);
  });
});

describe('cohort: seats', () => {
  const change = (seats: number): CohortCommand => ({ type: 'ChangeCohortSeats', cohortId: 'c1', seats });

  it('changes the number of seats; the same number records nothing', () => {
    spec
      .given([scheduled])
      .when(change(25))
      .then([{ type: 'CohortSeatsChanged', data: { cohortId: 'c1', seats: 25 } }]);
    spec.given([scheduled]).when(change(2)).then([]);
  });

  it('never goes below the seats held (applied and enrolled), but may go down to them', () => {
    const given = [scheduled, applied('n1', ivanova), applied('n2', petrov), approved('n2', petrov)];
    spec.given(given).when(change(1)).thenThrows(DomainError, 'SEATS_BELOW_HELD');
    expect(refusal(given, change(1))).toMatchObject({ details: { seats: 1, held: 2 } });
    const bigger: CohortEvent = { type: 'CohortSeatsChanged', data: { cohortId: 'c1', seats: 5 } };
    spec
      .given([...given, bigger])
      .when(change(2))
      .then([{ type: 'CohortSeatsChanged', data: { cohortId: 'c1', seats: 2 } }]);
  });

  it('validates the number and refuses a cancelled or missing cohort', () => {
    expect(fieldsOf(refusal([scheduled], change(0)))).toEqual(['seats']);
    spec
      .given([scheduled, { type: 'CohortCancelled', data: { cohortId: 'c1', reason: null } }])
      .when(change(5))
      .thenThrows(DomainError, 'COHORT_CANCELLED');
    spec.given([]).when(change(5)).thenThrows(NotFoundError);
  });
});

describe('cohort: cancel', () => {
  const cancel: CohortCommand = { type: 'CancelCohort', cohortId: 'c1', reason: 'нет преподавателя' };
  const cancelled: CohortEvent = { type: 'CohortCancelled', data: { cohortId: 'c1', reason: 'нет преподавателя' } };

  it('cancels, releasing every held seat so each enrolment ends', () => {
    const rejected: CohortEvent = { type: 'EnrolmentRejected', data: { ...ref('n3', sidorova), reason: 'не тот профиль' } };
    spec
      .given([scheduled, applied('n1', ivanova), applied('n2', petrov), approved('n2', petrov), applied('n3', sidorova), rejected])
      .when(cancel)
      .then([
        cancelled,
        { type: 'EnrolmentWithdrawn', data: { ...ref('n1', ivanova), by: 'COHORT_CANCELLED', reason: 'нет преподавателя' } },
        { type: 'EnrolmentWithdrawn', data: { ...ref('n2', petrov), by: 'COHORT_CANCELLED', reason: 'нет преподавателя' } },
      ]);
  });

  it('a reason is optional; cancelling again records nothing', () => {
    spec
      .given([scheduled])
      .when({ type: 'CancelCohort', cohortId: 'c1' })
      .then([{ type: 'CohortCancelled', data: { cohortId: 'c1', reason: null } }]);
    spec.given([scheduled, cancelled]).when(cancel).then([]);
    expect(freeSeats(fold(cohortDecider, [scheduled, cancelled]))).toBe(0);
  });

  it('refuses once the cohort has a completion; a non-completion alone does not stop it', () => {
    const started = [scheduled, applied('n1', ivanova), approved('n1', ivanova)];
    spec
      .given([...started, completed])
      .when(cancel)
      .thenThrows(DomainError, 'COHORT_HAS_COMPLETIONS');
    const notCompleted: CohortEvent = { type: 'EnrolmentNotCompleted', data: { ...ref('n1', ivanova), reason: 'не сдал' } };
    spec
      .given([...started, notCompleted])
      .when(cancel)
      .then([cancelled]);
  });

  it('refuses a missing cohort', () => {
    spec.given([]).when(cancel).thenThrows(NotFoundError);
  });
});

describe('cohort: apply', () => {
  it('a municipal cohort takes only its own municipality’s educators; a regional one takes all', () => {
    spec
      .given([scheduled], { tenantId: 'krasnoyarsk' })
      .when(applyFor('n1', ivanova))
      .then([applied('n1', ivanova)]);
    spec.given([scheduled], { tenantId: 'krasnoyarsk' }).when(applyFor('n2', petrov)).thenThrows(DomainError, 'COHORT_NOT_OPEN_TO_EDUCATOR');
    spec
      .given([scheduled], { tenantId: REGION_TENANT })
      .when(applyFor('n2', petrov))
      .then([applied('n2', petrov)]);
  });

  it('takes an application by the teacher or by the school coordinator', () => {
    spec
      .given([scheduled])
      .when(applyFor('n1', ivanova))
      .then([applied('n1', ivanova)]);
    spec
      .given([scheduled])
      .when({ ...applyFor('n1', ivanova), appliedBy: 'COORDINATOR' } as CohortCommand)
      .then([{ type: 'EnrolmentApplied', data: { ...ref('n1', ivanova), appliedBy: 'COORDINATOR', on: '2026-09-15' } }]);
  });

  it('a redelivered application records nothing; the id of someone else’s enrolment is refused', () => {
    spec
      .given([scheduled, applied('n1', ivanova)])
      .when(applyFor('n1', ivanova))
      .then([]);
    spec
      .given([scheduled, applied('n1', ivanova), approved('n1', ivanova)])
      .when(applyFor('n1', ivanova))
      .then([]);
    spec
      .given([scheduled, applied('n1', ivanova)])
      .when(applyFor('n1', petrov))
      .thenThrows(DomainError, 'ENROLMENT_EXISTS');
  });

  it('refuses when every seat is held, and takes the seat freed by a rejection or withdrawal', () => {
    const full = [scheduled, applied('n1', ivanova), applied('n2', petrov), approved('n2', petrov)];
    spec.given(full).when(applyFor('n3', sidorova)).thenThrows(DomainError, 'COHORT_FULL');
    const rejected: CohortEvent = { type: 'EnrolmentRejected', data: { ...ref('n1', ivanova), reason: 'не тот профиль' } };
    spec
      .given([...full, rejected])
      .when(applyFor('n3', sidorova))
      .then([applied('n3', sidorova)]);
    const withdrawn: CohortEvent = { type: 'EnrolmentWithdrawn', data: { ...ref('n2', petrov), by: 'COORDINATOR', reason: null } };
    spec
      .given([...full, withdrawn])
      .when(applyFor('n3', sidorova))
      .then([applied('n3', sidorova)]);
  });

  it('refuses an educator who already holds a seat, whether applied or enrolled', () => {
    spec
      .given([scheduled, applied('n1', ivanova)])
      .when(applyFor('n9', ivanova))
      .thenThrows(DomainError, 'ALREADY_ENROLLED');
    spec
      .given([scheduled, applied('n1', ivanova), approved('n1', ivanova)])
      .when(applyFor('n9', ivanova))
      .thenThrows(DomainError, 'ALREADY_ENROLLED');
  });

  it('lets an educator apply again after a rejection', () => {
    const rejected: CohortEvent = { type: 'EnrolmentRejected', data: { ...ref('n1', ivanova), reason: 'не тот профиль' } };
    spec
      .given([scheduled, applied('n1', ivanova), rejected])
      .when(applyFor('n9', ivanova))
      .then([applied('n9', ivanova)]);
  });

  it('is closed after the end date (the last day still counts) and when cancelled', () => {
    spec
      .given([scheduled])
      .when(applyFor('n1', ivanova, '2026-10-31'))
      .thenThrows(DomainError, 'COHORT_CLOSED');
    spec
      .given([scheduled])
      .when(applyFor('n1', ivanova, '2026-10-30'))
      .then([{ type: 'EnrolmentApplied', data: { ...ref('n1', ivanova), appliedBy: 'SELF', on: '2026-10-30' } }]);
    spec
      .given([scheduled, { type: 'CohortCancelled', data: { cohortId: 'c1', reason: null } }])
      .when(applyFor('n1', ivanova))
      .thenThrows(DomainError, 'COHORT_CLOSED');
  });

  it('validates the date and who applies; refuses a missing cohort', () => {
    expect(fieldsOf(refusal([scheduled], { ...applyFor('n1', ivanova), on: 'вчера', appliedBy: 'HEAD' } as unknown as CohortCommand))).toEqual([
      'on',
      'appliedBy',
    ]);
    spec.given([]).when(applyFor('n1', ivanova)).thenThrows(NotFoundError);
  });
});

describe('enrolment: approve and reject', () => {
  const given = [scheduled, applied('n1', ivanova)];
  const approve: CohortCommand = { type: 'ApproveEnrolment', cohortId: 'c1', enrolmentId: 'n1' };
  const reject: CohortCommand = { type: 'RejectEnrolment', cohortId: 'c1', enrolmentId: 'n1', reason: ' не тот профиль ' };
  const rejected: CohortEvent = { type: 'EnrolmentRejected', data: { ...ref('n1', ivanova), reason: 'не тот профиль' } };

  it('approves an application; approving again records nothing', () => {
    spec
      .given(given)
      .when(approve)
      .then([approved('n1', ivanova)]);
    spec
      .given([...given, approved('n1', ivanova)])
      .when(approve)
      .then([]);
  });

  it('rejects an application with a reason; rejecting again records nothing', () => {
    spec.given(given).when(reject).then([rejected]);
    spec
      .given([...given, rejected])
      .when(reject)
      .then([]);
    expect(fieldsOf(refusal(given, { ...reject, reason: '' } as CohortCommand))).toEqual(['reason']);
  });

  it('refuses other transitions, naming them', () => {
    expect(refusal([...given, rejected], approve)).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { enrolmentId: 'n1', from: 'REJECTED', to: 'ENROLLED' },
    });
    expect(refusal([...given, approved('n1', ivanova)], reject)).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { from: 'ENROLLED', to: 'REJECTED' },
    });
  });

  it('refuses an enrolment that does not exist', () => {
    spec.given([scheduled]).when(approve).thenThrows(NotFoundError);
    spec.given([scheduled]).when(reject).thenThrows(NotFoundError);
    expect(refusal([scheduled], approve)).toMatchObject({ details: { enrolmentId: 'n1', cohortId: 'c1' } });
  });
});

describe('enrolment: withdraw', () => {
  const given = [scheduled, applied('n1', ivanova)];
  const enrolled = [...given, approved('n1', ivanova)];
  const byTeacher: CohortCommand = { type: 'WithdrawEnrolment', cohortId: 'c1', enrolmentId: 'n1', by: 'TEACHER' };
  const byCoordinator: CohortCommand = { type: 'WithdrawEnrolment', cohortId: 'c1', enrolmentId: 'n1', by: 'COORDINATOR', reason: 'болезнь' };

  it('the teacher withdraws an application; again records nothing', () => {
    const withdrawn: CohortEvent = { type: 'EnrolmentWithdrawn', data: { ...ref('n1', ivanova), by: 'TEACHER', reason: null } };
    spec.given(given).when(byTeacher).then([withdrawn]);
    spec
      .given([...given, withdrawn])
      .when(byTeacher)
      .then([]);
  });

  it('once enrolled, only the coordinator withdraws', () => {
    expect(refusal(enrolled, byTeacher)).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { from: 'ENROLLED', to: 'WITHDRAWN', by: 'TEACHER' },
    });
    spec
      .given(enrolled)
      .when(byCoordinator)
      .then([{ type: 'EnrolmentWithdrawn', data: { ...ref('n1', ivanova), by: 'COORDINATOR', reason: 'болезнь' } }]);
    spec
      .given(given)
      .when(byCoordinator)
      .then([{ type: 'EnrolmentWithdrawn', data: { ...ref('n1', ivanova), by: 'COORDINATOR', reason: 'болезнь' } }]);
  });

  it('nobody withdraws a finished enrolment', () => {
    spec
      .given([...enrolled, completed])
      .when(byCoordinator)
      .thenThrows(DomainError, 'INVALID_TRANSITION');
  });

  it('refuses an enrolment that does not exist', () => {
    spec.given([scheduled]).when(byTeacher).thenThrows(NotFoundError);
  });
});

describe('enrolment: complete or not', () => {
  const enrolled = [scheduled, applied('n1', ivanova), approved('n1', ivanova)];
  const complete = (cert = certificate, enrolmentId = 'n1'): CohortCommand => ({ type: 'CompleteEnrolment', cohortId: 'c1', enrolmentId, certificate: cert });
  const notCompleted: CohortCommand = { type: 'MarkEnrolmentNotCompleted', cohortId: 'c1', enrolmentId: 'n1', reason: 'не сдал итоговую работу' };

  it('completes an enrolled learner with a certificate; the same certificate again records nothing', () => {
    spec.given(enrolled).when(complete()).then([completed]);
    spec
      .given([...enrolled, completed])
      .when(complete())
      .then([]);
    expect(fold(cohortDecider, [...enrolled, completed])).toMatchObject({ enrolments: { n1: { status: 'COMPLETED', certificate } } });
  });

  it('certificate hours up to the programme’s; issued on or after the cohort’s start', () => {
    const early = { ...certificate, hours: 16, issuedOn: '2026-10-01' };
    spec
      .given(enrolled)
      .when(complete(early))
      .then([{ type: 'EnrolmentCompleted', data: { ...ref('n1', ivanova), certificate: early } }]);
    expect(fieldsOf(refusal(enrolled, complete({ ...certificate, hours: 73 })))).toEqual(['certificate.hours']);
    expect(fieldsOf(refusal(enrolled, complete({ ...certificate, hours: 0 })))).toEqual(['certificate.hours']);
    expect(fieldsOf(refusal(enrolled, complete({ ...certificate, issuedOn: '2026-09-30' })))).toEqual(['certificate.issuedOn']);
    expect(fieldsOf(refusal(enrolled, complete({ ...certificate, number: ' ', issuedOn: '30.10.2026' })))).toEqual([
      'certificate.number',
      'certificate.issuedOn',
    ]);
  });

  it('a certificate number is unique within the cohort', () => {
    const second = [applied('n2', petrov), approved('n2', petrov)];
    spec
      .given([...enrolled, completed, ...second])
      .when(complete(certificate, 'n2'))
      .thenThrows(DomainError, 'CERTIFICATE_NUMBER_TAKEN');
    spec
      .given([...enrolled, completed, ...second])
      .when(complete({ ...certificate, number: 'ПК-0002' }, 'n2'))
      .then([{ type: 'EnrolmentCompleted', data: { ...ref('n2', petrov), certificate: { ...certificate, number: 'ПК-0002' } } }]);
  });

  it('only an enrolled learner completes', () => {
    expect(refusal([scheduled, applied('n1', ivanova)], complete())).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { from: 'APPLIED', to: 'COMPLETED' },
    });
    spec
      .given([...enrolled, completed])
      .when(complete({ ...certificate, number: 'ПК-0099' }))
      .thenThrows(DomainError, 'INVALID_TRANSITION');
    spec.given([scheduled]).when(complete()).thenThrows(NotFoundError);
  });

  it('marks an enrolled learner as not completed with a reason; again records nothing', () => {
    const marked: CohortEvent = { type: 'EnrolmentNotCompleted', data: { ...ref('n1', ivanova), reason: 'не сдал итоговую работу' } };
    spec.given(enrolled).when(notCompleted).then([marked]);
    spec
      .given([...enrolled, marked])
      .when(notCompleted)
      .then([]);
    expect(fieldsOf(refusal(enrolled, { ...notCompleted, reason: ' ' } as CohortCommand))).toEqual(['reason']);
    spec
      .given([scheduled, applied('n1', ivanova)])
      .when(notCompleted)
      .thenThrows(DomainError, 'INVALID_TRANSITION');
    spec
      .given([...enrolled, completed])
      .when(notCompleted)
      .thenThrows(DomainError, 'INVALID_TRANSITION');
  });
});

describe('seats held and free', () => {
  it('counts applied and enrolled enrolments only', () => {
    const rejected: CohortEvent = { type: 'EnrolmentRejected', data: { ...ref('n3', sidorova), reason: 'нет' } };
    const s = fold(cohortDecider, [
      scheduled,
      { type: 'CohortSeatsChanged', data: { cohortId: 'c1', seats: 10 } },
      applied('n1', ivanova),
      approved('n1', ivanova),
      completed,
      applied('n2', petrov),
      applied('n3', sidorova),
      rejected,
    ]);
    expect(seatsHeld(s)).toBe(1);
    expect(freeSeats(s)).toBe(9);
  });

  it('a cohort that does not exist has none', () => {
    const none = cohortDecider.initialState();
    expect(seatsHeld(none)).toBe(0);
    expect(freeSeats(none)).toBe(0);
  });
});
