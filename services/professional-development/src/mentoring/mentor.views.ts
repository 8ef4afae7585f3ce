import type { Mentorship, MentorState } from './mentor.decider';
import type { MentorshipRow } from './mentor.rows';

export type MentorshipView = Omit<MentorshipRow, '_id'> & { id: string };

export const mentorshipRowView = ({ _id, ...r }: MentorshipRow): MentorshipView => ({ id: _id, ...r });

export const mentorshipView = (tenantId: string, mentorId: string, m: Mentorship): MentorshipView => ({
  id: m.mentorshipId,
  tenantId,
  mentorId,
  menteeId: m.menteeId,
  municipalityId: m.municipalityId,
  from: m.from,
  to: m.to,
  goals: m.goals,
  status: m.status,
  outcome: m.outcome ?? null,
  reason: m.reason ?? null,
  finishedOn: m.finishedOn ?? null,
});

/** The pair a command just wrote, from the mentor stream's state. */
export const mentorshipAfter = (tenantId: string, state: MentorState, mentorshipId: string): MentorshipView => {
  const m = state.mentorships.find((x) => x.mentorshipId === mentorshipId);
  if (!m || !state.mentorId) throw new Error('mentorship missing after a successful command');
  return mentorshipView(tenantId, state.mentorId, m);
};
