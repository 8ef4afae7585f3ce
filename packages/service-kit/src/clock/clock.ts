import { DEFAULT_REGION_TIME_ZONE, IsoDate, todayIn } from '@mms/contracts/dates';

/**
 * The one clock of a service: "today" is the region's calendar day (it turns at the
 * region's midnight, not UTC's), the same in every service of a deployment. Injected
 * (`CLOCK`), so tests set the day; deciders get dates on their commands, never a clock.
 */
export interface Clock {
  now(): Date;
  today(): IsoDate;
  readonly timeZone: string;
}

export const systemClock = (timeZone: string = DEFAULT_REGION_TIME_ZONE, offsetDays = 0): Clock => {
  todayIn(timeZone); // an unknown zone fails at start, not on the first request
  const offset = offsetDays * 86_400_000;
  if (!offset) return { timeZone, now: () => new Date(), today: () => todayIn(timeZone) };
  return { timeZone, now: () => new Date(Date.now() + offset), today: () => todayIn(timeZone, new Date(Date.now() + offset)) };
};

/** A clock standing at a fixed instant (tests, demo data "as of" a day). */
export const fixedClock = (at: string | Date, timeZone: string = DEFAULT_REGION_TIME_ZONE): Clock => {
  const instant = typeof at === 'string' && at.length === 10 ? new Date(`${at}T12:00:00Z`) : new Date(at);
  return { timeZone, now: () => new Date(instant), today: () => todayIn(timeZone, instant) };
};
