import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import * as yauzl from 'yauzl';
import { XlsxError, XlsxTooLarge, messageOf } from './xml';

/* The XLSX reader's zip: parts unpacked by name, streamed to a parser. */

/** A zip read by its central directory: entries by name (part names are not case-sensitive). */
export class Zip {
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
export async function* parsePart<T>(stream: Readable, parser: SaxesParser, name: string, drain: () => T[]): AsyncGenerator<T> {
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
export const readPart = async (zip: Zip, name: string, limit: number, what: string, on: (parser: SaxesParser) => void): Promise<void> => {
  const parser: SaxesParser = new SaxesParser({ position: false });
  on(parser);
  for await (const _ of parsePart(await zip.text(name, limit, what), parser, name, () => []));
};
