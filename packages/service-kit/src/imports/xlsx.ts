import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { SaxesParser, SaxesTagPlain } from 'saxes';
import * as yauzl from 'yauzl';

/**
 * Reading the first worksheet of an XLSX workbook (Office Open XML, a zip of XML parts) row by
 * row, for imports: the zip is read from a file by its central directory (yauzl), each XML
 * part is parsed as it is unpacked (saxes), and only the shared strings table (the strings
 * the cells refer to by number) is held in memory. Values come out as text, as a CSV holds
 * them: numbers as written in the cell ("7.5", "7"), shared and inline strings, dates (a
 * number in a date format, or a `d` cell) as YYYY-MM-DD, booleans TRUE/FALSE, error values as
 * shown (#N/A), a formula's cached result, an empty cell "".
 */

/** A workbook that cannot be read (not a zip, no worksheet, encrypted, broken XML): the file is refused whole. */
export class XlsxError extends Error {}

/** A part of the workbook that unpacks to more than the limits allow (a zip bomb, or a table too large to hold). */
export class XlsxTooLarge extends XlsxError {}

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

/** The workbook, its relationships and its styles unpacked (small parts, read whole). */
const MAX_META_BYTES = 16 * 1024 * 1024;
/** Excel's last column, XFD. */
const MAX_COLUMNS = 16_384;

const REL = {
  officeDocument: /\/officeDocument$/,
  worksheet: /\/worksheet$/,
  sharedStrings: /\/sharedStrings$/,
  styles: /\/styles$/,
};

/** A tag's name without its namespace prefix (`x:row` is `row`). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

const attr = (tag: SaxesTagPlain, name: string): string | undefined => tag.attributes[name];

/** The value of an attribute in any namespace (`r:id`, `ns1:id`). */
const prefixedAttr = (tag: SaxesTagPlain, name: string): string | undefined => {
  for (const [key, value] of Object.entries(tag.attributes)) if (key.endsWith(`:${name}`)) return value;
  return undefined;
};

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A zip read by its central directory: entries by name (part names are not case-sensitive). */
class Zip {
  private constructor(
    private readonly file: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  static async open(path: string): Promise<Zip> {
    let file: yauzl.ZipFile;
    try {
      file = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false });
    } catch (err) {
      throw new XlsxError(`not an XLSX file: it cannot be read as a zip archive (${messageOf(err)})`);
    }
    try {
      const entries = await new Promise<Map<string, yauzl.Entry>>((resolve, reject) => {
        const found = new Map<string, yauzl.Entry>();
        file.on('entry', (entry: yauzl.Entry) => {
          found.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
          file.readEntry();
        });
        file.once('end', () => resolve(found));
        file.once('error', reject);
        file.readEntry();
      });
      // A failure of the file from here on shows in the stream being read; unheard, it would end the process.
      file.on('error', () => undefined);
      if ([...entries.values()].some((e) => e.isEncrypted())) throw new XlsxError('the workbook is encrypted: save it without a password');
      return new Zip(file, entries);
    } catch (err) {
      file.close();
      throw err instanceof XlsxError ? err : new XlsxError(`not an XLSX file: its zip directory is broken (${messageOf(err)})`);
    }
  }

  entry(name: string): yauzl.Entry | undefined {
    return this.entries.get(name.toLowerCase());
  }

  /** A part unpacked as UTF-8 text, as it streams (a part over `limit` is refused before it is read). */
  async text(name: string, limit: number, what: string): Promise<Readable> {
    const entry = this.entry(name);
    if (!entry) throw new XlsxError(`the workbook has no part ${name}`);
    if (entry.uncompressedSize > limit) throw new XlsxTooLarge(`${what} unpacks to ${entry.uncompressedSize} bytes, more than ${limit}`);
    try {
      const stream = await this.file.openReadStreamPromise(entry);
      stream.setEncoding('utf8');
      return stream;
    } catch (err) {
      throw new XlsxError(`${what} (${name}) cannot be unpacked (${messageOf(err)})`);
    }
  }

  close() {
    this.file.close();
  }
}

/**
 * Feeds a part to a parser, chunk by chunk; after each chunk, `drain` takes what the parser
 * found (a generator, so a row is handed on before the next chunk is unpacked).
 */
async function* parsePart<T>(stream: Readable, parser: SaxesParser, name: string, drain: () => T[]): AsyncGenerator<T> {
  try {
    for await (const chunk of stream) {
      try {
        parser.write(chunk as string);
      } catch (err) {
        throw err instanceof XlsxError ? err : new XlsxError(`${name} is not well-formed XML (${messageOf(err)})`);
      }
      yield* drain();
    }
    try {
      parser.close();
    } catch (err) {
      throw err instanceof XlsxError ? err : new XlsxError(`${name} is not well-formed XML (${messageOf(err)})`);
    }
    yield* drain();
  } catch (err) {
    throw err instanceof XlsxError ? err : new XlsxError(`${name} cannot be unpacked (${messageOf(err)})`);
  } finally {
    stream.destroy();
  }
}

