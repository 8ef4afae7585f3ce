import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../clock/clock';
import { Cell, Row, sheetXml, STYLE, workbook } from './__tests__/xlsx-files';
import { formatOf, peek, XLSX_CONTENT_TYPE } from './file-format';
import type { ImportKind } from './import-kind';
import { ImportRecord, MemoryImportStore } from './import-store';
import { Importer, importRecordId } from './importer';

const clock: Clock = { timeZone: 'UTC', now: () => new Date('2026-09-15T09:00:00Z'), today: () => '2026-09-15' };
const caller = { tenantId: 't1', actor: { subject: 'u1', role: 'municipal_methodologist' }, correlationId: 'c1', causationId: null };
const id = (importId: string) => importRecordId('toy', 't1', importId);

/**
 * The toy kind of importer.test.ts (`who;value`, a whole number 0..100, "ghost" is nobody,
 * "late" is refused when applied), keeping what each row was given, to see the values and
 * the format the kind is told.
 */
const toyKind = () => {
  const ledger = new Map<string, Map<number, number>>();
  const seen: Array<{ line: number; values: Record<string, string>; format: string; separator: string }> = [];
  const kind: ImportKind<{ value: number }> = {
    name: 'toy',
    columns: ['who', 'value'],
    authorize: () => caller,
    row: (v, at) => {
      seen.push({ line: at.line, values: v, format: at.format, separator: at.separator });
      const value = Number(v['value']);
      if (!Number.isInteger(value) || value < 0 || value > 100) return { problem: `value "${v['value']}" must be a whole number from 0 to 100` };
      return { group: v['who']!, data: { value } };
    },
    checkGroup: async (who) => (who === 'ghost' ? `${who} is nobody here` : null),
    applyGroup: async (who, rows) => {
      if (who === 'late') return 'late moved away';
      const mine = ledger.get(who) ?? new Map<number, number>();
      for (const r of rows) mine.set(r.line, r.data.value);
      ledger.set(who, mine);
      return null;
    },
  };
  return { kind, ledger, seen };
};

const SMALL = { buckets: 4, stageBatch: 3, problemChunk: 2, parallelGroups: 2, leaseMs: 60_000, retryMs: 1_000 };

/** importer.test.ts's FILE as a worksheet: the same lines at the same numbers (row 6 empty). */
const ROWS: Row[] = [
  ['who', 'value'],
  ['ann', 10],
  ['bob', 20],
  ['ann', 30],
  ['cid', 'x'],
  [],
  ['dan', 40],
  ['ghost', 50],
  ['eve', 101],
  ['bob', 60],
  ['late', 70],
  ['fay', 80],
  ['gus', 90],
  ['ann', 100],
  ['ghost', 1],
  ['hal', 0],
];
const CSV = ROWS.map((r) => (r as Cell[]).join(';')).join('\n');
const VALID_LINES = { ann: [2, 4, 14], bob: [3, 10], dan: [7], fay: [12], gus: [13], hal: [16] };
const EXPECTED_PROBLEMS = [
  { line: 5, message: 'value "x" must be a whole number from 0 to 100' },
  { line: 9, message: 'value "101" must be a whole number from 0 to 100' },
  { line: 8, message: 'ghost is nobody here' },
  { line: 15, message: 'ghost is nobody here' },
  { line: 11, message: 'late moved away' },
];

const ledgerLines = (ledger: Map<string, Map<number, number>>) => Object.fromEntries([...ledger].map(([who, m]) => [who, [...m.keys()].sort((a, b) => a - b)]));
const allProblems = (importer: Importer, record: ImportRecord) => importer.problems(record, 0, record.counts.problems);

/** Bytes in pieces of `size`, as an upload arrives. */
const pieces = (b: Buffer, size: number): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
};

