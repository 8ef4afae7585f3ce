import { SaxesParser } from 'saxes';
import { XlsxError, local, attr, prefixedAttr } from './xlsx/xml';
import { Zip, parsePart, readPart } from './xlsx/zip';
import { dateStylesOf, MAX_META_BYTES, relationshipsOf, sharedStringsOf } from './xlsx/parts';
import { columnOf, SheetContext, cellText } from './xlsx/cells';

export { XlsxError, XlsxTooLarge } from './xlsx/xml';
export { isDateFormat } from './xlsx/parts';
export { serialToIsoDate } from './xlsx/cells';

/**
 * Reading the first worksheet of an XLSX workbook (Office Open XML, a zip of XML parts) row by
 * row, for imports: the zip is read from a file by its central directory (yauzl), each XML
 * part is parsed as it is unpacked (saxes), and only the shared strings table (the strings
 * the cells refer to by number) is held in memory. Values come out as text, as a CSV holds
 * them: numbers as written in the cell ("7.5", "7"), shared and inline strings, dates (a
 * number in a date format, or a `d` cell) as YYYY-MM-DD, booleans TRUE/FALSE, error values as
 * shown (#N/A), a formula's cached result, an empty cell "".
 */

/** One worksheet row: its number in the sheet and its cells from column A (trailing empty cells left out), or why it is not read. */
export type SheetRow = { number: number; cells: string[] } | { number: number; problem: string };

export interface XlsxLimits {
  /** A row whose values take more UTF-8 bytes is reported, its values dropped (as a CSV line over the limit). */
  maxRowBytes: number;
  /** The worksheet unpacked (it is streamed; the limit stops a zip bomb). */
  maxSheetBytes: number;
  /** The shared strings table unpacked (it is held in memory while the sheet is read). */
  maxSharedStringsBytes: number;
}

/** Excel's last column, XFD. */
const MAX_COLUMNS = 16_384;

const REL = {
  officeDocument: /\/officeDocument$/,
  worksheet: /\/worksheet$/,
  sharedStrings: /\/sharedStrings$/,
  styles: /\/styles$/,
};

/**
 * The rows of the workbook's first worksheet (the first visible sheet in tab order that is a
 * worksheet, not a chart), streamed: a row is handed on as soon as it is parsed, only the
 * shared strings are held. A row's number is its number in the sheet (`<row r>`); rows must
 * come in order. Throws `XlsxError` (`XlsxTooLarge`) when the workbook cannot be read, maybe
 * after some rows were handed on (a caller drops them: the file is refused whole).
 */
export async function* readXlsxRows(path: string, limits: XlsxLimits): AsyncGenerator<SheetRow> {
  const zip = await Zip.open(path);
  try {
    const workbook = (await relationshipsOf(zip, '')).find((r) => REL.officeDocument.test(r.type))?.target ?? 'xl/workbook.xml';
    if (/\.bin$/i.test(workbook)) throw new XlsxError('a binary workbook (.xlsb) is not supported: save it as .xlsx');
    if (!zip.entry(workbook)) throw new XlsxError('not an XLSX workbook: the zip has no workbook part (xl/workbook.xml)');

    const sheets: Array<{ id: string; hidden: boolean }> = [];
    let date1904 = false;
    await readPart(zip, workbook, MAX_META_BYTES, 'the workbook part', (p) =>
      p.on('opentag', (tag) => {
        const name = local(tag.name);
        if (name === 'workbookPr') date1904 = /^(1|true)$/i.test(attr(tag, 'date1904') ?? '');
        else if (name === 'sheet') sheets.push({ id: prefixedAttr(tag, 'id') ?? '', hidden: /hidden/i.test(attr(tag, 'state') ?? '') });
      }),
    );
    const rels = await relationshipsOf(zip, workbook);
    const byId = new Map(rels.map((r) => [r.id, r]));
    const worksheets = sheets.flatMap((s) => {
      const r = byId.get(s.id);
      return r && REL.worksheet.test(r.type) && zip.entry(r.target) ? [{ ...s, target: r.target }] : [];
    });
    // The first tab the person sees; a workbook whose worksheets are all hidden still has a first one.
    const sheet = worksheets.find((s) => !s.hidden) ?? worksheets[0];
    if (!sheet) throw new XlsxError('the workbook has no worksheet');
    const part = (type: RegExp, fallback: string) => rels.find((r) => type.test(r.type))?.target ?? fallback;

    const ctx: SheetContext = {
      strings: await sharedStringsOf(zip, part(REL.sharedStrings, 'xl/sharedStrings.xml'), limits.maxSharedStringsBytes),
      dateStyles: await dateStylesOf(zip, part(REL.styles, 'xl/styles.xml')),
      date1904,
    };
    yield* sheetRows(zip, sheet.target, ctx, limits);
  } finally {
    zip.close();
  }
}

