import { rowsFrom, streamOf } from '@mms/testing';
import type { MethodEventEvent } from './method-event.decider';
import { methodEventRows, registrationRows } from './method-event.rows';

const id = { methodEventId: 'ev1' };
const published: MethodEventEvent = {
  type: 'MethodEventPublished',
  data: {
    ...id,
    kind: 'WEBINAR',
    title: 'Вебинар',
    organiser: { kind: 'COMMUNITY', id: 'c1' },
    level: 'MUNICIPAL',
    startsAt: '2026-11-10T07:00:00.000Z',
    endsAt: '2026-11-10T09:00:00.000Z',
    place: null,
    onlineUrl: 'https://meet.example/ev1',
    audience: { subjects: ['MATHEMATICS'], positions: [] },
    capacity: 2,
    moderated: false,
    checkInCode: 'SECRET',
  },
};
const reg = (educatorId: string, seq: number, status: 'CONFIRMED' | 'WAITLISTED' = 'CONFIRMED'): MethodEventEvent => ({
  type: 'EducatorRegistered',
  data: { ...id, educatorId, status, seq, registeredAt: '2026-11-01T00:00:00.000Z', registeredBy: educatorId },
});
const history: MethodEventEvent[] = [
  published,
  reg('a', 1),
  reg('b', 2),
  reg('c', 3, 'WAITLISTED'),
  { type: 'RegistrationCancelled', data: { ...id, educatorId: 'a', at: 'x', by: 'a' } },
  { type: 'RegistrationPromoted', data: { ...id, educatorId: 'c' } },
  { type: 'SpeakerAdded', data: { ...id, educatorId: 'sp', title: 'Опыт', summary: '' } },
  { type: 'AttendanceMarked', data: { ...id, educatorId: 'b', present: true, how: 'CHECK_IN' } },
  { type: 'AttendanceMarked', data: { ...id, educatorId: 'sp', present: true, how: 'ORGANISER' } },
  {
    type: 'CertificatesIssued',
    data: {
      ...id,
      hours: 2,
      certificates: [
        { educatorId: 'b', number: 'W-0001' },
        { educatorId: 'sp', number: 'W-0002' },
      ],
    },
  },
  { type: 'FeedbackGiven', data: { ...id, educatorId: 'b', rating: 3, comment: '' } },
  { type: 'FeedbackGiven', data: { ...id, educatorId: 'b', rating: 5, comment: 'передумал' } },
];
const envelopes = () => streamOf('m1', 'methodEvent-ev1', history);

describe('method event rows', () => {
  it('the calendar row: counts from the statuses, a changed rating replacing the earlier one, no check-in code, the calendar’s sequence moved by its own changes only', async () => {
    const [row] = await rowsFrom(methodEventRows, envelopes());
    expect(row).toMatchObject({ _id: 'ev1', tenantId: 'm1', seated: 2, waiting: 0, attended: 2, ratings: 1, meanRating: 5, sequence: 1 });
    expect(JSON.stringify(row)).not.toContain('SECRET');
    const cancelled = await rowsFrom(
      methodEventRows,
      streamOf('m1', 'methodEvent-ev1', [...history, { type: 'MethodEventCancelled', data: { ...id, reason: 'болезнь лектора' } }]),
    );
    expect(cancelled[0]).toMatchObject({ status: 'CANCELLED', cancelReason: 'болезнь лектора', sequence: history.length + 1 });
  });

  it('a registration per educator: the promoted one seated, the speaker’s attendance and certificate kept', async () => {
    const rows = await rowsFrom(registrationRows, envelopes());
    expect(rows.map((r) => [r.educatorId, r.status, r.attended, r.certificate?.number ?? null])).toEqual([
      ['a', 'CANCELLED', false, null],
      ['b', 'CONFIRMED', true, 'W-0001'],
      ['c', 'CONFIRMED', false, null],
      ['sp', 'CONFIRMED', true, 'W-0002'],
    ]);
  });

  it('redelivered events change nothing', async () => {
    const once = await rowsFrom(methodEventRows, envelopes());
    const e = envelopes();
    expect(await rowsFrom(methodEventRows, [...e, ...e])).toEqual(once);
  });
});
