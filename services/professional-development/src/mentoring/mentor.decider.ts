import { Decider, DomainError, DomainEvent, NotFoundError } from '@mms/eventsourcing/core';
import { isIsoDate } from '@mms/contracts/dates';

/** A mentor can support at most this many mentees at once. */
export const MAX_ACTIVE_MENTEES = 3;

export type MentorshipStatus = 'ACTIVE' | 'COMPLETED' | 'ENDED';

export interface Mentorship {
  mentorshipId: string;
  menteeId: string;
  /** The mentee's municipality: the public contract scopes the pair by the learner. */
  municipalityId: string;
  /** ISO dates of the agreed period. */
  from: string;
  to: string;
  goals: string[];
  status: MentorshipStatus;
  outcome?: string;
  reason?: string;
  finishedOn?: string;
}

/**
 * Every mentor event names the pair, the mentee's municipality and the period, so the public
 * MentorshipChanged (and any read model) is built from the event alone, without state.
 */
type Ids = { mentorshipId: string; mentorId: string; menteeId: string; municipalityId: string; from: string; to: string };

export type MentorEvent =
  | DomainEvent<'MentorshipStarted', Ids & { goals: string[] }>
  | DomainEvent<'MentorshipGoalsUpdated', Ids & { goals: string[] }>
  | DomainEvent<'MentorshipCompleted', Ids & { outcome: string; on: string }>
  | DomainEvent<'MentorshipEnded', Ids & { reason: string; on: string }>;

export type MentorCommand =
  | {
      type: 'StartMentorship';
      mentorshipId: string;
      mentorId: string;
      menteeId: string;
      municipalityId: string;
      from: string;
      to: string;
      goals: string[];
      /** The mentee's active pair as the handler found it (another mentor's pairs are not in this stream). */
      menteePairedWith?: { mentorshipId: string; mentorId: string } | null;
    }
  | { type: 'UpdateMentorshipGoals'; mentorshipId: string; goals: string[] }
  | { type: 'CompleteMentorship'; mentorshipId: string; outcome: string; on: string }
  | { type: 'EndMentorship'; mentorshipId: string; reason: string; on: string };

export interface MentorState {
  mentorId?: string;
  /** Every mentorship of this mentor, in the order they started. */
  mentorships: Mentorship[];
}

const initialState = (): MentorState => ({ mentorships: [] });

export const mentorDecider: Decider<MentorState, MentorCommand, MentorEvent> = {
  streamType: 'mentor',
  initialState,
  evolve: (s, e) => {
    switch (e.type) {
      case 'MentorshipStarted': {
        const { mentorshipId, mentorId, menteeId, municipalityId, from, to, goals } = e.data;
        return { mentorId, mentorships: [...s.mentorships, { mentorshipId, menteeId, municipalityId, from, to, goals, status: 'ACTIVE' }] };
      }
      case 'MentorshipGoalsUpdated':
        return change(s, e.data.mentorshipId, { goals: e.data.goals });
      case 'MentorshipCompleted':
        return change(s, e.data.mentorshipId, { status: 'COMPLETED', outcome: e.data.outcome, finishedOn: e.data.on });
      case 'MentorshipEnded':
        return change(s, e.data.mentorshipId, { status: 'ENDED', reason: e.data.reason, finishedOn: e.data.on });
    }
  },
  decide: (c, s) => {
    switch (c.type) {
      case 'StartMentorship':
        return start(c, s);
      case 'UpdateMentorshipGoals': {
        const m = requireActive(s, c.mentorshipId);
        const goals = cleanGoals(c.goals);
        if (goals.length === 0) throw new DomainError('GOALS_REQUIRED', 'a mentorship needs at least one goal');
        if (sameList(goals, m.goals)) return [];
        return [{ type: 'MentorshipGoalsUpdated', data: { ...ids(s, m), goals } }];
      }
      case 'CompleteMentorship': {
        const outcome = c.outcome.trim();
        // A repeated command (a retry) changes nothing; anything else on a finished pair is refused.
        if (repeats(s, c.mentorshipId, 'COMPLETED', outcome, c.on)) return [];
        const m = requireActive(s, c.mentorshipId);
        if (!outcome) throw new DomainError('OUTCOME_REQUIRED', 'a completed mentorship needs an outcome');
        requireFinishDate(m, c.on);
        return [{ type: 'MentorshipCompleted', data: { ...ids(s, m), outcome, on: c.on } }];
      }
      case 'EndMentorship': {
        const reason = c.reason.trim();
        if (repeats(s, c.mentorshipId, 'ENDED', reason, c.on)) return [];
        const m = requireActive(s, c.mentorshipId);
        if (!reason) throw new DomainError('REASON_REQUIRED', 'ending a mentorship early needs a reason');
        requireFinishDate(m, c.on);
        return [{ type: 'MentorshipEnded', data: { ...ids(s, m), reason, on: c.on } }];
      }
    }
  },
};

