import { posix } from 'node:path';
import { local, attr } from './xml';
import { Zip, readPart } from './zip';

/* The workbook's small parts: relationships, the styles that show dates, the shared strings. */

/** The workbook, its relationships and its styles unpacked (small parts, read whole). */
export const MAX_META_BYTES = 16 * 1024 * 1024;

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** `<part folder>/_rels/<part name>.rels`: the part's relationships, targets resolved to part names. */
export const relationshipsOf = async (zip: Zip, part: string): Promise<Relationship[]> => {
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
export const dateStylesOf = async (zip: Zip, part: string | undefined): Promise<boolean[]> => {
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
export const sharedStringsOf = async (zip: Zip, part: string | undefined, limit: number): Promise<string[]> => {
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