async function* sheetRows(zip: Zip, part: string, ctx: SheetContext, limits: XlsxLimits): AsyncGenerator<SheetRow> {
  const parser: SaxesParser = new SaxesParser({ position: false });
  let ready: SheetRow[] = [];
  let inData = false;
  let lastRow = 0;
  // The row being read.
  let row = 0;
  let cells: string[] = [];
  let bytes = 0;
  let problem: string | null = null;
  let col = -1;
  // The cell being read.
  let inCell = false;
  let ref = '';
  let type = '';
  let style = 0;
  let value = '';
  let inline: string | null = null;
  let into: 'v' | 't' | null = null;
  let phonetic = 0;

  const onText = (text: string) => {
    if (into === 'v') value += text;
    else if (into === 't' && phonetic === 0) inline += text;
  };

  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    if (name === 'sheetData') inData = !tag.isSelfClosing;
    if (!inData) return;
    switch (name) {
      case 'row': {
        const r = Number(attr(tag, 'r'));
        row = Number.isInteger(r) && r > 0 ? r : lastRow + 1;
        if (row <= lastRow) throw new XlsxError(`row ${row} comes after row ${lastRow}: the worksheet's rows are out of order`);
        lastRow = row;
        cells = [];
        bytes = 0;
        problem = null;
        col = -1;
        break;
      }
      case 'c': {
        ref = attr(tag, 'r') ?? '';
        const c = ref ? columnOf(ref) : -1;
        col = c >= 0 ? c : col + 1;
        type = attr(tag, 't') ?? 'n';
        style = Number(attr(tag, 's') ?? 0) || 0;
        value = '';
        inline = null;
        inCell = true;
        if (!ref) ref = `column ${col + 1} of row ${row}`;
        break;
      }
      case 'v':
        if (inCell && !tag.isSelfClosing) into = 'v';
        break;
      case 'is':
        if (inCell) inline = '';
        break;
      case 'rPh':
        if (!tag.isSelfClosing) phonetic++;
        break;
      case 't':
        if (inline !== null && !tag.isSelfClosing) into = 't';
        break;
    }
  });

  parser.on('closetag', (tag) => {
    if (!inData) return;
    switch (local(tag.name)) {
      case 'v':
      case 't':
        into = null;
        break;
      case 'rPh':
        if (!tag.isSelfClosing) phonetic--;
        break;
      case 'c': {
        inCell = false;
        const text = cellText(ctx, ref, type, style, value, inline).trim();
        if (text === '' || problem) break;
        if (col >= MAX_COLUMNS) {
          problem = `cell ${ref} is past the last column (XFD)`;
          break;
        }
        bytes += Buffer.byteLength(text);
        if (bytes > limits.maxRowBytes) {
          problem = `the row is longer than ${limits.maxRowBytes} bytes`;
          cells = [];
          break;
        }
        while (cells.length < col) cells.push('');
        cells[col] = text;
        break;
      }
      case 'row':
        ready.push(problem ? { number: row, problem } : { number: row, cells });
        cells = [];
        break;
      case 'sheetData':
        inData = false;
        break;
    }
  });
  parser.on('text', onText);
  parser.on('cdata', onText);

  const stream = await zip.text(part, limits.maxSheetBytes, 'the worksheet');
  yield* parsePart(stream, parser, part, () => {
    const out = ready;
    ready = [];
    return out;
  });
}
