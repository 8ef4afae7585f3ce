import { addDays } from '@mms/contracts/dates';

/** The UTC offset of a time zone at an instant, in minutes (Intl knows the zone's rules). */
const offsetMinutes = (timeZone: string, at: Date) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  return Math.round((asUtc - at.getTime()) / 60000);
};

/** 23:59:59 of the day `days` after `publishedOn`, in the region's zone, as an ISO instant (UTC). */
export const appealDeadline = (publishedOn: string, days: number, timeZone: string): string => {
  const day = addDays(publishedOn, days);
  const naive = new Date(`${day}T23:59:59.999Z`);
  return new Date(naive.getTime() - offsetMinutes(timeZone, naive) * 60000).toISOString();
};
