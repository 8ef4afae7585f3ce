import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { actorContext, checked, Checks, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { PlacedEducator, placedEducator } from '../educators/educator.queries';
import type { PdDeps } from '../pd.deps';
import { childId, parentOf, streams } from '../pd.streams';
import { MentorCommand, mentorDecider } from './mentor.decider';
import { mentorshipAfter, MentorshipView } from './mentor.views';

const checkedGoals = (c: Checks, goals: string[], field = 'goals') => c.list(field, goals, { minItems: 1, maxItems: 20, maxLength: 1000 })!;

/**
 * A pair in the mentor's stream, where the load limit is enforced: by the methodologist of
 * the municipality where both work now. The period, self-mentoring and a mentee already
 * paired (with this mentor or, as the educators read model says, another) are the decider's.
 */
export const startMentorship = async (d: PdDeps, req: RequestContext, input: PairingInput): Promise<MentorshipView> => {
  const goals = checked('mentorship', (c) => checkedPairing(c, input));
  const mentor = await placedEducator(d, input.mentorId, 'mentorId');
  const mentee = await placedEducator(d, input.menteeId, 'menteeId');
  const user = pairer(req, mentor, mentee);
  const mentorshipId = childId(mentor._id, newEntityId(req, 'mentorship'));
  const { state, tenantId } = await d.commands.handle(
    mentorDecider,
    streams.mentor(mentor._id),
    pairing(mentor, mentee, input, goals, mentorshipId),
    actorContext(req, user),
    { locate: true, orIn: mentor.municipalityId },
  );
  return mentorshipAfter(tenantId, state, mentorshipId);
};

export interface PairingInput {
  mentorId: string;
  menteeId: string;
  from: string;
  to: string;
  goals: string[];
}

/** A pairing's own input (`at` names a list's entry: `input.3.`); its goals as checked. */
export const checkedPairing = (c: Checks, input: PairingInput, at = '') => {
  c.id(`${at}mentorId`, input.mentorId);
  c.id(`${at}menteeId`, input.menteeId);
  c.date(`${at}from`, input.from);
  c.date(`${at}to`, input.to);
  return checkedGoals(c, input.goals, `${at}goals`);
};

/** Who pairs: the methodologist of the municipality where both work now. */
export const pairer = (req: RequestContext, mentor: PlacedEducator, mentee: PlacedEducator) => {
  const user = access.methodologistFor(req.user, mentee.municipalityId, 'start mentorships');
  access.methodologistFor(req.user, mentor.municipalityId, 'pair a mentor');
  return user;
};

/** The command pairing them (a mentee's active mentor elsewhere as the educators read model says). */
export const pairing = (mentor: PlacedEducator, mentee: PlacedEducator, input: PairingInput, goals: string[], mentorshipId: string): MentorCommand => ({
  type: 'StartMentorship',
  mentorshipId,
  mentorId: mentor._id,
  menteeId: mentee._id,
  municipalityId: mentee.municipalityId,
  from: input.from,
  to: input.to,
  goals,
  menteePairedWith: mentee.activeMentor ?? null,
});

export const updateMentorshipGoals = async (d: PdDeps, req: RequestContext, input: { mentorshipId: string; goals: string[] }) => {
  const goals = checked('goals', (c) => checkedGoals(c, input.goals));
  return change(d, req, input.mentorshipId, { type: 'UpdateMentorshipGoals', mentorshipId: input.mentorshipId, goals });
};

export const completeMentorship = async (d: PdDeps, req: RequestContext, input: { mentorshipId: string; outcome: string; on?: string | null }) => {
  const outcome = checked('completion', (c) => {
    c.date('on', input.on);
    return c.text('outcome', input.outcome, { max: 2000, required: true, multiline: true })!;
  });
  return change(d, req, input.mentorshipId, { type: 'CompleteMentorship', mentorshipId: input.mentorshipId, outcome, on: input.on ?? d.clock.today() });
};

export const endMentorship = async (d: PdDeps, req: RequestContext, input: { mentorshipId: string; reason: string; on?: string | null }) => {
  const reason = checked('ending', (c) => {
    c.date('on', input.on);
    return c.text('reason', input.reason, { max: 2000, required: true, multiline: true })!;
  });
  return change(d, req, input.mentorshipId, { type: 'EndMentorship', mentorshipId: input.mentorshipId, reason, on: input.on ?? d.clock.today() });
};

/**
 * The mentorship id names the mentor's stream, found wherever it lives. Who may change the
 * pair follows the mentee's current placement (the educators read model; the pair's own
 * municipality while the read model has not heard of it), checked against the stream's pair
 * on every attempt.
 */
const change = async (d: PdDeps, req: RequestContext, mentorshipId: string, command: MentorCommand): Promise<MentorshipView> => {
  checked('mentorship', (c) => c.id('mentorshipId', mentorshipId));
  const mentorId = parentOf(mentorshipId, 'mentorshipId');
  const user = requireUser(req.user);
  const row = await d.tables.mentorships.get(mentorshipId);
  const mentee = row ? await d.tables.educators.get(row.menteeId) : null;
  const { state, tenantId } = await d.commands.handle(
    mentorDecider,
    streams.mentor(mentorId),
    (s) => {
      const pair = s.mentorships.find((m) => m.mentorshipId === mentorshipId);
      // An unknown pair: the decider says NOT_FOUND.
      if (pair)
        access.methodologistFor(req.user, (mentee?._id === pair.menteeId ? mentee.municipalityId : undefined) ?? pair.municipalityId, 'change mentorships');
      return command;
    },
    actorContext(req, user),
    { locate: true },
  );
  return mentorshipAfter(tenantId, state, mentorshipId);
};
