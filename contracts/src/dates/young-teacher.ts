import { addYears, IsoDate } from './iso-date';

/**
 * "Young teacher" (молодой педагог): under three years in the profession. Every context
 * asks this one rule. The three years end on the anniversary of the career start (29
 * February → 28 February in a common year, see `addYears`); from that day on the educator
 * is no longer young. So a career started on 2024-02-29 is young until 2027-02-27.
 */
export const YOUNG_TEACHER_YEARS = 3;

/** The first day on which an educator who started on `careerStartDate` is no longer young. */
export const youngTeacherUntil = (careerStartDate: IsoDate): IsoDate => addYears(careerStartDate, YOUNG_TEACHER_YEARS);

export const isYoungTeacher = (careerStartDate: IsoDate, asOf: IsoDate): boolean => asOf < youngTeacherUntil(careerStartDate);

/**
 * The earliest career start that is still young on `asOf`, for range queries:
 * young ⇔ careerStartDate >= youngCareerStartFrom(asOf).
 */
export const youngCareerStartFrom = (asOf: IsoDate): IsoDate => {
  // The smallest start s with addYears(s, 3) > asOf. addYears is monotonic; 29 Feb needs a look.
  const candidate = addYears(asOf, -YOUNG_TEACHER_YEARS);
  // candidate + 3y == asOf (or, for a 29 Feb asOf, 28 Feb): not young; the next day is.
  let s = candidate;
  while (!isYoungTeacher(s, asOf)) s = nextDay(s);
  return s;
};

const nextDay = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
