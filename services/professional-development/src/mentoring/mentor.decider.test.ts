import { deciderSpec } from '@mms/testing';
import { DomainError, NotFoundError, fold } from '@mms/eventsourcing/core';
import { activeMentorships, MAX_ACTIVE_MENTEES, mentorDecider, MentorCommand, MentorEvent } from './mentor.decider';

const spec = deciderSpec(mentorDecider);

type Start = Extract<MentorCommand, { type: 'StartMentorship' }>;
const startCmd = (n: number, over: Partial<Start> = {}): Start => ({
  type: 'StartMentorship',
  mentorshipId: `ms${n}`,
  mentorId: 'mentor',
  menteeId: `mentee${n}`,
  municipalityId: 'm1',
  from: '2025-09-01',
  to: '2026-05-31',
  goals: ['Освоить формирующее оценивание'],
  ...over,
});
const started = (n: number, over: Partial<Start> = {}): MentorEvent => {
  const { type: _t, ...data } = startCmd(n, over);
  return { type: 'MentorshipStarted', data };
};
// Every later event carries the pair, the mentee's municipality and the period (for the public contract).
const ids = (n: number) => ({
  mentorshipId: `ms${n}`,
  mentorId: 'mentor',
  menteeId: `mentee${n}`,
  municipalityId: 'm1',
  from: '2025-09-01',
  to: '2026-05-31',
});
const completed = (n: number): MentorEvent => ({ type: 'MentorshipCompleted', data: { ...ids(n), outcome: 'Цели достигнуты', on: '2026-05-31' } });
const ended = (n: number): MentorEvent => ({ type: 'MentorshipEnded', data: { ...ids(n), reason: 'Наставник уволился', on: '2026-01-15' } });

describe('starting a mentorship', () => {
  it('starts one', () => {
    spec
      .given([])
      .when(startCmd(1))
      .then([started(1)]);
  });

  it('drops blank goals and needs at least one real goal', () => {
    spec
      .given([])
      .when(startCmd(1, { goals: [' Вести урок ', ''] }))
      .then([started(1, { goals: ['Вести урок'] })]);
    spec
      .given([])
      .when(startCmd(1, { goals: [] }))
      .thenThrows(DomainError, 'GOALS_REQUIRED');
    spec
      .given([])
      .when(startCmd(1, { goals: ['  '] }))
      .thenThrows(DomainError, 'GOALS_REQUIRED');
  });

  it('the same start again is a no-op; the same id with other data is refused', () => {
    spec
      .given([started(1)])
      .when(startCmd(1))
      .then([]);
    spec
      .given([started(1)])
      .when(startCmd(1, { to: '2026-12-31' }))
      .thenThrows(DomainError, 'MENTORSHIP_EXISTS');
  });

  it('an educator cannot mentor themselves', () => {
    spec
      .given([])
      .when(startCmd(1, { menteeId: 'mentor' }))
      .thenThrows(DomainError, 'SELF_MENTORING');
  });

  it('the period runs from ≤ to and both are dates', () => {
    spec
      .given([])
      .when(startCmd(1, { from: '2025-09-01', to: '2025-09-01' }))
      .then([started(1, { from: '2025-09-01', to: '2025-09-01' })]);
    spec
      .given([])
      .when(startCmd(1, { from: '2026-09-01', to: '2025-09-01' }))
      .thenThrows(DomainError, 'INVALID_PERIOD');
    spec
      .given([])
      .when(startCmd(1, { from: '1 Sep' }))
      .thenThrows(DomainError, 'INVALID_PERIOD');
  });

  it('not twice the same mentee while the first pairing is active', () => {
    spec
      .given([started(1)])
      .when(startCmd(2, { menteeId: 'mentee1' }))
      .thenThrows(DomainError, 'MENTEE_ALREADY_PAIRED');
    spec
      .given([started(1), completed(1)])
      .when(startCmd(2, { menteeId: 'mentee1' }))
      .then([started(2, { menteeId: 'mentee1' })]);
  });

  it(`at most ${MAX_ACTIVE_MENTEES} active mentees; a finished pairing frees a place`, () => {
    expect(MAX_ACTIVE_MENTEES).toBe(3);
    spec
      .given([started(1), started(2), started(3)])
      .when(startCmd(4))
      .thenThrows(DomainError, 'MENTOR_LOAD_EXCEEDED');
    spec
      .given([started(1), started(2), started(3), ended(2)])
      .when(startCmd(4))
      .then([started(4)]);
  });
});