/** Parses a small part whole, for what the handlers `on` sets collect. */
const readPart = async (zip: Zip, name: string, limit: number, what: string, on: (parser: SaxesParser) => void): Promise<void> => {
  const parser: SaxesParser = new SaxesParser({ position: false });
  on(parser);
  for await (const _ of parsePart(await zip.text(name, limit, what), parser, name, () => []));
};

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** `<part folder>/_rels/<part name>.rels`: the part's relationships, targets resolved to part names. */
const relationshipsOf = async (zip: Zip, part: string): Promise<Relationship[]> => {
  const dir = posix.dirname(part);
  const name = posix.join(dir === '.' ? '' : dir, '_rels', `${posix.basename(part)}.rels`);
  if (!zip.entry(name)) return [];
  const rels: Relationship[] = [];
  await readPart(zip, name, MAX_META_BYTES, 'a relationships part', (p) =>
    p.on('opentag', (tag) => {
      if (local(tag.name) !== 'Relationship' || attr(tag, 'TargetMode') === 'External') return;
      const target = attr(tag, 'Target') ?? '';
      const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir === '.' ? '' : dir, target));
      rels.push({ id: attr(tag, 'Id') ?? '', type: attr(tag, 'Type') ?? '', target: resolved });
    }),
  );
  return rels;
};

/** Built-in number formats that show a date (ECMA-376 18.8.30; 27-31, 36, 50-58 are East Asian dates). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format shows a date when its first section has a day, a year or a month (not minutes) outside quotes and brackets. */
export const isDateFormat = (code: string): boolean => {
  const section = (code.split(';')[0] ?? '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[_*]./g, '');
  if (/[dy]/i.test(section)) return true;
  // "m" is a month unless it stands with hours or seconds ("h:mm", "mm:ss").
  return /m/i.test(section) && !/[hs]/i.test(section);
};

/** The cell styles whose number format shows a date, by style index. */
const dateStylesOf = async (zip: Zip, part: string | undefined): Promise<boolean[]> => {
  if (!part || !zip.entry(part)) return [];
  const customDates = new Set<number>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await readPart(zip, part, MAX_META_BYTES, 'the styles part', (p) => {
    p.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'numFmt' && isDateFormat(attr(tag, 'formatCode') ?? '')) customDates.add(Number(attr(tag, 'numFmtId')));
      else if (name === 'cellXfs') inCellXfs = !tag.isSelfClosing;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        styles.push(BUILT_IN_DATE_FORMATS.has(id) || customDates.has(id));
      }
    });
    p.on('closetag', (tag) => {
      if (local(tag.name) === 'cellXfs') inCellXfs = false;
    });
  });
  return styles;
};

/** The shared strings: each `<si>`'s text, its runs joined, phonetic hints (`rPh`) left out. */
const sharedStringsOf = async (zip: Zip, part: string | undefined, limit: number): Promise<string[]> => {
  if (!part || !zip.entry(part)) return [];
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  const onText = (text: string) => {
    if (inText && phonetic === 0) current += text;
  };
  await readPart(zip, part, limit, 'the shared strings table', (p) => {
    p.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic += tag.isSelfClosing ? 0 : 1;
      else if (name === 't') inText = !tag.isSelfClosing;
    });
    p.on('closetag', (tag) => {
      const name = local(tag.name);
      if (name === 'si') strings.push(current);
      else if (name === 'rPh' && !tag.isSelfClosing) phonetic--;
      else if (name === 't') inText = false;
    });
    p.on('text', onText);
    p.on('cdata', onText);
  });
  return strings;
};

/** "C12" → 2 (0-based), or -1 if it names no column. */
const columnOf = (ref: string): number => {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return i === 0 ? -1 : col - 1;
};

const DAY_MS = 86_400_000;

/** An Excel date serial as YYYY-MM-DD (time of day dropped), or null if it is no day (1900-01-00, Excel's 1900-02-29, past 9999). */
export const serialToIsoDate = (serial: number, date1904: boolean): string | null => {
  const day = Math.floor(Math.round(serial * DAY_MS) / DAY_MS);
  if (day < (date1904 ? 0 : 1) || day > 2_958_465) return null;
  // Day 60 of the 1900 system is 1900-02-29, Lotus's leap-year bug kept by Excel: no day.
  if (!date1904 && day === 60) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + day * DAY_MS).toISOString().slice(0, 10);
};

/** A number as written: the shortest text that reads back as the same number ("7.5", "7", "0.1" for Excel's "0.10000000000000001"). */
const numberText = (raw: string): string => {
  const text = raw.trim();
  if (text === '') return '';
  const n = Number(text);
  return Number.isFinite(n) ? String(n) : text;
};

interface SheetContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** A cell's value as text, by its type (`t`), style (`s`), value (`<v>`) and inline string (`<is>`). */
const cellText = (ctx: SheetContext, ref: string, type: string, style: number, value: string, inline: string | null): string => {
  switch (type) {
    case 's': {
      const index = Number(value.trim());
      const s = Number.isInteger(index) ? ctx.strings[index] : undefined;
      if (s === undefined) throw new XlsxError(`cell ${ref} refers to shared string "${value.trim()}", which the workbook does not have`);
      return s;
    }
    case 'inlineStr':
      return inline ?? value;
    case 'str':
    case 'e':
      return value;
    case 'b':
      return value.trim() === '' ? '' : value.trim() === '0' ? 'FALSE' : 'TRUE';
    case 'd': {
      const v = value.trim();
      return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v;
    }
    default: {
      if (inline !== null && value === '') return inline;
      const text = numberText(value);
      if (text !== '' && ctx.dateStyles[style]) {
        const date = serialToIsoDate(Number(text), ctx.date1904);
        if (date) return date;
      }
      return text;
    }
  }
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
