import { MemoryImportStore } from '@mms/service-kit/core';
import { as, memoryDeps } from '../pd.in-memory';
import { DIAGNOSTICS_CSV_COLUMNS, parseDiagnosticsCsv, parseDiagnosticsRow } from './csv-import';
import { diagnosticsImportKind } from './diagnostic-import.kind';

const HEADER = 'educator_id;area;score;max_score;taken_on';
const TODAY = '2026-09-15';
const csv = (...lines: string[]) => lines.join('\n');

/** A file through the shared reader and this kind's rows (the import's receiving step): rows staged and the report. */
const read = async (text: string) => {
  const { d } = memoryDeps();
  const kind = diagnosticsImportKind(d);
  const { record } = await d.imports.receive(kind, kind.authorize(as('municipal_methodologist')), 'i1', [text]);
  const store = d.imports.store as MemoryImportStore;
  const rows = [...store.rowChunks.values()]
    .flatMap((c) => c.rows)
    .sort((a, b) => a.line - b.line)
    .map((r) => ({ line: r.line, ...(r.data as object) }));
  return { rows, problems: await d.imports.problems(record, 0, record.counts.problems), record };
};

describe('the diagnostics CSV', () => {
  it('reads good rows with their line numbers', async () => {
    const result = await read(csv(HEADER, 'e1;DIGITAL;5;10;2025-10-01', 'e2;SUBJECT;18;20;2025-10-02'));
    expect(result.rows).toEqual([
      { line: 2, educatorId: 'e1', area: 'DIGITAL', score: 5, maxScore: 10, takenOn: '2025-10-01' },
      { line: 3, educatorId: 'e2', area: 'SUBJECT', score: 18, maxScore: 20, takenOn: '2025-10-02' },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('accepts a comma separator, a BOM, CRLF, blank lines and spaces around values', async () => {
    const text =
      '\uFEFFeducator_id, area, score, max_score, taken_on\r\n\r\n e1 , digital , 5 , 10 , 2025-10-01 \r\n   \r\ne2,ASSESSMENT,7.5,10,2025-10-02\r\n';
    const { rows, problems } = await read(text);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 3, educatorId: 'e1', area: 'DIGITAL', score: 5, maxScore: 10, takenOn: '2025-10-01' },
      { line: 5, educatorId: 'e2', area: 'ASSESSMENT', score: 7.5, maxScore: 10, takenOn: '2025-10-02' },
    ]);
  });

  it('accepts what a Russian-locale spreadsheet writes: quotes, decimal comma, DD.MM.YYYY', async () => {
    const { rows, problems } = await read(csv(HEADER, '"e1";"INCLUSIVE";"7,5";"10";"01.10.2025"'));
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ line: 2, educatorId: 'e1', area: 'INCLUSIVE', score: 7.5, maxScore: 10, takenOn: '2025-10-01' }]);
  });

  it('accepts the columns in any order', async () => {
    const { rows } = await read(csv('taken_on;educator_id;max_score;area;score', '2025-10-01;e1;10;DIGITAL;4'));
    expect(rows).toEqual([{ line: 2, educatorId: 'e1', area: 'DIGITAL', score: 4, maxScore: 10, takenOn: '2025-10-01' }]);
  });

  it('reports each bad row with its line and every reason, keeping the good ones', async () => {
    const { rows, problems } = await read(
      csv(
        HEADER,
        'e1;COOKING;5;10;2025-10-01',
        'e1;DIGITAL;five;10;2025-10-01',
        'e1;DIGITAL;12;10;2025-10-01',
        'e1;DIGITAL;5;10;2025-02-30',
        'e1;DIGITAL;5;10',
        'e1;DIGITAL;;10;2025-10-01',
        'e1;DIGITAL;5;10;2025-10-01;extra',
        'e1;DIGITAL;-1;0;2025-10-01',
        'e1;DIGITAL;5;10;2025-10-01',
        'e1;DIGITAL;5;x;yesterday',
        'e1;DIGITAL;5;10;2099-01-01',
        'e1;DIGITAL;5;10;01.10.0025',
        'e 1;DIGITAL;5;10;2025-10-01',
      ),
    );
    expect(rows.map((r) => r.line)).toEqual([10]);
    expect(problems).toEqual([
      { line: 2, message: expect.stringContaining('area "COOKING" is not a competence area (expected one of SUBJECT, ') },
      { line: 3, message: 'score "five" is not a number' },
      { line: 4, message: 'score "12" must not be greater than the maximum score (10)' },
      { line: 5, message: 'taken_on "2025-02-30" must be a date as YYYY-MM-DD' },
      { line: 6, message: 'missing value(s): taken_on' },
      { line: 7, message: 'missing value(s): score' },
      { line: 8, message: 'too many columns: expected 5, got 6' },
      { line: 9, message: 'max_score "0" must be above 0; score "-1" must not be negative' },
      { line: 11, message: 'max_score "x" is not a number; taken_on "yesterday" must be a date as YYYY-MM-DD' },
      { line: 12, message: 'taken_on "2099-01-01" must not be in the future (today is 2026-09-15)' },
      { line: 13, message: 'taken_on "01.10.0025" must not be before 1990-01-01' },
      { line: 14, message: 'educator_id "e 1" is not an id' },
    ]);
  });

  it('a bad header refuses the file: one problem at its line and no rows', async () => {
    for (const header of [
      'educator;area;score;max_score;taken_on',
      'educator_id;area;score;max_score',
      'educator_id;area;area;score;max_score;taken_on',
      'e1;DIGITAL;5;10;2025-10-01',
    ]) {
      const result = await read(csv(header, 'e1;DIGITAL;5;10;2025-10-01'));
      expect(result.rows).toEqual([]);
      expect(result.record.failure?.code).toBe('BAD_HEADER');
      expect(result.problems).toEqual([{ line: 1, message: expect.stringMatching(/^bad header .*expected educator_id;area;score;max_score;taken_on$/) }]);
    }
    expect((await read(csv('educator_id;area;score;max_score', 'x'))).problems[0]?.message).toContain('missing column(s): taken_on');
  });

  it('an empty file is one problem at line 1', async () => {
    expect((await read('')).problems).toEqual([{ line: 1, message: 'the file is empty: expected a header line' }]);
    expect((await read('\uFEFF\n  \n')).record.failure?.code).toBe('EMPTY_FILE');
  });

  it('a header alone gives no rows and no problems', async () => {
    const r = await read(HEADER + '\n');
    expect([r.rows, r.problems, r.record.failure]).toEqual([[], [], null]);
  });
});