describe('Importer with XLSX workbooks (the first worksheet, a row number for a line)', () => {
  let temp: string;
  beforeEach(() => (temp = mkdtempSync(join(tmpdir(), 'import-spec-'))));
  afterEach(() => {
    // Whatever happened, the upload written down while it was read is gone.
    expect(readdirSync(temp)).toEqual([]);
    rmSync(temp, { recursive: true, force: true });
  });
  const importer = (options: Record<string, unknown> = {}) => new Importer(new MemoryImportStore(), clock, { ...SMALL, tempDir: temp, ...options });

  it('reads, stages, validates and applies a workbook exactly as the same CSV: the same counts, lines, report and groups', async () => {
    const results: unknown[] = [];
    for (const file of [Buffer.from(CSV), workbook(ROWS), workbook(ROWS, { inline: true })]) {
      const imp = importer();
      const toy = toyKind();
      const { record } = await imp.receive(toy.kind, caller, 'i1', pieces(file, 100));
      expect(record).toMatchObject({ status: 'VALIDATING', receivedLines: 14, receivedBytes: file.length, counts: { valid: 12, rejected: 2 } });
      const done = (await imp.run(toy.kind, id('i1')))!;
      expect(done).toMatchObject({ status: 'DONE', counts: { valid: 9, rejected: 5, applied: 9, problems: 5 } });
      expect(ledgerLines(toy.ledger)).toEqual(VALID_LINES);
      expect(await allProblems(imp, done)).toEqual(EXPECTED_PROBLEMS);
      results.push({ format: done.format, told: [...new Set(toy.seen.map((s) => `${s.format}${s.separator}`))] });
    }
    expect(results).toEqual([
      { format: 'csv', told: ['csv;'] },
      { format: 'xlsx', told: ['xlsx;'] },
      { format: 'xlsx', told: ['xlsx;'] },
    ]);
  });

  it("gives the kind the cells' text: header in any order and case, numbers as written, shared and inline strings, dates, empty cells", async () => {
    const imp = importer();
    const toy = toyKind();
    const rows: Row[] = [
      [],
      [' VALUE ', 'Who'],
      [7.5, 'ann'], // a score stays "7.5"
      [c(`<c s="${STYLE.twoDecimals}"><v>7</v></c>`), c('<c t="inlineStr"><is><t>bob</t></is></c>')], // "7", not "7.00"
      [c(`<c s="${STYLE.customDate}"><v>45931</v></c>`), 'cid'], // a date as YYYY-MM-DD
      [null, 'dan'], // an empty cell: a missing value
      { r: 10, cells: [5, 'eve', 'extra'] },
      { r: 12, cells: [c('<c><f>2+3</f><v>5</v></c>'), c('<c t="inlineStr"><is><r><t>f</t></r><r><t>ay</t></r></is></c>')] },
    ];
    const { record } = await imp.receive(toy.kind, caller, 'v', [workbook(rows)]);
    expect(record).toMatchObject({ status: 'VALIDATING', failure: null, format: 'xlsx', receivedLines: 6 });
    expect(toy.seen.map((s) => [s.line, s.values])).toEqual([
      [3, { value: '7.5', who: 'ann' }],
      [4, { value: '7', who: 'bob' }],
      [5, { value: '2025-10-01', who: 'cid' }],
      [12, { value: '5', who: 'fay' }],
    ]);
    const done = (await imp.run(toy.kind, id('v')))!;
    expect(await allProblems(imp, done)).toEqual([
      { line: 3, message: 'value "7.5" must be a whole number from 0 to 100' },
      { line: 5, message: 'value "2025-10-01" must be a whole number from 0 to 100' },
      { line: 6, message: 'missing value(s): value' },
      { line: 10, message: 'too many columns: expected 2, got 3' },
    ]);
    expect(ledgerLines(toy.ledger)).toEqual({ bob: [4], fay: [12] });
  });

  it('a bad header or an empty worksheet: refused whole (FAILED), the problem at its row', async () => {
    const imp = importer();
    const toy = toyKind();
    await imp.receive(toy.kind, caller, 'h', [workbook([[], [], ['name', 'value'], ['ann', 1]])]);
    const failed = (await imp.run(toy.kind, id('h')))!;
    expect(failed).toMatchObject({ status: 'FAILED', failure: { code: 'BAD_HEADER' }, counts: { applied: 0, problems: 1 } });
    expect(await allProblems(imp, failed)).toEqual([
      { line: 3, message: 'bad header (missing column(s): who; unknown column(s): "name"); expected who;value' },
    ]);
    await imp.receive(toy.kind, caller, 'e', [workbook([[], [null, null]])]);
    expect(await imp.run(toy.kind, id('e'))).toMatchObject({ status: 'FAILED', failure: { code: 'EMPTY_FILE' } });
    expect(toy.ledger.size).toBe(0);
  });

  it('the same workbook again is a re-run (by its bytes, however they arrive); another workbook under the id is refused', async () => {
    const imp = importer();
    const toy = toyKind();
    const file = workbook(ROWS);
    await imp.receive(toy.kind, caller, 'i1', [file]);
    await imp.run(toy.kind, id('i1'));
    const again = await imp.receive(toy.kind, caller, 'i1', pieces(file, 7));
    expect(again).toMatchObject({ rerun: true, record: { status: 'DONE' } });
    const other = workbook(ROWS.map((r) => (Array.isArray(r) && r[0] === 'ann' && r[1] === 10 ? ['ann', 11] : r)));
    await expect(imp.receive(toy.kind, caller, 'i1', [other])).rejects.toMatchObject({ code: 'IMPORT_ID_REUSED' });
  });

  it('tells XLSX by its content whatever it is called; refuses a file said to be XLSX that is not, an encrypted one, a broken one', async () => {
    const imp = importer();
    const toy = toyKind();
    const store = imp.store as MemoryImportStore;
    // A workbook sent as text/csv, named .csv: read as a workbook.
    const { record } = await imp.receive(toy.kind, caller, 'a', [workbook(ROWS)], { file: { name: 'scores.csv', contentType: 'text/csv' } });
    expect(record).toMatchObject({ format: 'xlsx', receivedLines: 14 });
    // A CSV sent as a .csv with the XLSX type of a careless client is refused, not guessed at.
    const refusals: Array<[string, Buffer, object | undefined, RegExp]> = [
      ['b', Buffer.from(CSV), { name: 'scores.xlsx' }, /said to be XLSX but is not one/],
      ['c', Buffer.from(CSV), { contentType: XLSX_CONTENT_TYPE }, /said to be XLSX but is not one/],
      ['d', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), undefined, /password-protected \(encrypted\) workbook or an old Excel 97-2003 \.xls/],
      ['e', workbook(ROWS, { encrypted: true }), undefined, /the workbook is encrypted/],
      ['f', workbook(ROWS, { omit: ['xl/workbook.xml'] }), undefined, /no workbook part/],
      ['g', workbook(ROWS).subarray(0, 200), undefined, /cannot be read as a zip archive/],
    ];
    for (const [importId, file, info, message] of refusals) {
      const err = await imp.receive(toy.kind, caller, importId, [file], { file: info }).then(
        () => null,
        (e: unknown) => e,
      );
      expect([importId, err]).toEqual([importId, expect.objectContaining({ code: 'BAD_FILE', message: expect.stringMatching(message) })]);
      expect([importId, await store.get(id(importId))]).toEqual([
        importId,
        expect.objectContaining({ status: 'FAILED', failure: expect.objectContaining({ code: 'BAD_FILE' }) }),
      ]);
    }
    // A plain CSV stays a CSV, whatever it is called.
    const csv = await imp.receive(toy.kind, caller, 'h', [CSV], { file: { name: 'x.txt', contentType: 'application/vnd.ms-excel' } });
    expect(csv.record).toMatchObject({ format: 'csv', receivedLines: 14 });
    // A refused file's id is free again.
    expect((await imp.receive(toy.kind, caller, 'b', [workbook(ROWS)])).record).toMatchObject({ status: 'VALIDATING', format: 'xlsx' });
  });

  it('a worksheet broken after thousands of rows were staged: refused whole, nothing of it kept, its id free again', async () => {
    const imp = importer({ stageBatch: 100 });
    const toy = toyKind();
    const store = imp.store as MemoryImportStore;
    const many: Row[] = [['who', 'value'], ...Array.from({ length: 20_000 }, (_, i): Row => [`p${i % 50}`, i % 101])];
    const broken = sheetXml(many, { inline: true }).replace('</sheetData>', '<row r="20002"><c r="A20002"><v>1</v></row></sheetData>');
    await expect(imp.receive(toy.kind, caller, 'x', [workbook(many, { sheetXml: broken })])).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringMatching(/not well-formed XML/),
    });
    expect(toy.seen.length).toBeGreaterThan(100); // rows were staged before the break was found
    expect(await store.get(id('x'))).toMatchObject({ status: 'FAILED', failure: { code: 'BAD_FILE' }, owner: null });
    expect(store.rowChunks.size).toBe(0);
    expect(toy.ledger.size).toBe(0);
    expect((await imp.receive(toy.kind, caller, 'x', [workbook(ROWS)])).record).toMatchObject({ status: 'VALIDATING', receivedLines: 14 });
  });

  it('limits: the file size while it is written down, the rows, the worksheet unpacked; an upload cut off', async () => {
    const toy = toyKind();
    const file = workbook(ROWS);
    await expect(importer({ maxBytes: file.length - 1 }).receive(toy.kind, caller, 'b', pieces(file, 100))).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(importer({ maxLines: 13 }).receive(toy.kind, caller, 'l', [file])).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(/more than 13 lines/),
    });
    await expect(importer({ maxUnpackedBytes: 1000 }).receive(toy.kind, caller, 'u', [file])).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(/the worksheet unpacks to \d+ bytes, more than 1000/),
    });
    async function* cutOff() {
      yield file.subarray(0, 300);
      throw new Error('aborted');
    }
    const imp = importer();
    await expect(imp.receive(toy.kind, caller, 'cut', cutOff())).rejects.toMatchObject({ code: 'UPLOAD_INTERRUPTED' });
    expect(await imp.store.get(id('cut'))).toMatchObject({ status: 'FAILED', failure: { code: 'UPLOAD_INTERRUPTED' }, format: 'xlsx' });
    expect(toy.ledger.size).toBe(0);
  });

  it('takes a workbook of 100,000 rows through: every row staged, checked and applied, problems at their rows', async () => {
    const imp = importer({ buckets: 16, stageBatch: 2_000, problemChunk: 500, parallelGroups: 8 });
    const toy = toyKind();
    function* rows(): Generator<Row> {
      yield ['who', 'value'];
      for (let i = 1; i <= 100_000; i++) yield [`educator-${i % 1_000}`, i % 5_000 === 0 ? 'n/a' : i % 101];
    }
    const file = workbook(rows());
    const { record } = await imp.receive(toy.kind, caller, 'big', pieces(file, 64 * 1024));
    expect(record).toMatchObject({ status: 'VALIDATING', format: 'xlsx', receivedLines: 100_000, counts: { valid: 99_980, rejected: 20 } });
    const done = (await imp.run(toy.kind, id('big')))!;
    expect(done).toMatchObject({ status: 'DONE', counts: { applied: 99_980, rejected: 20, problems: 20 } });
    const problems = await allProblems(imp, done);
    expect(problems[0]).toEqual({ line: 5_001, message: 'value "n/a" must be a whole number from 0 to 100' });
    expect(problems.at(-1)!.line).toBe(100_001);
    expect(toy.ledger.size).toBe(1_000);
    expect(toy.ledger.get('educator-7')!.get(8)).toBe(7); // row 8 holds the 7th record
  });
});

describe('telling CSV from XLSX', () => {
  it('looks at the first bytes, then at what the sender says', () => {
    const xlsx = workbook([['a']]);
    expect(formatOf(xlsx.subarray(0, 8))).toBe('xlsx');
    expect(formatOf(Buffer.from('who;value'), { name: 'a.XLSX' })).toEqual({ problem: expect.stringMatching(/not one/) });
    expect(formatOf(Buffer.from('who;value'), { name: 'a.csv', contentType: 'text/csv' })).toBe('csv');
    expect(formatOf(Buffer.alloc(0), { name: 'a.xlsx' })).toBe('csv'); // nothing at all: the empty-file rule says so
  });

  it('peeks at a source without losing or changing what it gives', async () => {
    const { head, source } = await peek(['w', Buffer.from('ho;'), 'value\n'], 5);
    expect(Buffer.from(head).toString()).toBe('who;v');
    const all: Array<Uint8Array | string> = [];
    for await (const c of source) all.push(c);
    expect(all).toEqual(['w', Buffer.from('ho;'), 'value\n']);
  });
});

function c(xml: string): Cell {
  return { xml };
}
