import { isIsoDate, IsoDate } from '@mms/contracts';
import { FieldProblem, ValidationError } from '@mms/eventsourcing';
import { academicYearOf, academicYearRange } from '../indicators/academic-year';
import type { IndicatorPeriod } from '../indicators/indicators';

export interface PeriodArgs {
  academicYear?: string | null;
  asOf?: string | null;
}

/** Far enough for any record, near enough that date arithmetic stays within four-digit years. */
const EARLIEST = 1950;
const LATEST = 2999;

/**
 * The period of a report: asOf defaults to today (in the region), the academic year to
 * the one asOf falls in (so "today" gives the current year, and a past asOf its own).
 * Every bad field is reported at once, as BAD_USER_INPUT.
 */
export const resolvePeriod = (args: PeriodArgs, today: IsoDate): IndicatorPeriod => {
  const problems: FieldProblem[] = [];
  const asOf = args.asOf ?? today;
  if (!isIsoDate(asOf)) problems.push({ field: 'asOf', message: `must be a calendar date YYYY-MM-DD, got '${asOf}'` });
  else if (Number(asOf.slice(0, 4)) < EARLIEST || Number(asOf.slice(0, 4)) > LATEST) {
    problems.push({ field: 'asOf', message: `must be between ${EARLIEST}-01-01 and ${LATEST}-12-31, got '${asOf}'` });
  }
  let academicYear = args.academicYear ?? undefined;
  if (academicYear !== undefined) {
    let start = Number.NaN;
    try {
      start = Number(academicYearRange(academicYear).from.slice(0, 4));
    } catch {
      /* reported below */
    }
    if (!(start >= EARLIEST && start < LATEST)) {
      problems.push({
        field: 'academicYear',
        message: `must be consecutive years like '2025/2026' (1 September – 31 August), from ${EARLIEST}/${EARLIEST + 1}, got '${academicYear}'`,
      });
    }
  }
  if (problems.length) {
    throw new ValidationError(`invalid period: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  }
  academicYear ??= academicYearOf(asOf);
  return { asOf, academicYear };
};

/** Today's calendar date in a time zone (the region's day turns at its own midnight, not UTC's). */
export const todayIn = (timeZone: string, now: Date = new Date()): IsoDate => {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
};