describe('during and after a mentorship', () => {
  it('updates goals only when they changed', () => {
    spec
      .given([started(1)])
      .when({ type: 'UpdateMentorshipGoals', mentorshipId: 'ms1', goals: ['Новая цель'] })
      .then([{ type: 'MentorshipGoalsUpdated', data: { ...ids(1), goals: ['Новая цель'] } }]);
    spec
      .given([started(1)])
      .when({ type: 'UpdateMentorshipGoals', mentorshipId: 'ms1', goals: ['Освоить формирующее оценивание'] })
      .then([]);
    spec
      .given([started(1)])
      .when({ type: 'UpdateMentorshipGoals', mentorshipId: 'ms1', goals: [] })
      .thenThrows(DomainError, 'GOALS_REQUIRED');
  });

  it('completes with an outcome; a repeat is a no-op', () => {
    const cmd = { type: 'CompleteMentorship' as const, mentorshipId: 'ms1', outcome: 'Цели достигнуты', on: '2026-05-31' };
    spec
      .given([started(1)])
      .when(cmd)
      .then([completed(1)]);
    spec
      .given([started(1), completed(1)])
      .when(cmd)
      .then([]);
    spec
      .given([started(1)])
      .when({ ...cmd, outcome: ' ' })
      .thenThrows(DomainError, 'OUTCOME_REQUIRED');
    spec
      .given([started(1)])
      .when({ ...cmd, on: '2025-08-31' })
      .thenThrows(DomainError, 'INVALID_DATE');
  });

  it('ends early with a reason; a repeat is a no-op', () => {
    const cmd = { type: 'EndMentorship' as const, mentorshipId: 'ms1', reason: 'Наставник уволился', on: '2026-01-15' };
    spec
      .given([started(1)])
      .when(cmd)
      .then([ended(1)]);
    spec
      .given([started(1), ended(1)])
      .when(cmd)
      .then([]);
    spec
      .given([started(1)])
      .when({ ...cmd, reason: '' })
      .thenThrows(DomainError, 'REASON_REQUIRED');
    spec
      .given([started(1)])
      .when({ ...cmd, on: '2026-02-30' })
      .thenThrows(DomainError, 'INVALID_DATE');
  });

  it('a finished mentorship cannot be changed', () => {
    for (const finished of [completed(1), ended(1)]) {
      spec
        .given([started(1), finished])
        .when({ type: 'UpdateMentorshipGoals', mentorshipId: 'ms1', goals: ['x'] })
        .thenThrows(DomainError, 'INVALID_TRANSITION');
      spec
        .given([started(1), finished])
        .when({ type: 'CompleteMentorship', mentorshipId: 'ms1', outcome: 'другой итог', on: '2026-05-31' })
        .thenThrows(DomainError, 'INVALID_TRANSITION');
      spec
        .given([started(1), finished])
        .when({ type: 'EndMentorship', mentorshipId: 'ms1', reason: 'другая причина', on: '2026-01-15' })
        .thenThrows(DomainError, 'INVALID_TRANSITION');
    }
  });

  it('an unknown mentorship is not found', () => {
    spec
      .given([started(1)])
      .when({ type: 'EndMentorship', mentorshipId: 'ms9', reason: 'x', on: '2026-01-15' })
      .thenThrows(NotFoundError);
  });
});

describe('activeMentorships', () => {
  it('lists the pairs that hold a place, in start order', () => {
    const state = fold(mentorDecider, [started(1), started(2), started(3), completed(1), ended(3)]);
    expect(activeMentorships(state).map((m) => m.menteeId)).toEqual(['mentee2']);
    expect(state.mentorships.map((m) => m.status)).toEqual(['COMPLETED', 'ACTIVE', 'ENDED']);
    expect(state.mentorships[0]).toMatchObject({ outcome: 'Цели достигнуты', finishedOn: '2026-05-31' });
  });
});
