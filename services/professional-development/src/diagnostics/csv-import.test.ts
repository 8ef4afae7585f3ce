import { DIAGNOSTICS_CSV_COLUMNS, groupByEducator, parseDiagnosticsCsv } from './csv-import';

const HEADER = 'educator_id;area;score;max_score;taken_on';
const csv = (...lines: string[]) => lines.join('\n');

describe('parseDiagnosticsCsv', () => {
  it('reads good rows with their line numbers', () => {
    const result = parseDiagnosticsCsv(csv(HEADER, 'e1;DIGITAL;5;10;2025-10-01', 'e2;SUBJECT;18;20;2025-10-02'));
    expect(result).toEqual({
      rows: [
        { line: 2, educatorId: 'e1', area: 'DIGITAL', score: 5, maxScore: 10, takenOn: '2025-10-01' },
        { line: 3, educatorId: 'e2', area: 'SUBJECT', score: 18, maxScore: 20, takenOn: '2025-10-02' },
      ],
      problems: [],
    });
  });

  it('accepts a comma separator, a BOM, CRLF, blank lines and spaces around values', () => {
    const text =
      '\uFEFFeducator_id, area, score, max_score, taken_on\r\n\r\n e1 , digital , 5 , 10 , 2025-10-01 \r\n   \r\ne2,ASSESSMENT,7.5,10,2025-10-02\r\n';
    const { rows, problems } = parseDiagnosticsCsv(text);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 3, educatorId: 'e1', area: 'DIGITAL', score: 5, maxScore: 10, takenOn: '2025-10-01' },
      { line: 5, educatorId: 'e2', area: 'ASSESSMENT', score: 7.5, maxScore: 10, takenOn: '2025-10-02' },
    ]);
  });

  it('accepts what a Russian-locale spreadsheet writes: quotes, decimal comma, DD.MM.YYYY', () => {
    const { rows, problems } = parseDiagnosticsCsv(csv(HEADER, '"e1";"INCLUSIVE";"7,5";"10";"01.10.2025"'));
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ line: 2, educatorId: 'e1', area: 'INCLUSIVE', score: 7.5, maxScore: 10, takenOn: '2025-10-01' }]);
  });

  it('accepts the columns in any order', () => {
    const { rows } = parseDiagnosticsCsv(csv('taken_on;educator_id;max_score;area;score', '2025-10-01;e1;10;DIGITAL;4'));
    expect(rows).toEqual([{ line: 2, educatorId: 'e1', area: 'DIGITAL', score: 4, maxScore: 10, takenOn: '2025-10-01' }]);
  });

  it('reports each bad row with its line and reason, keeping the good ones', () => {
    const { rows, problems } = parseDiagnosticsCsv(
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
      ),
    );
    expect(rows.map((r) => r.line)).toEqual([10]);
    expect(problems).toEqual([
      { line: 2, message: expect.stringContaining('unknown area "COOKING"') },
      { line: 3, message: 'score "five" is not a number' },
      { line: 4, message: 'score 12 is greater than max_score 10' },
      { line: 5, message: 'taken_on "2025-02-30" is not a date (expected YYYY-MM-DD)' },
      { line: 6, message: 'missing value(s): taken_on' },
      { line: 7, message: 'missing value(s): score' },
      { line: 8, message: 'too many columns: expected 5, got 6' },
      { line: 9, message: 'score -1 is negative; max_score 0 must be above 0' },
      { line: 11, message: 'max_score "x" is not a number; taken_on "yesterday" is not a date (expected YYYY-MM-DD)' },
    ]);
  });

  it('a bad header is one problem at line 1 and no rows', () => {
    for (const header of [
      'educator;area;score;max_score;taken_on',
      'educator_id;area;score;max_score',
      'educator_id;area;area;score;max_score;taken_on',
      'e1;DIGITAL;5;10;2025-10-01',
    ]) {
      const result = parseDiagnosticsCsv(csv(header, 'e1;DIGITAL;5;10;2025-10-01'));
      expect(result.rows).toEqual([]);
      expect(result.problems).toEqual([{ line: 1, message: expect.stringMatching(/^bad header .*expected educator_id;area;score;max_score;taken_on$/) }]);
    }
    expect(parseDiagnosticsCsv(csv('educator_id;area;score;max_score', 'x')).problems[0]?.message).toContain('missing column(s): taken_on');
  });

  it('an empty file is one problem at line 1', () => {
    expect(parseDiagnosticsCsv('')).toEqual({ rows: [], problems: [{ line: 1, message: 'the file is empty: expected a header line' }] });
    expect(parseDiagnosticsCsv('\uFEFF\n  \n').problems).toHaveLength(1);
  });

  it('a header alone gives no rows and no problems', () => {
    expect(parseDiagnosticsCsv(HEADER + '\n')).toEqual({ rows: [], problems: [] });
  });
});

describe('groupByEducator', () => {
  it('groups rows by educator in the order they first appear', () => {
    const { rows } = parseDiagnosticsCsv(csv(HEADER, 'e2;DIGITAL;5;10;2025-10-01', 'e1;SUBJECT;5;10;2025-10-01', 'e2;SUBJECT;9;10;2025-10-01'));
    expect(groupByEducator(rows).map((g) => [g.educatorId, g.rows.map((r) => r.line)])).toEqual([
      ['e2', [2, 4]],
      ['e1', [3]],
    ]);
    expect(groupByEducator([])).toEqual([]);
  });
});

describe('DIAGNOSTICS_CSV_COLUMNS', () => {
  it('describes every column of the header, in order', () => {
    expect(DIAGNOSTICS_CSV_COLUMNS.map((c) => c.column).join(';')).toBe(HEADER);
    for (const c of DIAGNOSTICS_CSV_COLUMNS) expect(c.meaning).not.toBe('');
  });
});
