import { assertIsoDate, IsoDate } from '@mms/contracts/dates';

/**
 * Academic year (учебный год): 1 September – 31 August, labelled '2025/2026'.
 * Reports are per academic year, so every dated fact is placed in one by its date alone.
 */
export type AcademicYearLabel = string;

/** Both ends inclusive. */
export interface AcademicYearRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

const LABEL = /^(\d{4})\/(\d{4})$/;

export const academicYearOf = (date: IsoDate): AcademicYearLabel => {
  assertIsoDate(date, 'date');
  const year = Number(date.slice(0, 4));
  const startYear = date.slice(5, 7) >= '09' ? year : year - 1;
  return `${startYear}/${startYear + 1}`;
};

export const academicYearRange = (label: AcademicYearLabel): AcademicYearRange => {
  const m = LABEL.exec(label);
  const start = Number(m?.[1]);
  if (!m || Number(m[2]) !== start + 1) {
    throw new RangeError(`academic year must look like '2025/2026', got '${label}'`);
  }
  return { from: `${m[1]}-09-01`, to: `${m[2]}-08-31` };
};

/** `today` is the local calendar date chosen by the caller (the clock stays outside). */
export const currentAcademicYear = (today: IsoDate): AcademicYearLabel => academicYearOf(today);

export const isInAcademicYear = (date: IsoDate, label: AcademicYearLabel): boolean => {
  const { from, to } = academicYearRange(label);
  return date >= from && date <= to;
};
