/**
 * Calendar dates as 'YYYY-MM-DD' strings. Indicators are about calendar days in the
 * region, never instants: keeping dates as strings avoids time-zone shifts (Krasnoyarsk
 * is UTC+7) and makes comparison a plain string comparison.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number => (month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/** A real calendar day in the YYYY-MM-DD form (so '2025-02-29' is not one). */
export const isIsoDate = (value: string): boolean => {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

export const assertIsoDate = (value: string, what: string): IsoDate => {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be a date YYYY-MM-DD, got '${value}'`);
  return value;
};

/**
 * The same day `years` later (or earlier when negative). 29 February becomes 28 February
 * in a common year, as in the Russian practice for periods counted in years: the period
 * ends within the same month instead of spilling into March.
 */
export const addYears = (date: IsoDate, years: number): IsoDate => {
  assertIsoDate(date, 'date');
  const year = Number(date.slice(0, 4)) + years;
  const monthDay = date.slice(5);
  const clamped = monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay;
  return `${String(year).padStart(4, '0')}-${clamped}`;
};

/** The day `days` later (earlier when negative). */
export const addDays = (date: IsoDate, days: number): IsoDate => {
  assertIsoDate(date, 'date');
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
};

/** One formatter per zone: building one costs far more than using it, and every command asks for today. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (timeZone: string): Intl.DateTimeFormat => {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f;
};

/** Today's calendar date in a time zone: the region's day turns at its own midnight, not UTC's. */
export const todayIn = (timeZone: string, now: Date = new Date()): IsoDate => {
  const parts = dayFormat(timeZone).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
};

/** The region's time zone unless a deployment says otherwise (REGION_TIME_ZONE). */
export const DEFAULT_REGION_TIME_ZONE = 'Asia/Krasnoyarsk';
