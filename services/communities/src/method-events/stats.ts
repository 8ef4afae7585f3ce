import type { MethodEventState } from './method-event.decider';

// Figures of held events, for the organiser's page and the monitoring indicators (issue 12 §3,
// §4): one place that says what "attendance rate" and "mean feedback" mean.

export interface EventFigures {
  seated: number;
  waiting: number;
  /** Everyone marked present, speakers without a seat included. */
  attended: number;
  /** Of those who held a seat, the share present, 0–1 with 2 decimals; null before anyone held a seat. */
  attendanceRate: number | null;
  ratings: number;
  /** Mean of the ratings given, 2 decimals; null without any. */
  meanRating: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The mean of ratings, 2 decimals; null without any. */
export const meanRating = (ratings: readonly number[]): number | null => (ratings.length ? round2(ratings.reduce((a, b) => a + b, 0) / ratings.length) : null);

export const eventFigures = (s: MethodEventState): EventFigures => {
  const regs = Object.values(s.registrations);
  const seated = regs.filter((r) => r.status === 'CONFIRMED').length;
  const attended = Object.values(s.attendance).filter(Boolean).length;
  const seatedPresent = regs.filter((r) => r.status === 'CONFIRMED' && s.attendance[r.educatorId]).length;
  const ratings = Object.values(s.feedback).map((f) => f.rating);
  return {
    seated,
    waiting: regs.filter((r) => r.status === 'WAITLISTED').length,
    attended,
    attendanceRate: seated ? round2(seatedPresent / seated) : null,
    ratings: ratings.length,
    meanRating: meanRating(ratings),
  };
};

export interface OrganiserFigures {
  eventsHeld: number;
  /** Distinct educators who attended at least one of them. */
  participants: number;
  attendanceRate: number | null;
  /** Every rating counts once (an event with many ratings weighs more than one with few). */
  meanRating: number | null;
}

/** Over an organiser's held events: not cancelled, and over by `now`. */
export const organiserFigures = (events: readonly MethodEventState[], now: string): OrganiserFigures => {
  const held = events.filter((e) => e.status === 'PUBLISHED' && e.plan!.endsAt <= now);
  const people = new Set(
    held.flatMap((e) =>
      Object.entries(e.attendance)
        .filter(([, present]) => present)
        .map(([id]) => id),
    ),
  );
  const seatedRegs = held.flatMap((e) =>
    Object.values(e.registrations)
      .filter((r) => r.status === 'CONFIRMED')
      .map((r) => e.attendance[r.educatorId] === true),
  );
  const seated = seatedRegs.length;
  const attended = seatedRegs.filter(Boolean).length;
  const ratings = held.flatMap((e) => Object.values(e.feedback).map((f) => f.rating));
  return {
    eventsHeld: held.length,
    participants: people.size,
    attendanceRate: seated ? round2(attended / seated) : null,
    meanRating: meanRating(ratings),
  };
};
