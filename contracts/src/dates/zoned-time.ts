// Wall-clock times in the region's zone and the instants they stand for. An event at "14:00"
// or a deadline at "23:59" is the region's; stored and compared as UTC instants.

/** The UTC offset of a time zone at an instant, in minutes (Intl knows the zone's rules). */
export const offsetMinutes = (timeZone: string, at: Date): number => {
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
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
};

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?$/;

/** Is this a wall-clock date-time `YYYY-MM-DDTHH:mm[:ss[.sss]]` (no zone)? */
export const isLocalDateTime = (value: string): boolean => {
  const m = LOCAL.exec(value);
  if (!m) return false;
  const d = new Date(`${value}Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(`${m[1]}T${m[2]}:${m[3]}`);
};

/** The instant (ISO, UTC) a wall-clock time in `timeZone` stands for. */
export const zonedToInstant = (local: string, timeZone: string): string => {
  if (!isLocalDateTime(local)) throw new Error(`not a wall-clock date-time: ${local}`);
  const naive = new Date(`${local}Z`);
  // The zone's offset at the naive instant, then at the corrected one (a DST change between them).
  const first = naive.getTime() - offsetMinutes(timeZone, naive) * 60000;
  return new Date(naive.getTime() - offsetMinutes(timeZone, new Date(first)) * 60000).toISOString();
};

/** The wall-clock time in `timeZone` of an instant, `YYYY-MM-DDTHH:mm`. */
export const instantToZoned = (iso: string, timeZone: string): string => {
  const at = new Date(iso);
  return new Date(at.getTime() + offsetMinutes(timeZone, at) * 60000).toISOString().slice(0, 16);
};
