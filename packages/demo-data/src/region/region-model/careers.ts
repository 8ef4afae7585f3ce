/** When an educator started in the profession, and the qualification category that goes with the experience. */
import { isYoungTeacher } from '@mms/contracts/dates';
import { dayToIso, isoToDay, minusYears, Random } from '../random';
import type { QualificationCategory } from '../region-model';

/** The platform's one young-teacher rule (@mms/contracts/dates) at `asOf`. */
export const isYoungAsOf = (careerStartDate: string, asOf: string): boolean => isYoungTeacher(careerStartDate, asOf);

/** Experience of the teachers who are not young, in years, with weights. */
const EXPERIENCE_BUCKETS: readonly (readonly [readonly [number, number], number])[] = [
  [[3, 4], 10],
  [[5, 9], 17],
  [[10, 19], 25],
  [[20, 29], 25],
  [[30, 39], 17],
  [[40, 45], 6],
];

export interface CareerStart {
  date: string;
  /** Whole years in the profession at `asOf`. */
  years: number;
}

const yearsSince = (date: string, asOfDay: number) => Math.floor((asOfDay - isoToDay(date)) / 365.25);

/** A date around the start of the academic year in `year`, or any day of it. */
const careerDateIn = (rng: Random, year: number): string =>
  rng.chance(0.7) ? rng.dateBetween(`${year}-08-20`, `${year}-09-02`) : rng.dateBetween(`${year}-01-01`, `${year}-12-31`);

/** The days from late August to 2 September of the last four years that fall within [from, asOf]. */
const academicYearStarts = (asOf: string, from: number): [number, number][] => {
  const asOfDay = isoToDay(asOf);
  const asOfYear = Number(asOf.slice(0, 4));
  const windows: [number, number][] = [];
  for (let y = asOfYear - 3; y <= asOfYear; y++) {
    const lo = Math.max(from, isoToDay(`${y}-08-20`));
    const hi = Math.min(asOfDay, isoToDay(`${y}-09-02`));
    if (lo <= hi) windows.push([lo, hi]);
  }
  return windows;
};

/** A young teacher: under three years in the profession at `asOf`. */
const youngCareerStart = (rng: Random, asOf: string): CareerStart => {
  const asOfDay = isoToDay(asOf);
  const from = isoToDay(minusYears(asOf, 3)) + 1;
  let date: string | null = null;
  if (rng.chance(0.7)) {
    // Most start with the academic year: late August / 1 September within the window.
    const windows = academicYearStarts(asOf, from);
    if (windows.length) {
      const [lo, hi] = rng.pick(windows);
      date = dayToIso(rng.int(lo, hi));
    }
  }
  date ??= dayToIso(rng.int(from, asOfDay));
  if (!isYoungAsOf(date, asOf)) date = asOf;
  return { date, years: yearsSince(date, asOfDay) };
};

/** A teacher past the young-teacher years: experience by EXPERIENCE_BUCKETS. */
const experiencedCareerStart = (rng: Random, asOf: string): CareerStart => {
  const asOfYear = Number(asOf.slice(0, 4));
  const [lo, hi] = rng.weighted(EXPERIENCE_BUCKETS);
  const years = rng.int(lo, hi);
  let date = careerDateIn(rng, asOfYear - years);
  if (date > asOf || isYoungAsOf(date, asOf)) date = careerDateIn(rng, asOfYear - years - 1);
  if (isYoungAsOf(date, asOf)) date = minusYears(asOf, years + 1);
  if (date < '1950-01-01') date = '1950-09-01';
  return { date, years: yearsSince(date, isoToDay(asOf)) };
};

export const careerStart = (rng: Random, asOf: string, young: boolean): CareerStart =>
  young ? youngCareerStart(rng, asOf) : experiencedCareerStart(rng, asOf);

/** Categories by experience: young teachers mostly none, the most experienced mostly the highest. */
const CATEGORY_SHARES: Record<'young' | 'under5' | 'under10' | 'under20' | 'senior', readonly (readonly [QualificationCategory, number])[]> = {
  young: [
    ['NONE', 97],
    ['FIRST', 3],
  ],
  under5: [
    ['NONE', 60],
    ['FIRST', 37],
    ['HIGHEST', 3],
  ],
  under10: [
    ['NONE', 35],
    ['FIRST', 50],
    ['HIGHEST', 15],
  ],
  under20: [
    ['NONE', 20],
    ['FIRST', 42],
    ['HIGHEST', 36],
    ['METHODIST', 1],
    ['MENTOR', 1],
  ],
  senior: [
    ['NONE', 15],
    ['FIRST', 33],
    ['HIGHEST', 48],
    ['METHODIST', 2],
    ['MENTOR', 2],
  ],
};

export const categoryFor = (rng: Random, young: boolean, years: number): QualificationCategory =>
  rng.weighted(CATEGORY_SHARES[young ? 'young' : years < 5 ? 'under5' : years < 10 ? 'under10' : years < 20 ? 'under20' : 'senior']);
