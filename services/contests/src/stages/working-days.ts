import { addDays } from '@mms/contracts/dates';

/**
 * Russia's fixed non-working holidays (Labour Code art. 112) as MM-DD. The yearly moved days
 * off differ by year, so a stage may list its own holidays instead (setting `holidays`).
 */
export const FEDERAL_HOLIDAYS = ['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'];

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

/** Mon–Fri and not a holiday (holidays as YYYY-MM-DD, or MM-DD for every year). */
export const isWorkingDay = (iso: string, holidays: readonly string[] = FEDERAL_HOLIDAYS) => {
  const d = weekday(iso);
  return d !== 0 && d !== 6 && !holidays.includes(iso) && !holidays.includes(iso.slice(5));
};

/**
 * The n-th working day before `date` (the stage's own day not counted): the latest day a
 * consent may be dated to be "at least n working days before" the stage.
 */
export const workingDaysBefore = (date: string, n: number, holidays: readonly string[] = FEDERAL_HOLIDAYS): string => {
  let day = date;
  let counted = 0;
  while (counted < n) {
    day = addDays(day, -1);
    if (isWorkingDay(day, holidays)) counted++;
  }
  return day;
};
