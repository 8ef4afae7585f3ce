/** One column of a list, as shown and as exported: the export carries plain text or numbers. */
export interface ExportColumn<Row> {
  title: string;
  value: (row: Row) => string | number | null | undefined;
}

const cell = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote what would break a line or a column, and defuse spreadsheet formulas in text (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * CSV as Russian spreadsheet users open it: `;` between columns (their decimal mark is the comma)
 * and a byte-order mark so Excel reads UTF-8 Cyrillic correctly.
 */
export const toCsv = <Row>(columns: ExportColumn<Row>[], rows: Row[]): string =>
  '\ufeff' + [columns.map((c) => cell(c.title)).join(';'), ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(';'))].join('\r\n') + '\r\n';

const download = (blob: Blob, fileName: string) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

export const downloadCsv = <Row>(columns: ExportColumn<Row>[], rows: Row[], name: string) =>
  download(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);

/** XLSX through write-excel-file, loaded only when someone exports. */
export const downloadXlsx = async <Row>(columns: ExportColumn<Row>[], rows: Row[], name: string) => {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const header = columns.map((c) => ({ value: c.title, fontWeight: 'bold' as const }));
  const body = rows.map((r) =>
    columns.map((c) => {
      const v = c.value(r);
      return v === null || v === undefined ? null : typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String };
    }),
  );
  await writeXlsxFile([header, ...body], { columns: columns.map(() => ({ width: 24 })) }).toFile(`${name}.xlsx`);
};
