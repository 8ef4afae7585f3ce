import { Decider, DomainEvent, invalid, refuse } from '@mms/eventsourcing/core';
import { LEVEL_GRADES, StageLevel } from '../stages/grades';

// Last year's winners and prize-winners of a stage held before the platform (issue 11 §5: the
// admission list takes them). The organiser of the level records them from the stage's final
// protocol (its number and date): one stream per tenant × level × academic year × subject.
// Recording again replaces the list (a corrected protocol); every version stays in the history.

export type PriorStatus = 'WINNER' | 'PRIZE_WINNER';

export interface PriorResult {
  studentId: string;
  /** The grade they competed for that year. */
  grade: number;
  status: PriorStatus;
}

export interface PriorProtocol {
  number: string;
  date: string;
}

export interface PriorResultsState {
  status: 'none' | 'RECORDED';
  protocol?: PriorProtocol;
  rows: PriorResult[];
}

type Key = { academicYear: string; subject: string; level: StageLevel };
export type PriorResultsEvent = DomainEvent<'PriorResultsRecorded', Key & { protocol: PriorProtocol; rows: PriorResult[] }>;

export type PriorResultsCommand = Key & {
  type: 'RecordPriorResults';
  protocol: PriorProtocol;
  rows: PriorResult[];
  /** The region's academic year today: only past years are recorded. */
  currentYear: string;
  /** Facts the handler read: a stage of that year, subject and level held on the platform (its results are its protocols'). */
  heldOnPlatform: boolean;
};

export const MAX_PRIOR_ROWS = 2_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^(\d{4})\/(\d{4})$/;

const sameRows = (a: readonly PriorResult[], b: readonly PriorResult[]) => JSON.stringify(a) === JSON.stringify(b);

export const priorResultsDecider: Decider<PriorResultsState, PriorResultsCommand, PriorResultsEvent> = {
  streamType: 'priorResults',
  initialState: () => ({ status: 'none', rows: [] }),
  evolve: (_s, e) => ({ status: 'RECORDED', protocol: e.data.protocol, rows: e.data.rows }),
  decide: (c, s) => {
    const m = YEAR.exec(c.academicYear);
    if (!m || Number(m[2]) !== Number(m[1]) + 1) invalid('academicYear', 'must look like 2025/2026');
    if (c.academicYear >= c.currentYear)
      invalid('academicYear', `only a past academic year (before ${c.currentYear}) is recorded: this year's results are the platform's protocols`);
    if (c.heldOnPlatform)
      refuse('HELD_ON_PLATFORM', `the ${c.level} stage of ${c.academicYear} in ${c.subject} was held on the platform: its final protocols are the results`);
    if (!c.protocol.number.trim() || !DATE.test(c.protocol.date)) invalid('protocol', 'the final protocol: its number and date YYYY-MM-DD');
    if (c.rows.length > MAX_PRIOR_ROWS) invalid('rows', `at most ${MAX_PRIOR_ROWS} winners and prize-winners`);
    const { min, max } = LEVEL_GRADES[c.level];
    const seen = new Set<string>();
    c.rows.forEach((r, i) => {
      if (seen.has(r.studentId)) invalid(`rows.${i}.studentId`, `'${r.studentId}' is listed twice`);
      seen.add(r.studentId);
      if (!Number.isInteger(r.grade) || r.grade < min || r.grade > max)
        invalid(`rows.${i}.grade`, `must be a grade the ${c.level} stage takes (${min}–${max})`);
      if (r.status !== 'WINNER' && r.status !== 'PRIZE_WINNER')
        invalid(`rows.${i}.status`, 'must be WINNER or PRIZE_WINNER (participants are not admitted by last year’s result)');
    });
    // In a stable order, so recording the same protocol again changes nothing.
    const rows = [...c.rows].sort((a, b) => (a.studentId < b.studentId ? -1 : 1));
    if (s.status === 'RECORDED' && sameRows(s.rows, rows) && s.protocol?.number === c.protocol.number.trim() && s.protocol.date === c.protocol.date) return [];
    return [
      {
        type: 'PriorResultsRecorded',
        data: { academicYear: c.academicYear, subject: c.subject, level: c.level, protocol: { number: c.protocol.number.trim(), date: c.protocol.date }, rows },
      },
    ];
  },
};
