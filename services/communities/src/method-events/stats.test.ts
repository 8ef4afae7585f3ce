import { methodEventDecider, MethodEventEvent, MethodEventState } from './method-event.decider';
import { eventFigures, organiserFigures } from './stats';

const id = { methodEventId: 'ev' };
const base: MethodEventEvent = {
  type: 'MethodEventPublished',
  data: {
    ...id,
    kind: 'SEMINAR',
    title: 'Семинар',
    organiser: { kind: 'SERVICE', id: 'm1' },
    level: 'MUNICIPAL',
    startsAt: '2026-11-10T07:00:00.000Z',
    endsAt: '2026-11-10T09:00:00.000Z',
    place: 'ИМЦ',
    onlineUrl: null,
    audience: { subjects: [], positions: [] },
    capacity: 3,
    moderated: false,
    checkInCode: 'AAAAAA',
  },
};
const reg = (educatorId: string, seq: number, status: 'CONFIRMED' | 'WAITLISTED' = 'CONFIRMED'): MethodEventEvent => ({
  type: 'EducatorRegistered',
  data: { ...id, educatorId, status, seq, registeredAt: 'x', registeredBy: educatorId },
});
const present = (educatorId: string): MethodEventEvent => ({ type: 'AttendanceMarked', data: { ...id, educatorId, present: true, how: 'ORGANISER' } });
const rated = (educatorId: string, rating: number): MethodEventEvent => ({ type: 'FeedbackGiven', data: { ...id, educatorId, rating, comment: '' } });
const speaker: MethodEventEvent = { type: 'SpeakerAdded', data: { ...id, educatorId: 'sp', title: 'Опыт', summary: '' } };
const state = (events: MethodEventEvent[]): MethodEventState => events.reduce(methodEventDecider.evolve, methodEventDecider.initialState());

describe('event figures', () => {
  it('attendance rate is of those who held a seat; a speaker counts as attending but not in the rate', () => {
    const s = state([
      base,
      reg('a', 1),
      reg('b', 2),
      reg('c', 3),
      reg('d', 4, 'WAITLISTED'),
      speaker,
      present('a'),
      present('b'),
      present('sp'),
      rated('a', 5),
      rated('b', 4),
    ]);
    expect(eventFigures(s)).toEqual({ seated: 3, waiting: 1, attended: 3, attendanceRate: 0.67, ratings: 2, meanRating: 4.5 });
    expect(eventFigures(state([base]))).toEqual({ seated: 0, waiting: 0, attended: 0, attendanceRate: null, ratings: 0, meanRating: null });
  });

  it('an organiser’s figures: held events only (over, not cancelled), distinct participants, every rating once', () => {
    const one = state([base, reg('a', 1), reg('b', 2), present('a'), rated('a', 5)]);
    const two = state([base, reg('a', 1), reg('c', 2), present('a'), present('c'), rated('a', 3), rated('c', 4)]);
    const cancelled = state([base, reg('x', 1), present('x'), { type: 'MethodEventCancelled', data: { ...id, reason: 'r' } }]);
    const AFTER = '2026-11-10T10:00:00.000Z';
    expect(organiserFigures([one, two, cancelled], AFTER)).toEqual({ eventsHeld: 2, participants: 2, attendanceRate: 0.75, meanRating: 4 });
    expect(organiserFigures([one, two], '2026-11-10T08:00:00.000Z').eventsHeld).toBe(0);
  });
});
