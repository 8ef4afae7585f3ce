import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ByteSource } from './lines';

/** What an import reads: CSV text, or the first worksheet of an XLSX workbook. */
export type ImportFormat = 'csv' | 'xlsx';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * What the sender says about a file: the multipart part's file name and content type, or the
 * request's content type. Only a hint: the content decides (a workbook sent as text/csv is
 * read as a workbook); a file said to be XLSX that is not one is refused.
 */
export interface ImportFileInfo {
  name?: string | null;
  contentType?: string | null;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\x03\x04: a zip's first entry
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06]; // PK\x05\x06: a zip with no entry
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // a compound document: an encrypted workbook or an .xls

/** Bytes enough to tell the formats apart. */
export const SNIFF_BYTES = OLE.length;

const startsWith = (head: Uint8Array, magic: number[]) => head.length >= magic.length && magic.every((b, i) => head[i] === b);

const saysXlsx = (info: ImportFileInfo | undefined) =>
  !!info && (/\.xlsx$/i.test(info.name?.trim() ?? '') || (info.contentType ?? '').toLowerCase().startsWith(XLSX_CONTENT_TYPE));

/** The format of a file by its first bytes (and what the sender says of it), or why it is refused. */
export const formatOf = (head: Uint8Array, info?: ImportFileInfo): ImportFormat | { problem: string } => {
  if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) return 'xlsx';
  if (startsWith(head, OLE)) {
    return {
      problem: 'the file is a password-protected (encrypted) workbook or an old Excel 97-2003 .xls: save it as .xlsx without a password, or as CSV UTF-8',
    };
  }
  if (head.length > 0 && saysXlsx(info)) return { problem: 'the file is said to be XLSX but is not one (an XLSX file is a zip archive)' };
  return 'csv';
};

const encoder = new TextEncoder();
const bytesOf = (raw: Uint8Array | string): Uint8Array => (typeof raw === 'string' ? encoder.encode(raw) : raw);

/**
 * The first `n` bytes of a source (fewer if it ends first) and the source again from its
 * start, what was read included, as it came (strings stay strings).
 */
export const peek = async (source: ByteSource, n: number): Promise<{ head: Uint8Array; source: AsyncGenerator<Uint8Array | string> }> => {
  const it = (async function* () {
    yield* source;
  })();
  const taken: Array<Uint8Array | string> = [];
  const head: number[] = [];
  while (head.length < n) {
    const next = await it.next();
    if (next.done) break;
    taken.push(next.value);
    for (const b of bytesOf(next.value).subarray(0, n - head.length)) head.push(b);
  }
  return {
    head: Uint8Array.from(head),
    source: (async function* () {
      yield* taken;
      yield* it;
    })(),
  };
};

/** A file written to a private temporary folder; `remove` deletes the folder (safe to call twice). */
export interface SpooledFile {
  path: string;
  bytes: number;
  remove(): Promise<void>;
}

/**
 * Writes a source to a new file in a private folder under `dir` (the OS's temporary folder by
 * default), one chunk at a time: `tap` sees each chunk first (hashing, limits: a throw stops
 * it). Whatever goes wrong, nothing is left behind.
 */
export const spoolToFile = async (
  source: AsyncIterable<Uint8Array | string>,
  tap: (chunk: Uint8Array) => void | Promise<void>,
  dir?: string | null,
): Promise<SpooledFile> => {
  const folder = await mkdtemp(join(dir || tmpdir(), 'mms-import-'));
  const remove = () => rm(folder, { recursive: true, force: true });
  const path = join(folder, 'upload');
  let bytes = 0;
  try {
    const file = await open(path, 'wx', 0o600);
    try {
      for await (const raw of source) {
        const chunk = bytesOf(raw);
        if (!chunk.length) continue;
        await tap(chunk);
        await file.write(chunk);
        bytes += chunk.length;
      }
    } finally {
      await file.close();
    }
    return { path, bytes, remove };
  } catch (err) {
    await remove().catch(() => undefined);
    throw err;
  }
};
