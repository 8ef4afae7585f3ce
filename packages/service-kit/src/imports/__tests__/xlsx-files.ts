import { crc32, deflateRawSync } from 'node:zlib';

/**
 * XLSX files for the specs, made here from their XML parts (as Office writes them: shared
 * strings after the worksheets, a styles part, relationships) and zipped by a small writer, so
 * the reader is tested on real zips without a writer library.
 */

export interface ZipPart {
  name: string;
  data: string | Buffer;
  /** Stored instead of deflated. */
  stored?: boolean;
  /** The "encrypted" flag in the headers (the data stays as it is: readers must refuse it before reading). */
  encrypted?: boolean;
}

/** A zip archive: local headers, the data, the central directory at the end. */
export const zip = (parts: ZipPart[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
    const data = p.stored ? raw : deflateRawSync(raw);
    const name = Buffer.from(p.name, 'utf8');
    const flags = 0x0800 | (p.encrypted ? 1 : 0);
    const method = p.stored ? 0 : 8;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell: text (a shared string), a number, a boolean, null (no cell), or its XML as written (`<c>` is given its `r`). */
export type Cell = string | number | boolean | null | { xml: string };

/** A row: its cells from column A, numbered after the one before it; or with its own number. */
export type Row = Cell[] | { r: number; cells: Cell[] };

/** Cell styles: 0 General, 1 a built-in date (14), 2 a custom date (dd.mm.yyyy), 3 "0.00", 4 a time (h:mm). */
export const STYLE = { general: 0, date: 1, customDate: 2, twoDecimals: 3, time: 4 } as const;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy;@"/><numFmt numFmtId="165" formatCode="[$-F400]h:mm:ss\\ AM/PM"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>`;

const column = (index: number): string => {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export interface WorkbookOptions {
  /** Strings as inline strings instead of the shared table. */
  inline?: boolean;
  /** `<workbookPr date1904="1"/>`. */
  date1904?: boolean;
  /** Sheets before the one with the rows: a hidden worksheet, a chart sheet. */
  before?: Array<'hidden' | 'chart'>;
  /** Replaces the worksheet XML whole. */
  sheetXml?: string;
  /** Extra zip parts, or parts left out by name. */
  extra?: ZipPart[];
  omit?: string[];
  encrypted?: boolean;
}

/** The worksheet XML of some rows. */
export const sheetXml = (rows: Iterable<Row>, opts: { inline?: boolean; strings?: Map<string, number> } = {}): string => {
  const strings = opts.strings ?? new Map<string, number>();
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1"/><sheetData>',
  ];
  let r = 0;
  for (const row of rows) {
    const cells = Array.isArray(row) ? row : row.cells;
    r = Array.isArray(row) ? r + 1 : row.r;
    out.push(`<row r="${r}">`);
    cells.forEach((cell, i) => {
      const ref = `${column(i)}${r}`;
      if (cell === null) return;
      if (typeof cell === 'object') out.push(cell.xml.replace(/^<c\b/, `<c r="${ref}"`));
      else if (typeof cell === 'number') out.push(`<c r="${ref}"><v>${cell}</v></c>`);
      else if (typeof cell === 'boolean') out.push(`<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`);
      else if (opts.inline) out.push(`<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(cell)}</t></is></c>`);
      else {
        let index = strings.get(cell);
        if (index === undefined) strings.set(cell, (index = strings.size));
        out.push(`<c r="${ref}" t="s"><v>${index}</v></c>`);
      }
    });
    out.push('</row>');
  }
  out.push('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  return out.join('');
};

const sharedStringsXml = (strings: Map<string, number>) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">${[
    ...strings.keys(),
  ]
    .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
    .join('')}</sst>`;

/** A workbook whose first visible worksheet holds `rows`, as Office lays it out. */
export const workbook = (rows: Iterable<Row>, opts: WorkbookOptions = {}): Buffer => {
  const strings = new Map<string, number>();
  const sheet = opts.sheetXml ?? sheetXml(rows, { inline: !!opts.inline, strings });
  const before = opts.before ?? [];
  const sheets = [
    ...before.map((kind, i) => ({ kind, id: `rId${i + 10}`, file: `${kind === 'chart' ? 'chartsheets' : 'worksheets'}/extra${i + 1}.xml` })),
    { kind: 'main' as const, id: 'rId1', file: 'worksheets/sheet1.xml' },
  ];
  const WS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
  const CS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet';
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets
        .map((s, i) => `<sheet name="Sheet${i + 1}" sheetId="${i + 1}"${s.kind === 'hidden' ? ' state="hidden"' : ''} r:id="${s.id}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((s) => `<Relationship Id="${s.id}" Type="${s.kind === 'chart' ? CS : WS}" Target="${s.file}"/>`)
        .join(
          '',
        )}<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, encrypted: !!opts.encrypted },
    ...sheets
      .filter((s) => s.kind !== 'main')
      .map((s) => ({
        name: `xl/${s.file}`,
        data:
          s.kind === 'chart'
            ? '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
            : sheetXml([['hidden', 'sheet']], { inline: true }),
      })),
    { name: 'xl/styles.xml', data: STYLES },
    // Office writes the shared strings after the worksheets: a reader must not need them first.
    { name: 'xl/sharedStrings.xml', data: sharedStringsXml(strings) },
    ...(opts.extra ?? []),
  ];
  return zip(parts.filter((p) => !(opts.omit ?? []).includes(p.name)));
};
