import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cell, Row, sheetXml, STYLE, workbook, WorkbookOptions, zip } from './__tests__/xlsx-files';
import { isDateFormat, readXlsxRows, serialToIsoDate, SheetRow, XlsxError, XlsxLimits, XlsxTooLarge } from './xlsx';

const LIMITS: XlsxLimits = { maxRowBytes: 8 * 1024, maxSheetBytes: 64 * 1024 * 1024, maxSharedStringsBytes: 16 * 1024 * 1024 };

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'xlsx-spec-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const read = async (file: Buffer, limits: Partial<XlsxLimits> = {}): Promise<SheetRow[]> => {
  const path = join(dir, `f${++n}.xlsx`);
  writeFileSync(path, file);
  const rows: SheetRow[] = [];
  for await (const row of readXlsxRows(path, { ...LIMITS, ...limits })) rows.push(row);
  return rows;
};

const rowsOf = (rows: Row[], opts: WorkbookOptions = {}) => read(workbook(rows, opts));
const c = (xml: string): Cell => ({ xml });

describe('reading an XLSX worksheet', () => {
  it('gives each row its cells as text, numbered as in the sheet: shared and inline strings, numbers as written, empty cells ""', async () => {
    const rows = await rowsOf([
      ['educator_id', 'area', 'score', 'max_score', 'taken_on'],
      ['e1', 'DIGITAL', 7.5, 10, c(`<c s="${STYLE.date}"><v>45931</v></c>`)],
      ['  e2  ', null, 7, 10.25, c(`<c s="${STYLE.customDate}"><v>45932.75</v></c>`)],
      [],
      {
        r: 7,
        cells: [c('<c t="inlineStr"><is><t>e3</t></is></c>'), c('<c t="inlineStr"><is><r><rPr><b/></rPr><t>DIG</t></r><r><t>ITAL</t></r></is></c>'), 0, 1e-7],
      },
      { r: 9, cells: [null, null, 'x', null, null, c('<c s="0"/>')] },
    ]);
    expect(rows).toEqual([
      { number: 1, cells: ['educator_id', 'area', 'score', 'max_score', 'taken_on'] },
      { number: 2, cells: ['e1', 'DIGITAL', '7.5', '10', '2025-10-01'] },
      { number: 3, cells: ['e2', '', '7', '10.25', '2025-10-02'] },
      { number: 4, cells: [] },
      { number: 7, cells: ['e3', 'DIGITAL', '0', '1e-7'] },
      { number: 9, cells: ['', '', 'x'] },
    ]);
  });

  it('reads the same with every string inline, and from a sheet whose XML uses a namespace prefix', async () => {
    const rows: Row[] = [
      ['who', 'value'],
      ['ann', 1],
    ];
    expect(await rowsOf(rows, { inline: true })).toEqual([
      { number: 1, cells: ['who', 'value'] },
      { number: 2, cells: ['ann', '1'] },
    ]);
    const prefixed =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>who</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>value</x:t></x:is></x:c></x:row>' +
      '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t><![CDATA[a&b]]></x:t></x:is></x:c><x:c r="B2"><x:v>3</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    expect(await rowsOf([], { sheetXml: prefixed })).toEqual([
      { number: 1, cells: ['who', 'value'] },
      { number: 2, cells: ['a&b', '3'] },
    ]);
  });

  it("takes numbers as written, not as formatted; a formula's cached result; booleans, error values and ISO date cells", async () => {
    const rows = await rowsOf([
      [
        c(`<c s="${STYLE.twoDecimals}"><v>7.5</v></c>`), // shown as 7.50
        c('<c><v>0.10000000000000001</v></c>'), // how Excel 2007 wrote 0.1
        c('<c><f>A1*2</f><v>15</v></c>'),
        c('<c t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'),
        true,
        false,
        c('<c t="e"><v>#N/A</v></c>'),
        c('<c t="d"><v>2025-10-01T00:00:00</v></c>'),
        c(`<c s="${STYLE.time}"><v>0.5</v></c>`), // a time alone is no date
        c('<c><v>-0</v></c>'),
      ],
    ]);
    expect(rows).toEqual([{ number: 1, cells: ['7.5', '0.1', '15', 'ab', 'TRUE', 'FALSE', '#N/A', '2025-10-01', '0.5', '0'] }]);
  });

  it('reads dates of a workbook on the 1904 date system', async () => {
    expect(await rowsOf([[c(`<c s="${STYLE.date}"><v>44469</v></c>`)]], { date1904: true })).toEqual([{ number: 1, cells: ['2025-10-01'] }]);
  });

  it('skips rich-text phonetic hints and takes the first visible worksheet (not a hidden one, not a chart)', async () => {
    const phonetic = c('<c t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></is></c>');
    expect(await rowsOf([[phonetic, 'x']], { before: ['hidden', 'chart'] })).toEqual([{ number: 1, cells: ['漢字', 'x'] }]);
  });

  it('reports a row longer than the limit by its number, and goes on', async () => {
    const limited = await read(
      workbook([
        ['a', 'b'],
        ['x'.repeat(30), 'y'.repeat(30)],
        ['c', 'd'],
      ]),
      { maxRowBytes: 40 },
    );
    expect(limited).toEqual([
      { number: 1, cells: ['a', 'b'] },
      { number: 2, problem: 'the row is longer than 40 bytes' },
      { number: 3, cells: ['c', 'd'] },
    ]);
  });

  describe('refuses a file that is no readable workbook (XlsxError)', () => {
    const refused = async (file: Buffer, message: RegExp) => {
      const err = await read(file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(XlsxError);
      expect((err as Error).message).toMatch(message);
    };

    it('not a zip, a cut-off zip, a zip of something else, an encrypted entry', async () => {
      await refused(Buffer.from('who;value\nann;1\n'), /cannot be read as a zip archive/);
      const whole = workbook([['who'], ['ann']]);
      await refused(whole.subarray(0, whole.length - 30), /cannot be read as a zip archive/);
      await refused(zip([{ name: 'readme.txt', data: 'hello' }]), /no workbook part/);
      await refused(workbook([['who']], { encrypted: true }), /encrypted/);
    });

    it('a workbook without a worksheet, or with a binary (.xlsb) one', async () => {
      await refused(workbook([['who']], { omit: ['xl/worksheets/sheet1.xml'] }), /no worksheet/);
      const xlsb = zip([
        {
          name: '_rels/.rels',
          data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
        },
        { name: 'xl/workbook.bin', data: Buffer.from([1, 2, 3]) },
      ]);
      await refused(xlsb, /\.xlsb/);
    });

    it('broken XML, a shared string that is not there, rows out of order; rows read before may have been handed on', async () => {
      const many: Row[] = Array.from({ length: 20_000 }, (_, i) => [`r${i + 1}`]);
      const broken = sheetXml(many, { inline: true }).replace('</sheetData>', '<row r="20001"><c r="A20001"><v>1</v></row></sheetData>');
      const seen: SheetRow[] = [];
      const path = join(dir, 'broken.xlsx');
      writeFileSync(path, workbook([], { sheetXml: broken }));
      await expect(
        (async () => {
          for await (const row of readXlsxRows(path, LIMITS)) seen.push(row);
        })(),
      ).rejects.toThrow(/not well-formed XML/);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.length).toBeLessThan(20_000);
      expect(seen[0]).toEqual({ number: 1, cells: ['r1'] });
      await refused(workbook([[c('<c t="s"><v>7</v></c>')]]), /shared string "7"/);
      await refused(
        workbook([
          { r: 5, cells: ['a'] },
          { r: 3, cells: ['b'] },
        ]),
        /out of order/,
      );
      await refused(
        workbook([], { sheetXml: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&bogus;</t></is></c></row></sheetData></worksheet>' }),
        /XML/,
      );
    });

    it('a part that unpacks past the limits (a zip bomb) is XlsxTooLarge, before it is read', async () => {
      const rows: Row[] = Array.from({ length: 2000 }, (_, i) => [`name ${i}`, i]);
      await expect(read(workbook(rows), { maxSheetBytes: 10_000 })).rejects.toThrow(XlsxTooLarge);
      await expect(read(workbook(rows), { maxSharedStringsBytes: 10_000 })).rejects.toThrow(/shared strings table unpacks to \d+ bytes/);
    });
  });
});

