// When a site reports: one annual report per academic year of its term, due at the year's end
// (30 June), and a final report at the end of the term. Pure: the decider, the overdue list and
// the reminders all read this one schedule.

export interface AnnualReport {
  /** The academic year it covers, `2026/2027`. */
  year: string;
  dueOn: string;
  submittedOn: string | null;
  summary: string | null;
  /** The expert council's opinion on it. */
  review: { accepted: boolean; opinion: string } | null;
}

const YEAR_END = '06-30';

/** The academic years a term touches, each with its report's due date (never after the term's end: then the final report covers it). */
export const reportSchedule = (term: { from: string; to: string }): { year: string; dueOn: string }[] => {
  const out: { year: string; dueOn: string }[] = [];
  const firstStart = Number(term.from.slice(0, 4)) - (term.from.slice(5) < '09-01' ? 1 : 0);
  for (let start = firstStart; ; start++) {
    const dueOn = `${start + 1}-${YEAR_END}`;
    if (dueOn >= term.to) break;
    if (dueOn >= term.from) out.push({ year: `${start}/${start + 1}`, dueOn });
  }
  return out;
};

type Due = Pick<AnnualReport, 'dueOn' | 'submittedOn'>;

/** Past its due date and not submitted. */
export const isOverdue = (r: Due, today: string): boolean => !r.submittedOn && r.dueOn < today;

/** Reports past their due date and not submitted, by due date. */
export const overdueReports = <R extends Due>(reports: readonly R[], today: string): R[] =>
  reports.filter((r) => isOverdue(r, today)).sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1));

/** Reports due from today to `until` (the reminders' window) and not submitted: the reminders to send. */
export const reportsDueSoon = <R extends Due>(reports: readonly R[], today: string, until: string): R[] =>
  reports.filter((r) => !r.submittedOn && r.dueOn >= today && r.dueOn <= until);
