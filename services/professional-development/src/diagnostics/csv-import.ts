import { DEFAULT_REGION_TIME_ZONE, isIsoDate, todayIn } from '@mms/contracts/dates';
import { ID, readCsvText, RowOutcome, Separator } from '@mms/service-kit/core';
import { COMPETENCE_AREAS, CompetenceArea } from '../competences/competence-areas';
import { DiagnosticResultField, diagnosticResultProblems } from './diagnostic-result.rule';

/** The columns of the diagnostics CSV, documented for the README. */
export const DIAGNOSTICS_CSV_COLUMNS = [
  { column: 'educator_id', meaning: 'id of the educator in the directory' },
  { column: 'area', meaning: `competence area code: ${COMPETENCE_AREAS.join(', ')}` },
  { column: 'score', meaning: 'points scored, a number from 0 to max_score (a decimal comma is accepted with ";")' },
  { column: 'max_score', meaning: 'the most points possible, a number above 0' },
  { column: 'taken_on', meaning: 'date of the diagnostic, YYYY-MM-DD (DD.MM.YYYY is accepted), not in the future, not before 1990' },
] as const;

type Column = (typeof DIAGNOSTICS_CSV_COLUMNS)[number]['column'];
export const DIAGNOSTICS_COLUMNS: readonly Column[] = DIAGNOSTICS_CSV_COLUMNS.map((c) => c.column);

/** Where each field of the rule is in the file. */
const COLUMN_OF: Record<DiagnosticResultField, Column> = { area: 'area', score: 'score', maxScore: 'max_score', takenOn: 'taken_on' };

/** A good line, staged until it is applied (its line number travels beside it: the result id is `importId:line`). */
export interface DiagnosticsCsvRow {
  educatorId: string;
  area: CompetenceArea;
  score: number;
  maxScore: number;
  /** ISO date. */
  takenOn: string;
}

export interface CsvProblem {
  line: number;
  message: string;
}

/**
 * One data line of the diagnostics CSV (its values by column, from the shared CSV reader):
 * the typed row, grouped by educator (each educator's rows go in one commit), or every
 * problem of the line in one message. The values are judged by the same rule as a result
 * entered by hand (diagnostic-result.rule.ts), against the region's day the file arrived.
 */
export const parseDiagnosticsRow = (values: Record<string, string>, separator: Separator, today: string): RowOutcome<DiagnosticsCsvRow> => {
  const raw = (column: Column) => values[column] ?? '';
  const issues: string[] = [];
  const educatorId = raw('educator_id');
  if (!ID.test(educatorId)) issues.push(`educator_id "${educatorId}" is not an id`);

  const score = toNumber(raw('score'), separator);
  const maxScore = toNumber(raw('max_score'), separator);
  const unreadable = new Set<Column>();
  if (score === null) unreadable.add('score');
  if (maxScore === null) unreadable.add('max_score');
  for (const column of unreadable) issues.push(`${column} "${raw(column)}" is not a number`);

  const result = { area: raw('area').toUpperCase(), score: score ?? NaN, maxScore: maxScore ?? NaN, takenOn: toIsoDate(raw('taken_on')) };
  for (const p of diagnosticResultProblems(result, today)) {
    const column = COLUMN_OF[p.field];
    if (!unreadable.has(column)) issues.push(`${column} "${raw(column)}" ${p.message}`);
  }
  if (issues.length) return { problem: issues.join('; ') };
  return { group: educatorId, data: { educatorId, area: result.area as CompetenceArea, score: score!, maxScore: maxScore!, takenOn: result.takenOn } };
};

/**
 * A whole diagnostics CSV held in memory, read as an import reads it line by line (same rule,
 * same words): for tools and tests (the demo data checks its files with it). `today` is the
 * region's day, from the system clock unless given.
 */
export const parseDiagnosticsCsv = (
  text: string,
  today: string = todayIn(DEFAULT_REGION_TIME_ZONE),
): { rows: Array<{ line: number } & DiagnosticsCsvRow>; problems: CsvProblem[] } => {
  const { rows, problems } = readCsvText(text, DIAGNOSTICS_COLUMNS, (values, _line, separator) => parseDiagnosticsRow(values, separator, today));
  return { rows: rows.map((r) => ({ line: r.line, ...r.data })), problems };
};

const toNumber = (text: string, separator: Separator): number | null => {
  // With ";" a Russian-locale spreadsheet writes decimals with a comma: "7,5".
  const normalized = separator === ';' ? text.replace(',', '.') : text;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(normalized)) return null;
  return Number(normalized);
};

/** YYYY-MM-DD, or DD.MM.YYYY as a Russian-locale spreadsheet writes dates (anything else is left for the rule to refuse). */
const toIsoDate = (text: string): string => {
  const russian = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const iso = russian ? `${russian[3]}-${russian[2]}-${russian[1]}` : text;
  return isIsoDate(iso) ? iso : text;
};
