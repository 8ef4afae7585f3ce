import { DomainError, NotFoundError, ValidationError } from '@mms/eventsourcing/core';
import { deciderSpec } from '@mms/testing';
import { MethodEventCommand, methodEventDecider, MethodEventEvent, MethodEventPlan } from './method-event.decider';
import { waitlistPosition } from './seats';

const spec = deciderSpec(methodEventDecider);
const id = { methodEventId: 'ev1' };
const plan: MethodEventPlan = {
  kind: 'SEMINAR',
  title: 'Формирующее оценивание на уроках математики',
  organiser: { kind: 'SERVICE', id: 'm1' },
  level: 'MUNICIPAL',
  startsAt: '2026-11-10T07:00:00.000Z',
  endsAt: '2026-11-10T09:00:00.000Z',
  place: 'Школа № 5, актовый зал',
  onlineUrl: null,
  audience: { subjects: ['MATHEMATICS'], positions: ['TEACHER'] },
  capacity: 2,
  moderated: false,
};
const BEFORE = '2026-11-01T00:00:00.000Z';
const DURING = '2026-11-10T08:00:00.000Z';
const AFTER = '2026-11-10T10:00:00.000Z';
const published = (p: Partial<MethodEventPlan> = {}): MethodEventEvent => ({
  type: 'MethodEventPublished',
  data: { ...id, ...plan, ...p, checkInCode: 'K7M2QX' },
});
const registered = (educatorId: string, seq: number, status: 'CONFIRMED' | 'WAITLISTED' | 'PENDING' = 'CONFIRMED'): MethodEventEvent => ({
  type: 'EducatorRegistered',
  data: { ...id, educatorId, status, seq, registeredAt: BEFORE, registeredBy: educatorId },
});
const register = (educatorId: string, now = BEFORE, educatorMunicipalityId = 'm-test'): MethodEventCommand => ({
  ...id,
  type: 'Register',
  educatorId,
  educatorMunicipalityId,
  by: educatorId,
  now,
});
const cancel = (educatorId: string): MethodEventCommand => ({ ...id, type: 'CancelRegistration', educatorId, by: educatorId, now: BEFORE });
const promoted = (educatorId: string): MethodEventEvent => ({ type: 'RegistrationPromoted', data: { ...id, educatorId } });
const full = (): MethodEventEvent[] => [
  published(),
  registered('a', 1),
  registered('b', 2),
  registered('c', 3, 'WAITLISTED'),
  registered('d', 4, 'WAITLISTED'),
];
const stateOf = (events: MethodEventEvent[]) => events.reduce(methodEventDecider.evolve, methodEventDecider.initialState());

describe('publishing', () => {
  const publish = (p: Partial<MethodEventPlan> = {}, now = BEFORE): MethodEventCommand => ({
    ...id,
    type: 'PublishMethodEvent',
    plan: { ...plan, ...p },
    checkInCode: 'K7M2QX',
    now,
  });

  it('publishes once; the same again adds nothing, other data under the same id is refused', () => {
    spec.given([]).when(publish()).then([published()]);
    spec.given([published()]).when(publish()).then([]);
    spec
      .given([published()])
      .when(publish({ capacity: 30 }))
      .thenThrows(DomainError, 'EVENT_EXISTS');
  });

  it('refuses an event that ends before it starts or is over, without a place or link, or with a bad capacity', () => {
    spec
      .given([])
      .when(publish({ endsAt: plan.startsAt }))
      .thenThrows(ValidationError);
    spec.given([]).when(publish({}, AFTER)).thenThrows(ValidationError);
    spec
      .given([])
      .when(publish({ place: null, onlineUrl: null }))
      .thenThrows(ValidationError);
    spec
      .given([])
      .when(publish({ place: null, onlineUrl: 'http://insecure.example' }))
      .thenThrows(ValidationError);
    for (const capacity of [0, 1.5, 10_001]) spec.given([]).when(publish({ capacity })).thenThrows(ValidationError);
  });

  it('an internship is organised by its host site', () => {
    spec
      .given([])
      .when(publish({ kind: 'INTERNSHIP' }))
      .thenThrows(DomainError, 'INTERNSHIP_NEEDS_SITE');
    spec
      .given([])
      .when(publish({ kind: 'INTERNSHIP', organiser: { kind: 'SITE', id: 'site1' } }))
      .then([published({ kind: 'INTERNSHIP', organiser: { kind: 'SITE', id: 'site1' } })]);
  });
});

