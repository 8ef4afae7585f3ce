import { isIsoDate } from '@mms/contracts/dates';
import { COMPETENCE_AREAS, isCompetenceArea } from '../competences/competence-areas';

/** Earlier than this a diagnostic date is a typo (01.10.0025, 1925 for 2025), not history. */
export const EARLIEST_DIAGNOSTIC_DATE = '1990-01-01';

/** A diagnostic result as a person gives it, by hand or on a line of a file. */
export interface DiagnosticResultValues {
  area: string;
  score: number;
  maxScore: number;
  takenOn: string;
}

export type DiagnosticResultField = keyof DiagnosticResultValues;

export interface DiagnosticResultProblem {
  field: DiagnosticResultField;
  message: string;
}

/**
 * The one rule for a diagnostic result, whichever way it arrives (`recordDiagnosticResult`,
 * every line of an import): a known competence area, a maximum above 0, a score from 0 to
 * the maximum, and a real date that is neither in the region's future (`today`) nor before
 * 1990. Each path names the field its own way (`takenOn`, the column `taken_on`); the words
 * are these. The decider keeps its own guard on the score (it never sees a clock).
 */
export const diagnosticResultProblems = (r: DiagnosticResultValues, today: string): DiagnosticResultProblem[] => {
  const problems: DiagnosticResultProblem[] = [];
  const problem = (field: DiagnosticResultField, message: string) => problems.push({ field, message });
  if (!isCompetenceArea(r.area)) problem('area', `is not a competence area (expected one of ${COMPETENCE_AREAS.join(', ')})`);
  const maxOk = Number.isFinite(r.maxScore) && r.maxScore > 0;
  if (!Number.isFinite(r.maxScore)) problem('maxScore', 'must be a number');
  else if (!maxOk) problem('maxScore', 'must be above 0');
  if (!Number.isFinite(r.score)) problem('score', 'must be a number');
  else if (r.score < 0) problem('score', 'must not be negative');
  else if (maxOk && r.score > r.maxScore) problem('score', `must not be greater than the maximum score (${r.maxScore})`);
  if (!isIsoDate(r.takenOn)) problem('takenOn', 'must be a date as YYYY-MM-DD');
  else if (r.takenOn > today) problem('takenOn', `must not be in the future (today is ${today})`);
  else if (r.takenOn < EARLIEST_DIAGNOSTIC_DATE) problem('takenOn', `must not be before ${EARLIEST_DIAGNOSTIC_DATE}`);
  return problems;
};
