/** A file as it arrives: chunks of bytes (an upload) or strings (taken as their UTF-8 bytes). */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** One line of an uploaded file: its text, or why it cannot be read (its number is kept either way). */
export type SourceLine = { number: number; text: string } | { number: number; problem: string };

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines as it arrives, holding at most one line in memory: a line
 * ends at LF, CRLF or a lone CR (old spreadsheets); a line over `maxLineBytes` is skipped
 * and reported, not buffered; a line that is not UTF-8 is reported; a byte order mark is
 * dropped. `tap` sees every chunk first (hashing, counting, limits: a throw ends the read).
 * Strings are taken as their UTF-8 bytes, so a GraphQL string and an upload read the same.
 */
export async function* readLines(source: ByteSource, opts: { maxLineBytes: number; tap?: (chunk: Uint8Array) => void }): AsyncGenerator<SourceLine> {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Uint8Array[] = [];
  let size = 0;
  let overlong = false;
  let number = 1;
  let afterCr = false;

  const take = (part: Uint8Array) => {
    if (overlong || part.length === 0) return;
    if (size + part.length > opts.maxLineBytes) {
      overlong = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(part);
    size += part.length;
  };

  const finish = (): SourceLine => {
    const n = number++;
    const wasOverlong = overlong;
    const bytes = parts.length === 1 ? parts[0]! : concat(parts, size);
    parts = [];
    size = 0;
    overlong = false;
    if (wasOverlong) return { number: n, problem: `the line is longer than ${opts.maxLineBytes} bytes` };
    try {
      return { number: n, text: decoder.decode(bytes) };
    } catch {
      return { number: n, problem: 'the line is not UTF-8 text (save the file as UTF-8)' };
    }
  };

  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? encoder.encode(raw) : raw;
    if (chunk.length === 0) continue;
    opts.tap?.(chunk);
    let pos = 0;
    if (afterCr && chunk[0] === LF) pos = 1; // the LF of a CRLF split between two chunks
    afterCr = false;
    // Each search runs once per break found, never again over bytes already passed.
    let nextLf = chunk.indexOf(LF, pos);
    let nextCr = chunk.indexOf(CR, pos);
    while (pos < chunk.length) {
      if (nextLf !== -1 && nextLf < pos) nextLf = chunk.indexOf(LF, pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = chunk.indexOf(CR, pos);
      const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
      if (end === -1) {
        take(chunk.subarray(pos));
        break;
      }
      take(chunk.subarray(pos, end));
      yield finish();
      if (chunk[end] === CR) {
        if (end + 1 === chunk.length) afterCr = true;
        pos = chunk[end + 1] === LF ? end + 2 : end + 1;
      } else pos = end + 1;
    }
  }
  if (size > 0 || overlong) yield finish();
}

const concat = (parts: Uint8Array[], size: number): Uint8Array => {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
