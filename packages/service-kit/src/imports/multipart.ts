import type { ImportFileInfo } from './file-format';

/** A multipart/form-data body that is not what it says (no file part, cut off, endless part headers). */
export class MultipartError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary of a `multipart/form-data; boundary=...` content type, or null. */
export const multipartBoundary = (contentType: string | undefined): string | null => {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
};

/** The file name of a part's Content-Disposition (`filename*=UTF-8''...` preferred), or null. */
const fileNameOf = (disposition: string): string | null => {
  const extended = /filename\*\s*=\s*(?:[^']*)'[^']*'([^;\s]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      return extended;
    }
  }
  const m = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  return m ? (m[1] ?? m[2] ?? null) : null;
};

/**
 * The bytes of the first file part of a multipart/form-data body (a part with a filename, or
 * named `file`), as they stream in: held back only as much as a boundary could span, so a
 * file of any size passes through in constant memory. Other parts are read past. `info`, if
 * given, gets the part's file name and content type before its first byte is handed on.
 */
export async function* multipartFile(source: AsyncIterable<Uint8Array>, boundary: string, info?: ImportFileInfo): AsyncGenerator<Uint8Array> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter has no CRLF before it (unless a preamble precedes it): one is supplied.
  let buf: Buffer = Buffer.from(CRLF);
  let state: 'seek' | 'after' | 'headers' | 'file' | 'skip' | 'done' = 'seek';
  let found = false;

  for await (const chunk of source) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    for (;;) {
      if (state === 'seek' || state === 'skip') {
        const at = buf.indexOf(delimiter);
        if (at === -1) {
          buf = buf.subarray(Math.max(0, buf.length - delimiter.length + 1));
          break;
        }
        buf = buf.subarray(at + delimiter.length);
        state = 'after';
      }
      if (state === 'after') {
        if (buf.length < 2) break;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          break;
        }
        const eol = buf.indexOf(CRLF);
        if (eol === -1) {
          if (buf.length > 256) throw new MultipartError('bad multipart body: nothing sensible after a boundary');
          break;
        }
        buf = buf.subarray(eol + 2);
        state = 'headers';
      }
      if (state === 'headers') {
        // A part with no headers at all starts with the blank line at once.
        const end = buf.subarray(0, 2).equals(CRLF) ? -2 : buf.indexOf(HEADERS_END);
        if (end === -1) {
          if (buf.length > MAX_HEADER_BYTES) throw new MultipartError('bad multipart body: part headers longer than 16 KB');
          break;
        }
        const headers = end < 0 ? '' : buf.subarray(0, end).toString('latin1');
        buf = buf.subarray(end < 0 ? 2 : end + 4);
        const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
        const isFile = /filename\*?=/i.test(disposition) || /\bname="?file"?(;|\s|$)/i.test(disposition);
        state = isFile && !found ? 'file' : 'skip';
        if (state === 'file') {
          found = true;
          if (info) {
            info.name = fileNameOf(disposition);
            info.contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim() ?? null;
          }
        }
        continue;
      }
      if (state === 'file') {
        const at = buf.indexOf(delimiter);
        if (at === -1) {
          const safe = buf.length - delimiter.length + 1;
          if (safe > 0) {
            yield buf.subarray(0, safe);
            buf = buf.subarray(safe);
          }
          break;
        }
        if (at > 0) yield buf.subarray(0, at);
        buf = buf.subarray(at + delimiter.length);
        state = 'after';
        continue;
      }
      if (state === 'done') {
        buf = Buffer.alloc(0);
        break;
      }
    }
  }
  // (The loop above changes `state` in ways the compiler does not follow.)
  if ((state as string) === 'file') throw new MultipartError('the multipart body ended inside the file');
  if (!found) throw new MultipartError('the multipart body has no file part (send the file as a part with a filename)');
}
