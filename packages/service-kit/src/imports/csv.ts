/**
 * CSV as spreadsheets write it, one line at a time: `;` (a Russian-locale Excel) or `,`,
 * values trimmed, a value in double quotes may hold the separator and `""` for a quote.
 * A line break inside quotes is not supported (the line is reported).
 */
export type Separator = ';' | ',';

/** The header decides: `;` if it has one, else `,`. */
export const separatorOf = (header: string): Separator => (header.includes(';') ? ';' : ',');

/** The cells of one line, or why the line cannot be split. */
export const splitCsvLine = (text: string, separator: Separator): string[] | { problem: string } => {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) return { problem: 'a quoted value is not closed (a line break inside quotes is not supported)' };
        value += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      const end = text.indexOf(separator, i);
      const rest = text.slice(i, end === -1 ? undefined : end);
      // Anything after the closing quote belongs to the value, as spreadsheets read it.
      cells.push((value + rest).trim());
      if (end === -1) return cells;
      i = end + 1;
    } else {
      const end = text.indexOf(separator, i);
      cells.push(text.slice(i, end === -1 ? undefined : end).trim());
      if (end === -1) return cells;
      i = end + 1;
    }
  }
};

/** The file's columns, as the header names them (lower case, in file order). */
export interface CsvLayout {
  separator: Separator;
  names: string[];
  /** Columns whose values may be empty. */
  optional?: string[];
}

/** The header line against the columns a kind expects (any order): the layout, or one problem naming all that is wrong. */
export const readCsvHeader = (text: string, columns: readonly string[], optional: readonly string[] = []): CsvLayout | { problem: string } => {
  const separator = separatorOf(text);
  const cells = splitCsvLine(text, separator);
  if (!Array.isArray(cells)) return { problem: `bad header (${cells.problem}); expected ${columns.join(';')}` };
  return readHeaderCells(cells, columns, separator, optional);
};

/**
 * A header already split into cells (a CSV line, a worksheet's first row) against the columns
 * a kind expects: the layout, or one problem naming all that is wrong. `separator` is what
 * the kind's rows are told (a worksheet's rows are told `;`: a decimal comma is accepted).
 */
export const readHeaderCells = (
  cells: readonly string[],
  columns: readonly string[],
  separator: Separator,
  optional: readonly string[] = [],
): CsvLayout | { problem: string } => {
  const names = cells.map((n) => n.trim().toLowerCase());
  const missing = columns.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !columns.includes(n) && !optional.includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const issues = [
    missing.length ? `missing column(s): ${missing.join(', ')}` : '',
    unknown.length ? `unknown column(s): ${unknown.map((n) => `"${n}"`).join(', ')}` : '',
    repeated.length ? `repeated column(s): ${repeated.join(', ')}` : '',
  ].filter(Boolean);
  const expected = [...columns, ...optional.map((o) => `[${o}]`)].join(';');
  return issues.length
    ? { problem: `bad header (${issues.join('; ')}); expected ${expected}` }
    : { separator, names, ...(optional.length ? { optional: [...optional] } : {}) };
};

/** A data line's values by column name, or its shape problem (too many cells, empty required values). */
export const readCsvRecord = (text: string, layout: CsvLayout): { values: Record<string, string> } | { problem: string } => {
  const cells = splitCsvLine(text, layout.separator);
  return Array.isArray(cells) ? readCellsRecord(cells, layout) : cells;
};

/** A data row already split into cells (a CSV line, a worksheet row): its values by column name, or its shape problem. */
export const readCellsRecord = (cells: readonly string[], layout: CsvLayout): { values: Record<string, string> } | { problem: string } => {
  if (cells.length > layout.names.length) return { problem: `too many columns: expected ${layout.names.length}, got ${cells.length}` };
  const missing = layout.names.filter((name, i) => (cells[i] ?? '') === '' && !layout.optional?.includes(name));
  if (missing.length) return { problem: `missing value(s): ${missing.join(', ')}` };
  return { values: Object.fromEntries(layout.names.map((name, i) => [name, cells[i] ?? ''])) };
};

/**
 * A whole CSV text at once, by the same rules as an import reads a file line by line (the
 * header, blank lines, the line numbers, the problems): for tools and tests that hold a small
 * file in memory. An import itself never holds its file (importer.ts).
 */
export const readCsvText = <R>(
  text: string,
  columns: readonly string[],
  row: (values: Record<string, string>, line: number, separator: Separator) => { data: R } | { problem: string },
): { rows: Array<{ line: number; data: R }>; problems: Array<{ line: number; message: string }> } => {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex === -1) return { rows: [], problems: [{ line: 1, message: 'the file is empty: expected a header line' }] };
  const layout = readCsvHeader(lines[headerIndex]!, columns);
  if ('problem' in layout) return { rows: [], problems: [{ line: headerIndex + 1, message: layout.problem }] };
  const rows: Array<{ line: number; data: R }> = [];
  const problems: Array<{ line: number; message: string }> = [];
  lines.forEach((l, i) => {
    if (i <= headerIndex || l.trim() === '') return;
    const read = readCsvRecord(l, layout);
    const outcome = 'problem' in read ? read : row(read.values, i + 1, layout.separator);
    if ('problem' in outcome) problems.push({ line: i + 1, message: outcome.problem });
    else rows.push({ line: i + 1, data: outcome.data });
  });
  return { rows, problems };
};
