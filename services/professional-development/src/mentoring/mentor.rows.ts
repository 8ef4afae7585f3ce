import type { RowTable } from '@mms/eventsourcing/core';
import type { MentorEvent, MentorshipStatus } from './mentor.decider';

export interface MentorshipRow {
  _id: string;
  /** The mentor stream's tenant. */
  tenantId: string;
  mentorId: string;
  menteeId: string;
  /** The mentee's municipality. */
  municipalityId: string;
  from: string;
  to: string;
  goals: string[];
  status: MentorshipStatus;
  outcome: string | null;
  reason: string | null;
  finishedOn: string | null;
}

const MENTOR_EVENTS = new Set(['MentorshipStarted', 'MentorshipGoalsUpdated', 'MentorshipCompleted', 'MentorshipEnded']);

/** One row per mentorship. */
export const mentorshipRows: RowTable<MentorshipRow> = {
  collection: 'mentorships',
  indexes: [{ keys: { municipalityId: 1 } }, { keys: { mentorId: 1 } }, { keys: { menteeId: 1 } }],
  rowsOf: (e) => (MENTOR_EVENTS.has(e.type) ? [(e.data as { mentorshipId: string }).mentorshipId] : []),
  evolve: (row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as MentorEvent;
    switch (e.type) {
      case 'MentorshipStarted': {
        const { mentorshipId, mentorId, menteeId, municipalityId, from, to, goals } = e.data;
        return {
          _id: mentorshipId,
          tenantId: envelope.tenantId,
          mentorId,
          menteeId,
          municipalityId,
          from,
          to,
          goals,
          status: 'ACTIVE',
          outcome: null,
          reason: null,
          finishedOn: null,
        };
      }
      case 'MentorshipGoalsUpdated':
        return row && { ...row, goals: e.data.goals };
      case 'MentorshipCompleted':
        return row && { ...row, status: 'COMPLETED', outcome: e.data.outcome, finishedOn: e.data.on };
      case 'MentorshipEnded':
        return row && { ...row, status: 'ENDED', reason: e.data.reason, finishedOn: e.data.on };
      default:
        return row;
    }
  },
};
