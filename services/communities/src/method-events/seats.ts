// Seats of a methodological event: who holds one, who waits, and who moves up when one frees.
// Pure: the decider calls these, and the views show the same queue the decider keeps.

export type RegistrationStatus = 'PENDING' | 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED' | 'REJECTED';

export interface Registration {
  educatorId: string;
  status: RegistrationStatus;
  /** Order of arrival on this event (1, 2, …): the waitlist is served in this order, never by name or school. */
  seq: number;
  registeredAt: string;
  /** Who registered them: the teacher or their school's coordinator. */
  registeredBy: string;
}

export const confirmedCount = (regs: Readonly<Record<string, Registration>>) => Object.values(regs).filter((r) => r.status === 'CONFIRMED').length;

/** The waitlist, first come first served. */
export const waitlist = (regs: Readonly<Record<string, Registration>>): Registration[] =>
  Object.values(regs)
    .filter((r) => r.status === 'WAITLISTED')
    .sort((a, b) => a.seq - b.seq);

/** A newcomer's place: a free seat if there is one, else the end of the waitlist (an event with moderation first asks the organiser). */
export const placeFor = (regs: Readonly<Record<string, Registration>>, capacity: number, moderated: boolean): RegistrationStatus => {
  if (moderated) return 'PENDING';
  return confirmedCount(regs) < capacity && waitlist(regs).length === 0 ? 'CONFIRMED' : 'WAITLISTED';
};

/** Who moves up from the waitlist to fill the free seats, in order of arrival. */
export const promotions = (regs: Readonly<Record<string, Registration>>, capacity: number): string[] =>
  waitlist(regs)
    .slice(0, Math.max(0, capacity - confirmedCount(regs)))
    .map((r) => r.educatorId);

/** 1-based place in the waitlist, or null. */
export const waitlistPosition = (regs: Readonly<Record<string, Registration>>, educatorId: string): number | null => {
  const i = waitlist(regs).findIndex((r) => r.educatorId === educatorId);
  return i < 0 ? null : i + 1;
};
