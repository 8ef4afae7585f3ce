/**
 * The contests service's rules the plan keeps (services/contests/src): the levels' grades, the
 * consent deadline in working days, how a task's final and a work's total are made of the
 * jurors' scores, and the calendar of the compressed olympiad year. Each mirrors one pure
 * function of the service; the plan's tests check them against it.
 */
import { dayToIso, isoToDay } from '../../../region/random';
import type { ContestLevel, ContestsPlanOptions, StageDates } from '../contests-plan';

export const LEVELS: readonly ContestLevel[] = ['SCHOOL', 'MUNICIPAL', 'REGIONAL'];

/** stages/grades.ts: the grades each level admits. */
export const LEVEL_GRADES: Record<ContestLevel, readonly [number, number]> = { SCHOOL: [4, 11], MUNICIPAL: [7, 11], REGIONAL: [9, 11] };

export const PREVIOUS_LEVEL: Record<ContestLevel, ContestLevel | null> = { SCHOOL: null, MUNICIPAL: 'SCHOOL', REGIONAL: 'MUNICIPAL' };

export const DEFAULT_CONTESTS_OPTIONS: Required<ContestsPlanOptions> = {
  participantsPerEducator: 0.6,
  withoutConsentShare: 0.02,
  absentShare: 0.04,
  publishResultsShare: 0.75,
  doubleScoringShare: 0.25,
  municipalPassShare: 0.3,
  regionalPassShare: 0.35,
  municipalDayOffset: 2,
  regionalDayOffset: 4,
};

/** stage.settings.ts: the default consent lead time, and the appeals closing the day after publication. */
export const CONSENT_LEAD_WORKING_DAYS = 10;
export const APPEAL_DAYS = 1;

/** stages/working-days.ts: Russia's fixed holidays (MM-DD), the stage's default `holidays`. */
export const FEDERAL_HOLIDAYS: readonly string[] = [
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
];

export const addDays = (iso: string, days: number): string => dayToIso(isoToDay(iso) + days);

const isWorkingDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6 && !FEDERAL_HOLIDAYS.includes(iso.slice(5));
};

/** The n-th working day before `date` (the stage's own day not counted): the last day a consent may be dated. */
export const workingDaysBefore = (date: string, n: number): string => {
  let day = date;
  for (let counted = 0; counted < n;) {
    day = addDays(day, -1);
    if (isWorkingDay(day)) counted++;
  }
  return day;
};

/** "2026/2027" for any day from 1 Sep 2026 to 31 Aug 2027, and the year it starts in. */
export const academicYearOf = (iso: string): { label: string; start: number } => {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 9 ? y : y - 1;
  return { label: `${start}/${start + 1}`, start };
};

/**
 * The olympiad year on a compressed calendar: the school stage is held on asOf (its
 * registration closing that day), the municipal stage `municipalDayOffset` days later and the
 * regional one `regionalDayOffset` days later. A level's protocols can be final two days after
 * they are published (appeals close at 23:59 of the next day), which is the day the next level
 * is held: every registration window holds the day its entries are made.
 */
export const calendarOf = (asOf: string, opt: Required<ContestsPlanOptions>): Record<ContestLevel, StageDates> => {
  const dates = (registrationFrom: string, day: string): StageDates => ({
    registrationFrom,
    registrationTo: day,
    startsOn: day,
    endsOn: day,
    consentDeadline: workingDaysBefore(day, CONSENT_LEAD_WORKING_DAYS),
  });
  return {
    SCHOOL: dates(addDays(asOf, -21), asOf),
    MUNICIPAL: dates(asOf, addDays(asOf, opt.municipalDayOffset)),
    REGIONAL: dates(asOf, addDays(asOf, opt.regionalDayOffset)),
  };
};

// ---- scoring (partitions/scoring.ts, protocol.ts) ----

/** Points to the hundredth, as the service rounds them. */
export const round2 = (x: number): number => Math.round(Number((x * 100).toPrecision(12))) / 100;

const EPSILON = 1e-9;

/** Two scores this far apart go to a third juror: a fifth of the task's points, at least 2 (the service's default). */
export const thirdCheckThresholdOf = (maxPoints: number) => Math.max(2, Math.ceil(maxPoints / 5));

/** A task's final: the one score (SINGLE); the mean of two that agree, else the third juror's (DOUBLE). */
export const taskFinal = (scores: readonly number[], threshold: number): number => {
  if (scores.length === 1) return scores[0]!;
  const [a, b, third] = scores as [number, number, number | undefined];
  if (Math.abs(a - b) + EPSILON < threshold) return round2((a + b) / 2);
  if (third === undefined) throw new Error('a third check is needed but missing');
  return third;
};

/** Whether two first scores differ by the threshold or more. */
export const needsThirdCheck = (a: number, b: number, threshold: number) => Math.abs(a - b) + EPSILON >= threshold;
