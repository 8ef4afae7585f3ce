import { addDays, addYears, IsoDate } from '@mms/contracts/dates';

/**
 * The three-year rule (DESIGN.md): every educator needs completed training at least once in
 * three years. Pure and time-dependent: the caller passes `asOf`, nothing reads the clock.
 */
export const TRAINING_PERIOD_YEARS = 3;
/** The windows the portals offer for "due soon". */
export const DUE_WINDOWS = [30, 60, 90] as const;
export const MAX_WITHIN_DAYS = 366;

export type DueBasis = 'LAST_TRAINING' | 'CAREER_START';
export type DueStatus = 'OVERDUE' | 'DUE_SOON' | 'OK';

export interface DueInputs {
  lastCompletedOn?: IsoDate | null;
  careerStartDate?: IsoDate | null;
}

/** Last completed training + 3 years; with none on record, career start + 3 years; unknown without either. */
export const dueDateOf = (e: DueInputs): { dueDate: IsoDate; basis: DueBasis } | null => {
  if (e.lastCompletedOn) return { dueDate: addYears(e.lastCompletedOn, TRAINING_PERIOD_YEARS), basis: 'LAST_TRAINING' };
  if (e.careerStartDate) return { dueDate: addYears(e.careerStartDate, TRAINING_PERIOD_YEARS), basis: 'CAREER_START' };
  return null;
};

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Overdue when the due date has passed; due soon when it falls within `withinDays` from `asOf`. */
export const dueStatus = (dueDate: IsoDate, asOf: IsoDate, withinDays: number): DueStatus => {
  if (dueDate < asOf) return 'OVERDUE';
  return dueDate <= addDays(asOf, withinDays) ? 'DUE_SOON' : 'OK';
};

export interface TrainingSummary {
  educators: number;
  trainedInThreeYears: number;
  overdue: number;
  dueWithin90Days: number;
}

/** The counts an organisation's or a municipality's card shows, over its active educators. */
export const summarise = (educators: DueInputs[], asOf: IsoDate): TrainingSummary => {
  const summary: TrainingSummary = { educators: educators.length, trainedInThreeYears: 0, overdue: 0, dueWithin90Days: 0 };
  for (const e of educators) {
    if (e.lastCompletedOn && addYears(e.lastCompletedOn, TRAINING_PERIOD_YEARS) >= asOf) summary.trainedInThreeYears++;
    const due = dueDateOf(e);
    if (!due) continue;
    const status = dueStatus(due.dueDate, asOf, 90);
    if (status === 'OVERDUE') summary.overdue++;
    if (status === 'DUE_SOON') summary.dueWithin90Days++;
  }
  return summary;
};
