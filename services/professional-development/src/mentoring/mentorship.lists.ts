import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { DomainError, PlatformError } from '@mms/eventsourcing/core';
import { actorContext, checked, checkListSize, EntryError, entryError, newEntityId } from '@mms/service-kit/core';
import { placed } from '../educators/educator.queries';
import type { PdDeps } from '../pd.deps';
import { childId, streams } from '../pd.streams';
import { MentorCommand, mentorDecider } from './mentor.decider';
import { checkedPairing, pairer, pairing, PairingInput } from './mentor.handlers';
import { mentorshipAfter, MentorshipView } from './mentor.views';

/** Pairs per call: a municipality's order for the year comes in a few. */
export const MAX_PAIRS = 500;

export interface MentorshipOutcome {
  index: number;
  mentorship: MentorshipView | null;
  error: EntryError | null;
}

/**
 * A methodologist's pairs for the year at once (the order assigning mentors): each entry checked
 * and decided as `startMentorship` would, every mentor's stream appended in one round trip (a
 * mentor's pairs in one commit, their load limit counted in order). A mentee twice in the list
 * is MENTEE_ALREADY_PAIRED the second time: the read model cannot know of the first yet.
 */
export const startMentorships = async (d: PdDeps, req: RequestContext, inputs: PairingInput[]): Promise<MentorshipOutcome[]> => {
  checkListSize('input', inputs.length, MAX_PAIRS);
  const user = requireUser(req.user);
  const outcomes: MentorshipOutcome[] = inputs.map((_, index) => ({ index, mentorship: null, error: null }));
  const refuse = (index: number, err: unknown, rule = false) => {
    if (!(err instanceof PlatformError)) throw err;
    const e = entryError(err);
    // A field a rule names (`menteeId`) is the entry's; input checks name theirs themselves.
    outcomes[index]!.error = rule ? { ...e, fields: e.fields.map((f) => `input.${index}.${f}`) } : e;
  };
  const checkedOnes = inputs.flatMap((input, index) => {
    try {
      return [{ index, input, goals: checked('mentorship', (c) => checkedPairing(c, input, `input.${index}.`)) }];
    } catch (err) {
      refuse(index, err);
      return [];
    }
  });
  const ids = [...new Set(checkedOnes.flatMap(({ input }) => [input.mentorId, input.menteeId]))];
  const rows = new Map((await d.tables.educators.getMany(ids)).map((r) => [r._id, r]));
  const mentees = new Set<string>();
  const planned: Array<{ index: number; mentorId: string; municipalityId: string; mentorshipId: string; command: MentorCommand }> = [];
  for (const { index, input, goals } of checkedOnes) {
    try {
      const mentor = placed(rows.get(input.mentorId), input.mentorId, `input.${index}.mentorId`);
      const mentee = placed(rows.get(input.menteeId), input.menteeId, `input.${index}.menteeId`);
      pairer(req, mentor, mentee);
      if (mentees.has(mentee._id))
        throw new DomainError('MENTEE_ALREADY_PAIRED', `educator ${mentee._id} is paired earlier in this list`, { field: `input.${index}.menteeId` });
      mentees.add(mentee._id);
      const mentorshipId = childId(mentor._id, newEntityId(req, `mentorship#${index}`));
      planned.push({
        index,
        mentorId: mentor._id,
        municipalityId: mentor.municipalityId,
        mentorshipId,
        command: pairing(mentor, mentee, input, goals, mentorshipId),
      });
    } catch (err) {
      refuse(index, err);
    }
  }
  if (!planned.length) return outcomes;
  const results = await d.commands.handleMany(
    mentorDecider,
    planned.map((p) => ({ streamId: streams.mentor(p.mentorId), command: p.command, where: { locate: true as const, orIn: p.municipalityId } })),
    actorContext(req, user),
  );
  results.forEach((r, k) => {
    const p = planned[k]!;
    if (r instanceof Error) return refuse(p.index, r, true);
    outcomes[p.index]!.mentorship = mentorshipAfter(r.tenantId, r.state, p.mentorshipId);
  });
  return outcomes;
};
