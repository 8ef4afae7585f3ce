import { isIsoDate, IsoDate } from '@mms/contracts/dates';
import { Checks, checked } from '@mms/service-kit/core';
import { academicYearOf, academicYearRange } from './academic-year';
import type { IndicatorPeriod } from './indicators';

export interface PeriodArgs {
  academicYear?: string | null;
  asOf?: string | null;
}

/** Far enough for any record, near enough that date arithmetic stays within four-digit years. */
const EARLIEST = 1950;
const LATEST = 2999;

const checkAsOf = (c: Checks, asOf: string) => {
  if (!isIsoDate(asOf)) c.problem('asOf', `must be a calendar date YYYY-MM-DD, got '${asOf}'`);
  else if (Number(asOf.slice(0, 4)) < EARLIEST || Number(asOf.slice(0, 4)) > LATEST) {
    c.problem('asOf', `must be between ${EARLIEST}-01-01 and ${LATEST}-12-31, got '${asOf}'`);
  }
};

const checkAcademicYear = (c: Checks, academicYear: string) => {
  let start = Number.NaN;
  try {
    start = Number(academicYearRange(academicYear).from.slice(0, 4));
  } catch {
    /* reported below */
  }
  if (!(start >= EARLIEST && start < LATEST)) {
    c.problem('academicYear', `must be consecutive years like '2025/2026' (1 September – 31 August), from ${EARLIEST}/${EARLIEST + 1}, got '${academicYear}'`);
  }
};

/**
 * The period of a report: asOf defaults to today (in the region), the academic year to
 * the one asOf falls in (so "today" gives the current year, and a past asOf its own).
 * Every bad field is reported at once, as BAD_USER_INPUT.
 */
export const resolvePeriod = (args: PeriodArgs, today: IsoDate): IndicatorPeriod => {
  const { asOf, academicYear } = checked('period', (c) => {
    const asOf = args.asOf ?? today;
    checkAsOf(c, asOf);
    const academicYear = args.academicYear ?? undefined;
    if (academicYear !== undefined) checkAcademicYear(c, academicYear);
    return { asOf, academicYear };
  });
  return { asOf, academicYear: academicYear ?? academicYearOf(asOf) };
};