describe('parseDiagnosticsCsv (a whole file in memory, for tools and tests)', () => {
  it('reads exactly what the import reads, line by line', async () => {
    for (const text of [
      csv(HEADER, 'e1;DIGITAL;5;10;2025-10-01', '', '"e2";"SUBJECT";"7,5";"10";"01.10.2025"', 'e1;COOKING;x;10;2099-01-01', 'e1;DIGITAL;5'),
      '\r\n' + csv('taken_on,educator_id,max_score,area,score', '2025-10-01,e1,10,DIGITAL,4'),
      csv('who;what', 'x;y'),
      '',
    ]) {
      const imported = await read(text);
      expect(parseDiagnosticsCsv(text, TODAY)).toEqual({ rows: imported.rows, problems: imported.problems });
    }
  });
});

describe('parseDiagnosticsRow', () => {
  const values = { educator_id: 'e1', area: 'digital', score: '7,5', max_score: '10', taken_on: '15.09.2026' };

  it('groups a good row by its educator, the day of arrival included', () => {
    expect(parseDiagnosticsRow(values, ';', TODAY)).toEqual({
      group: 'e1',
      data: { educatorId: 'e1', area: 'DIGITAL', score: 7.5, maxScore: 10, takenOn: '2026-09-15' },
    });
  });

  it('a decimal comma only with ";" (with "," it would have split the value)', () => {
    expect(parseDiagnosticsRow(values, ',', TODAY)).toEqual({ problem: 'score "7,5" is not a number' });
  });
});

describe('DIAGNOSTICS_CSV_COLUMNS', () => {
  it('describes every column of the header, in order', () => {
    expect(DIAGNOSTICS_CSV_COLUMNS.map((c) => c.column).join(';')).toBe(HEADER);
    for (const c of DIAGNOSTICS_CSV_COLUMNS) expect(c.meaning).not.toBe('');
  });
});
