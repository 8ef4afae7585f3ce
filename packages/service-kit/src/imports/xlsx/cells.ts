import { XlsxError } from './xml';

/* A cell's value as text: its column, numbers as written, dates, strings. */

/** "C12" → 2 (0-based), or -1 if it names no column. */
export const columnOf = (ref: string): number => {
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

export interface SheetContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** A cell's value as text, by its type (`t`), style (`s`), value (`<v>`) and inline string (`<is>`). */
export const cellText = (ctx: SheetContext, ref: string, type: string, style: number, value: string, inline: string | null): string => {
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
