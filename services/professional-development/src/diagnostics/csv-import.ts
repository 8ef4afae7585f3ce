import { COMPETENCE_AREAS, CompetenceArea, isCompetenceArea } from '../competences/competence-areas';
import { isIsoDate } from '@mms/contracts/dates';

/** The columns of the diagnostics CSV, documented for the README. */
export const DIAGNOSTICS_CSV_COLUMNS = [
  { column: 'educator_id', meaning: 'id of the educator in the directory' },
  { column: 'area', meaning: `competence area code: ${COMPETENCE_AREAS.join(', ')}` },
  { column: 'score', meaning: 'points scored, a number from 0 to max_score (a decimal comma is accepted with ";")' },
  { column: 'max_score', meaning: 'the most points possible, a number above 0' },
  { column: 'taken_on', meaning: 'date of the diagnostic, YYYY-MM-DD (DD.MM.YYYY is accepted)' },
] as const;

type Column = (typeof DIAGNOSTICS_CSV_COLUMNS)[number]['column'];
const COLUMNS: Column[] = DIAGNOSTICS_CSV_COLUMNS.map((c) => c.column);

export interface DiagnosticsCsvRow {
  /** 1-based line number in the file: part of the resultId, so a re-run adds nothing twice. */
  line: number;
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

export interface DiagnosticsCsvParse {
  rows: DiagnosticsCsvRow[];
  problems: CsvProblem[];
}

/**
 * Validates every line before anything is recorded: good rows come back typed, each bad
 * row as one problem naming all that is wrong with it. A bad header makes the file
 * unreadable, so it is the only problem reported.
 */
export const parseDiagnosticsCsv = (text: string): DiagnosticsCsvParse => {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  const header = lines[headerIndex];
  if (header === undefined) return { rows: [], problems: [{ line: 1, message: 'the file is empty: expected a header line' }] };
  const headerLine = headerIndex + 1;

  // Excel in a Russian locale writes ";", most other tools ",".
  const separator = header.includes(';') ? ';' : ',';
  const names = splitCells(header, separator).map((n) => n.toLowerCase());
  const headerProblem = checkHeader(names);
  if (headerProblem) return { rows: [], problems: [{ line: headerLine, message: headerProblem }] };

  const rows: DiagnosticsCsvRow[] = [];
  const problems: CsvProblem[] = [];
  lines.forEach((text, index) => {
    if (index <= headerIndex || text.trim() === '') return;
    const line = index + 1;
    const result = parseRow(splitCells(text, separator), names as Column[], separator, line);
    if (typeof result === 'string') problems.push({ line, message: result });
    else rows.push(result);
  });
  return { rows, problems };
};

/** Each educator's rows are appended in one commit (DESIGN.md, "CSV import"); order of first appearance. */
export const groupByEducator = (rows: DiagnosticsCsvRow[]): Array<{ educatorId: string; rows: DiagnosticsCsvRow[] }> => {
  const groups = new Map<string, DiagnosticsCsvRow[]>();
  for (const row of rows) groups.set(row.educatorId, [...(groups.get(row.educatorId) ?? []), row]);
  return [...groups].map(([educatorId, rows]) => ({ educatorId, rows }));
};

const expectedHeader = COLUMNS.join(';');

const checkHeader = (names: string[]): string | null => {
  const missing = COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(COLUMNS as string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const issues = [
    missing.length ? `missing column(s): ${missing.join(', ')}` : '',
    unknown.length ? `unknown column(s): ${unknown.map((n) => `"${n}"`).join(', ')}` : '',
    repeated.length ? `repeated column(s): ${repeated.join(', ')}` : '',
  ].filter(Boolean);
  return issues.length ? `bad header (${issues.join('; ')}); expected ${expectedHeader}` : null;
};

const parseRow = (cells: string[], names: Column[], separator: string, line: number): DiagnosticsCsvRow | string => {
  if (cells.length > names.length) return `too many columns: expected ${names.length}, got ${cells.length}`;
  const value = (column: Column) => cells[names.indexOf(column)] ?? '';
  const missing = names.filter((_, i) => (cells[i] ?? '') === '');
  if (missing.length) return `missing value(s): ${missing.join(', ')}`;

  const issues: string[] = [];
  const educatorId = value('educator_id');
  const area = value('area').toUpperCase();
  if (!isCompetenceArea(area)) issues.push(`unknown area "${value('area')}" (expected one of ${COMPETENCE_AREAS.join(', ')})`);
  const score = toNumber(value('score'), separator);
  const maxScore = toNumber(value('max_score'), separator);
  if (score === null) issues.push(`score "${value('score')}" is not a number`);
  else if (score < 0) issues.push(`score ${score} is negative`);
  if (maxScore === null) issues.push(`max_score "${value('max_score')}" is not a number`);
  else if (maxScore <= 0) issues.push(`max_score ${maxScore} must be above 0`);
  if (score !== null && maxScore !== null && maxScore > 0 && score > maxScore) {
    issues.push(`score ${score} is greater than max_score ${maxScore}`);
  }
  const takenOn = toIsoDate(value('taken_on'));
  if (takenOn === null) issues.push(`taken_on "${value('taken_on')}" is not a date (expected YYYY-MM-DD)`);

  if (issues.length || !isCompetenceArea(area) || score === null || maxScore === null || takenOn === null) return issues.join('; ');
  return { line, educatorId, area, score, maxScore, takenOn };
};

/** Trimmed cells; a value wrapped in double quotes (as spreadsheets export it) is unwrapped. */
const splitCells = (text: string, separator: string): string[] =>
  text.split(separator).map((cell) => {
    const trimmed = cell.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
  });

const toNumber = (text: string, separator: string): number | null => {
  // With ";" a Russian-locale spreadsheet writes decimals with a comma: "7,5".
  const normalized = separator === ';' ? text.replace(',', '.') : text;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(normalized)) return null;
  return Number(normalized);
};

/** YYYY-MM-DD, or DD.MM.YYYY as a Russian-locale spreadsheet writes dates. */
const toIsoDate = (text: string): string | null => {
  const russian = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const iso = russian ? `${russian[3]}-${russian[2]}-${russian[1]}` : text;
  return isIsoDate(iso) ? iso : null;
};
