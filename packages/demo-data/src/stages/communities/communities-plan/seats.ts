/**
 * The service's seat rules, mirrored so the plan can say where each registration ends
 * (services/communities/src/method-events/seats.ts): a newcomer takes a free seat unless
 * someone waits, else the end of the waitlist; a moderated event's registrations wait for the
 * organiser, who seats (or queues) them in arrival order or rejects them; a cancelled seat goes
 * to the first waiting. The seeder sends exactly this order: every registration, then the
 * moderation, then the cancellations.
 */
import type { RegistrationTarget } from '../communities-plan';

export interface SeatStep {
  reject: boolean;
  cancel: boolean;
}

export const seatOutcome = (capacity: number, moderated: boolean, steps: readonly SeatStep[]): { target: RegistrationTarget; promoted: boolean }[] => {
  const out = steps.map(() => ({ target: 'CONFIRMED' as RegistrationTarget, promoted: false }));
  let confirmed = 0;
  const waiting: number[] = [];
  const place = (i: number) => {
    if (confirmed < capacity && waiting.length === 0) {
      out[i]!.target = 'CONFIRMED';
      confirmed++;
    } else {
      out[i]!.target = 'WAITLISTED';
      waiting.push(i);
    }
  };
  steps.forEach((s, i) => {
    if (moderated && s.reject) out[i]!.target = 'REJECTED';
    else place(i);
  });
  steps.forEach((s, i) => {
    if (!s.cancel) return;
    const r = out[i]!;
    if (r.target === 'WAITLISTED') {
      waiting.splice(waiting.indexOf(i), 1);
      r.target = 'CANCELLED';
    } else if (r.target === 'CONFIRMED') {
      r.target = 'CANCELLED';
      confirmed--;
      const next = waiting.shift();
      if (next !== undefined) {
        out[next]!.target = 'CONFIRMED';
        out[next]!.promoted = true;
        confirmed++;
      }
    }
  });
  return out;
};