describe('seats and the waitlist', () => {
  it('seats while there are seats, then the waitlist in order of arrival; registering again adds nothing', () => {
    spec
      .given([published()])
      .when(register('a'))
      .then([registered('a', 1)]);
    spec
      .given([published(), registered('a', 1), registered('b', 2)])
      .when(register('c'))
      .then([registered('c', 3, 'WAITLISTED')]);
    spec.given(full()).when(register('c')).then([]);
    expect([...'abcd'].map((e) => waitlistPosition(stateOf(full()).registrations, e))).toEqual([null, null, 1, 2]);
  });

  it('a freed seat goes to the first in the waitlist in the same commit; a waitlisted one leaving moves nobody', () => {
    spec
      .given(full())
      .when(cancel('a'))
      .then([{ type: 'RegistrationCancelled', data: { ...id, educatorId: 'a', at: BEFORE, by: 'a' } }, promoted('c')]);
    spec
      .given(full())
      .when(cancel('c'))
      .then([{ type: 'RegistrationCancelled', data: { ...id, educatorId: 'c', at: BEFORE, by: 'c' } }]);
    // The one who left and comes back queues at the end.
    const left = [...full(), { type: 'RegistrationCancelled', data: { ...id, educatorId: 'a', at: BEFORE, by: 'a' } } as MethodEventEvent, promoted('c')];
    spec
      .given(left)
      .when(register('a'))
      .then([registered('a', 5, 'WAITLISTED')]);
  });

  it('more seats promote the waitlist in order; fewer than taken are refused; never after the start', () => {
    const bigger: MethodEventCommand = { ...id, type: 'ChangeCapacity', capacity: 3, now: BEFORE };
    spec
      .given(full())
      .when(bigger)
      .then([{ type: 'MethodEventCapacityChanged', data: { ...id, capacity: 3 } }, promoted('c')]);
    spec
      .given(full())
      .when({ ...bigger, capacity: 1 })
      .thenThrows(DomainError, 'CAPACITY_BELOW_CONFIRMED');
    spec
      .given(full())
      .when({ ...bigger, now: DURING })
      .thenThrows(DomainError, 'EVENT_STARTED');
  });

  it('registration closes at the start and on a cancelled event; a rejected teacher is not let back in', () => {
    spec.given([published()]).when(register('a', DURING)).thenThrows(DomainError, 'REGISTRATION_CLOSED');
    spec
      .given([published(), { type: 'MethodEventCancelled', data: { ...id, reason: 'карантин' } }])
      .when(register('a'))
      .thenThrows(DomainError, 'EVENT_CANCELLED');
    spec
      .given([
        published({ moderated: true }),
        registered('a', 1, 'PENDING'),
        { type: 'RegistrationRejected', data: { ...id, educatorId: 'a', reason: 'не та аудитория' } },
      ])
      .when(register('a'))
      .thenThrows(DomainError, 'REGISTRATION_REJECTED');
    spec.given([]).when(register('a')).thenThrows(NotFoundError);
  });

  it('a municipality’s event takes its own teachers; the region’s takes every municipality’s', () => {
    spec
      .given([published()])
      .when(register('a', BEFORE, 'm-other'))
      .thenThrows(DomainError, 'EVENT_NOT_OPEN_TO_EDUCATOR');
    spec
      .given([published()], { tenantId: 'region' })
      .when(register('a', BEFORE, 'm-other'))
      .then([registered('a', 1)]);
  });

  it('with moderation a registration waits for the organiser, who seats it or puts it in the waitlist', () => {
    spec
      .given([published({ moderated: true })])
      .when(register('a'))
      .then([registered('a', 1, 'PENDING')]);
    const approve: MethodEventCommand = { ...id, type: 'ApproveRegistration', educatorId: 'c' };
    spec
      .given([published({ moderated: true }), registered('a', 1), registered('c', 2, 'PENDING')])
      .when(approve)
      .then([{ type: 'RegistrationApproved', data: { ...id, educatorId: 'c', status: 'CONFIRMED' } }]);
    spec
      .given([published({ moderated: true }), registered('a', 1), registered('b', 2), registered('c', 3, 'PENDING')])
      .when(approve)
      .then([{ type: 'RegistrationApproved', data: { ...id, educatorId: 'c', status: 'WAITLISTED' } }]);
  });
});