const start = (c: Extract<MentorCommand, { type: 'StartMentorship' }>, s: MentorState): MentorEvent[] => {
  const { mentorshipId, mentorId, menteeId, municipalityId, from, to } = c;
  const goals = cleanGoals(c.goals);
  const existing = s.mentorships.find((m) => m.mentorshipId === mentorshipId);
  if (existing) {
    const same =
      existing.menteeId === menteeId &&
      existing.municipalityId === municipalityId &&
      existing.from === from &&
      existing.to === to &&
      sameList(existing.goals, goals);
    if (same && s.mentorId === mentorId) return [];
    throw new DomainError('MENTORSHIP_EXISTS', `mentorship ${mentorshipId} already exists with other data`);
  }
  if (menteeId === mentorId) throw new DomainError('SELF_MENTORING', 'an educator cannot mentor themselves', { field: 'menteeId' });
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
    throw new DomainError('INVALID_PERIOD', `the period must be two ISO dates, from ≤ to (got ${from}..${to})`, { field: 'to' });
  }
  if (goals.length === 0) throw new DomainError('GOALS_REQUIRED', 'a mentorship needs at least one goal');
  // A pair with another mentor lives in that mentor's stream: the command carries it.
  const other = c.menteePairedWith;
  if (other && other.mentorId !== mentorId) {
    throw new DomainError('MENTEE_ALREADY_PAIRED', `educator ${menteeId} already has an active mentor`, {
      field: 'menteeId',
      mentorshipId: other.mentorshipId,
    });
  }
  if (activeMentorships(s).some((m) => m.menteeId === menteeId)) {
    throw new DomainError('MENTEE_ALREADY_PAIRED', `educator ${menteeId} is already this mentor's mentee`);
  }
  if (activeMentorships(s).length >= MAX_ACTIVE_MENTEES) {
    throw new DomainError('MENTOR_LOAD_EXCEEDED', `a mentor can have at most ${MAX_ACTIVE_MENTEES} active mentees`);
  }
  return [{ type: 'MentorshipStarted', data: { mentorshipId, mentorId, menteeId, municipalityId, from, to, goals } }];
};

/**
 * Mentorships that hold a place in the mentor's load. A pair stays active past its `to`
 * date until it is completed or ended: the decider is pure and does not read the clock.
 */
export const activeMentorships = (s: MentorState): Mentorship[] => s.mentorships.filter((m) => m.status === 'ACTIVE');

const change = (s: MentorState, mentorshipId: string, patch: Partial<Mentorship>): MentorState => ({
  ...s,
  mentorships: s.mentorships.map((m) => (m.mentorshipId === mentorshipId ? { ...m, ...patch } : m)),
});

const ids = (s: MentorState, m: Mentorship): Ids => ({
  mentorshipId: m.mentorshipId,
  mentorId: s.mentorId ?? '',
  menteeId: m.menteeId,
  municipalityId: m.municipalityId,
  from: m.from,
  to: m.to,
});

const requireActive = (s: MentorState, mentorshipId: string): Mentorship => {
  const m = s.mentorships.find((x) => x.mentorshipId === mentorshipId);
  if (!m) throw new NotFoundError(`mentorship ${mentorshipId} not found`, { field: 'mentorshipId' });
  if (m.status !== 'ACTIVE') throw new DomainError('INVALID_TRANSITION', `mentorship ${mentorshipId} is already ${m.status}`);
  return m;
};

const repeats = (s: MentorState, mentorshipId: string, status: MentorshipStatus, text: string, on: string) =>
  s.mentorships.some((m) => m.mentorshipId === mentorshipId && m.status === status && (m.outcome ?? m.reason) === text && m.finishedOn === on);

const requireFinishDate = (m: Mentorship, on: string) => {
  if (!isIsoDate(on) || on < m.from) throw new DomainError('INVALID_DATE', `the finish date must be an ISO date not before ${m.from} (got ${on})`);
};

/** Goals are free text: blanks are dropped so "at least one goal" means one real goal. */
const cleanGoals = (goals: string[]) => goals.map((g) => g.trim()).filter((g) => g !== '');

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