describe('XLSX cell formats and dates', () => {
  it('tells a date format from a number or time format', () => {
    for (const code of ['dd.mm.yyyy', 'dd\\.mm\\.yyyy;@', 'yyyy-mm-dd', 'd/m/yy h:mm', '[$-419]d mmmm yyyy', 'mmm-yy', 'DD.MM.YYYY'])
      expect([code, isDateFormat(code)]).toEqual([code, true]);
    for (const code of ['General', '0.00', '#,##0 "руб."', 'h:mm', 'mm:ss', '[h]:mm:ss', '0%', '"day "0', '[Red]0.00', '@'])
      expect([code, isDateFormat(code)]).toEqual([code, false]);
  });

  it('turns a serial into a day on either date system', () => {
    expect(serialToIsoDate(1, false)).toBe('1900-01-01');
    expect(serialToIsoDate(59, false)).toBe('1900-02-28');
    expect(serialToIsoDate(60, false)).toBeNull(); // Excel's 1900-02-29
    expect(serialToIsoDate(61, false)).toBe('1900-03-01');
    expect(serialToIsoDate(45931, false)).toBe('2025-10-01');
    expect(serialToIsoDate(45931.999, false)).toBe('2025-10-01');
    expect(serialToIsoDate(0, true)).toBe('1904-01-01');
    expect(serialToIsoDate(44469, true)).toBe('2025-10-01');
    expect(serialToIsoDate(3e6, false)).toBeNull();
  });
});