describe('attendance, certificates, feedback', () => {
  const mark = (educatorId: string, present = true, now = DURING): MethodEventCommand => ({ ...id, type: 'MarkAttendance', educatorId, present, now });
  const attended = (educatorId: string, how: 'ORGANISER' | 'CHECK_IN' = 'ORGANISER'): MethodEventEvent => ({
    type: 'AttendanceMarked',
    data: { ...id, educatorId, present: true, how },
  });
  const issue = (now = AFTER): MethodEventCommand => ({ ...id, type: 'IssueCertificates', hours: 2, numberPrefix: 'МС-2026', now });

  it('the organiser marks those who hold a seat, once the event has started', () => {
    spec
      .given(full())
      .when(mark('a'))
      .then([attended('a')]);
    spec
      .given(full())
      .when(mark('a', true, BEFORE))
      .thenThrows(DomainError, 'EVENT_NOT_STARTED');
    spec.given(full()).when(mark('c')).thenThrows(DomainError, 'NOT_REGISTERED');
    spec
      .given([...full(), attended('a')])
      .when(mark('a'))
      .then([]);
  });

  it('check-in takes the event’s code while it runs', () => {
    const checkIn = (code: string, now = DURING): MethodEventCommand => ({ ...id, type: 'CheckIn', educatorId: 'b', code, now });
    spec
      .given(full())
      .when(checkIn(' k7m2qx '))
      .then([attended('b', 'CHECK_IN')]);
    spec.given(full()).when(checkIn('AAAAAA')).thenThrows(DomainError, 'WRONG_CODE');
    spec.given(full()).when(checkIn('K7M2QX', AFTER)).thenThrows(DomainError, 'CHECK_IN_CLOSED');
  });

  it('certificates after the event for those present, numbered on; a second run issues only new ones', () => {
    const given = [...full(), attended('b'), attended('a')];
    spec
      .given(given)
      .when(issue())
      .then([
        {
          type: 'CertificatesIssued',
          data: {
            ...id,
            hours: 2,
            certificates: [
              { educatorId: 'a', number: 'МС-2026-0001' },
              { educatorId: 'b', number: 'МС-2026-0002' },
            ],
          },
        },
      ]);
    spec.given(given).when(issue(DURING)).thenThrows(DomainError, 'EVENT_NOT_OVER');
    const once: MethodEventEvent = { type: 'CertificatesIssued', data: { ...id, hours: 2, certificates: [{ educatorId: 'a', number: 'МС-2026-0001' }] } };
    spec
      .given([...given, once])
      .when(issue())
      .then([{ type: 'CertificatesIssued', data: { ...id, hours: 2, certificates: [{ educatorId: 'b', number: 'МС-2026-0002' }] } }]);
    spec
      .given([...given, once])
      .when(mark('a', false, AFTER))
      .thenThrows(DomainError, 'CERTIFICATE_ISSUED');
  });

  it('feedback from attendees after the event, 1–5', () => {
    const feedback = (educatorId: string, rating: number, now = AFTER): MethodEventCommand => ({
      ...id,
      type: 'GiveFeedback',
      educatorId,
      rating,
      comment: ' полезно ',
      now,
    });
    spec
      .given([...full(), attended('a')])
      .when(feedback('a', 5))
      .then([{ type: 'FeedbackGiven', data: { ...id, educatorId: 'a', rating: 5, comment: 'полезно' } }]);
    spec
      .given([...full(), attended('a')])
      .when(feedback('b', 5))
      .thenThrows(DomainError, 'NOT_AN_ATTENDEE');
    spec
      .given([...full(), attended('a')])
      .when(feedback('a', 6))
      .thenThrows(ValidationError);
    spec
      .given([...full(), attended('a')])
      .when(feedback('a', 4, DURING))
      .thenThrows(DomainError, 'EVENT_NOT_OVER');
  });
});
