import { createHash } from 'node:crypto';
import type { Clock } from '../clock/clock';
import { CsvLayout, readCellsRecord, readCsvHeader, readCsvRecord, readHeaderCells } from './csv';
import { formatOf, ImportFileInfo, ImportFormat, peek, SNIFF_BYTES, spoolToFile } from './file-format';
import { Hold, LeaseLost } from './hold';
import type { ImportKind, RowOutcome } from './import-kind';
import type { ImportOptions } from './import-options';
import { ImportCounts, ImportFailureCode, ImportRecord, ImportStore, RowChunk, rowChunkId, rowPart, StagedRow } from './import-store';
import { importRefused } from './refusals';
import { ByteSource, readLines, SourceLine } from './lines';
import { ProblemSink } from './problem-sink';
import { StagedRowsCache } from './staged-cache';
import { readXlsxRows, SheetRow, XlsxError, XlsxTooLarge } from './xlsx';

/** What reading a file into staged rows needs of the importer. */
export interface Staging {
  store: ImportStore;
  clock: Clock;
  options: ImportOptions;
  staged: StagedRowsCache;
}

class TooLarge extends Error {}
class BadFile extends Error {}

const isProblem = <D>(o: RowOutcome<D>): o is { problem: string } => !('group' in o);

export const zero = (): ImportCounts => ({ valid: 0, rejected: 0, applied: 0, problems: 0 });

/** FNV-1a: a group's bucket, the same in every process. */
export const bucketOf = (group: string, buckets: number): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < group.length; i++) {
    h ^= group.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
};

/** A line of a CSV file or a row of a worksheet, as the engine takes them: the same checks, the same report. */
type TableLine = SourceLine | SheetRow;

const isBlank = (line: TableLine) => ('text' in line ? line.text.trim() === '' : 'cells' in line && line.cells.every((c) => c === ''));

/**
 * Reads a new import's file (CSV, or an XLSX workbook spooled to a temporary file first) line
 * by line as it arrives, never whole in memory: each line judged by the kind's rule, its row
 * staged in the bucket of its group, its problem written to the report, progress saved as it
 * goes. Ends VALIDATING (released for a run), or FAILED with nothing kept but the record
 * (too large, cut off, unreadable; thrown as the importer's refusal).
 */
export const stageFile = async <D>(
  at: Staging,
  kind: ImportKind<D>,
  record: ImportRecord,
  source: ByteSource,
  file?: ImportFileInfo,
): Promise<ImportRecord> => {
  const { options: o } = at;
  const id = record._id;
  const hold = new Hold(at.store, at.clock, id, record.owner!, o.leaseMs);
  const hash = createHash('sha256');
  const sink = await ProblemSink.at(at.store, id, o.problemChunk, 0);
  const counts = zero();
  const chunks = [...record.chunks];
  at.staged.start(id, record.buckets);
  const buffers: StagedRow<D>[][] = Array.from({ length: record.buckets }, () => []);
  let buffered = 0;
  let bytes = 0;
  let lines = 0;
  let format: ImportFormat | undefined;
  let layout: CsvLayout | null = null;
  let failure: ImportRecord['failure'] = null;
  let lastSave = Date.now();

  const flush = async () => {
    const rows: RowChunk[] = [];
    const written: Array<[number, StagedRow<D>[]]> = [];
    buffers.forEach((b, bucket) => {
      if (!b.length) return;
      written.push([bucket, b.splice(0)]);
      rows.push({ _id: rowChunkId(id, bucket, chunks[bucket]!), importRef: id, part: rowPart(id, bucket), rows: written[written.length - 1]![1] });
      chunks[bucket]!++;
    });
    buffered = 0;
    lastSave = Date.now();
    if (rows.length) await at.store.putRows(rows);
    for (const [bucket, staged] of written) at.staged.add(id, bucket, staged);
    const report = sink.take();
    await hold.save({ counts: { ...counts, problems: report.count }, receivedLines: lines, receivedBytes: bytes, chunks: [...chunks] }, report.chunks);
  };

  const tap = (chunk: Uint8Array) => {
    bytes += chunk.length;
    if (bytes > o.maxBytes) throw new TooLarge(`the file is larger than ${o.maxBytes} bytes`);
    hash.update(chunk);
  };

  /** A workbook: written to a temporary file as it arrives (hashed, counted), then its first worksheet row by row; the file goes whatever happens. */
  async function* sheetRows(bytesIn: AsyncIterable<Uint8Array | string>): AsyncGenerator<SheetRow> {
    const spooled = await spoolToFile(
      bytesIn,
      async (chunk) => {
        tap(chunk);
        if (Date.now() - lastSave >= o.progressMs) {
          lastSave = Date.now();
          await hold.save({ receivedBytes: bytes });
        }
      },
      o.tempDir,
    );
    try {
      yield* readXlsxRows(spooled.path, { maxRowBytes: o.maxLineBytes, maxSheetBytes: o.maxUnpackedBytes, maxSharedStringsBytes: o.maxSharedStringsBytes });
    } catch (err) {
      if (err instanceof XlsxTooLarge) throw new TooLarge(`the workbook is too large: ${err.message}`);
      if (err instanceof XlsxError) throw new BadFile(`not a readable XLSX workbook: ${err.message}`);
      throw err;
    } finally {
      await spooled.remove();
    }
  }

  try {
    const peeked = await peek(source, SNIFF_BYTES);
    const detected = formatOf(peeked.head, file);
    if (typeof detected !== 'string') throw new BadFile(detected.problem);
    format = detected;
    const table: AsyncIterable<TableLine> = format === 'xlsx' ? sheetRows(peeked.source) : readLines(peeked.source, { maxLineBytes: o.maxLineBytes, tap });

    for await (const line of table) {
      // After a bad header the rest of a CSV is only read through, for the file's hash (a workbook's was taken as it was written down).
      if (failure) {
        if (format === 'xlsx') break;
        continue;
      }
      if (isBlank(line)) continue;
      if (!layout) {
        const header =
          'problem' in line
            ? { problem: `bad header (${line.problem})` }
            : 'text' in line
              ? readCsvHeader(line.text, kind.columns, kind.optionalColumns)
              : readHeaderCells(line.cells, kind.columns, ';', kind.optionalColumns);
        if ('problem' in header) {
          failure = { code: 'BAD_HEADER', message: header.problem };
          sink.add({ line: line.number, message: header.problem });
        } else layout = header;
        continue;
      }
      if (++lines > o.maxLines) throw new TooLarge(`the file has more than ${o.maxLines} lines`);
      const read = 'problem' in line ? line : 'text' in line ? readCsvRecord(line.text, layout) : readCellsRecord(line.cells, layout);
      const outcome: RowOutcome<D> =
        'problem' in read
          ? { problem: read.problem }
          : kind.row(read.values, { line: line.number, separator: layout.separator, today: record.receivedOn, format });
      if (isProblem(outcome)) {
        counts.rejected++;
        sink.add({ line: line.number, message: outcome.problem });
      } else {
        counts.valid++;
        buffers[bucketOf(outcome.group, record.buckets)]!.push({ line: line.number, group: outcome.group, data: outcome.data });
        buffered++;
      }
      if (buffered >= o.stageBatch || Date.now() - lastSave >= o.progressMs) await flush();
    }
    if (!layout && !failure) failure = { code: 'EMPTY_FILE', message: 'the file is empty: expected a header line' };
    if (failure?.code === 'EMPTY_FILE') sink.add({ line: 1, message: failure.message });
    await flush();
    const received: Partial<ImportRecord> = {
      status: 'VALIDATING',
      failure,
      format,
      contentHash: hash.digest('hex'),
      receivedAt: at.clock.now().toISOString(),
      checkpoint: { phase: 'VALIDATING', bucket: 0, counts: { ...counts, problems: sink.count } },
    };
    // Released: the run that validates and applies it takes it (here or in any replica).
    await hold.save(received, [], { release: true });
    hold.stop();
    return (await at.store.get(id))!;
  } catch (err) {
    hold.stop();
    const code: ImportFailureCode = err instanceof TooLarge ? 'TOO_LARGE' : err instanceof BadFile ? 'BAD_FILE' : 'UPLOAD_INTERRUPTED';
    const message = err instanceof TooLarge || err instanceof BadFile ? err.message : `the upload stopped: ${(err as Error)?.message ?? err}`;
    // Nothing of it is kept but the record saying why; its id may be used again.
    await at.store
      .update(id, record.owner, {
        status: 'FAILED',
        failure: { code, message },
        ...(format ? { format } : {}),
        receivedLines: lines,
        receivedBytes: bytes,
        finishedAt: at.clock.now().toISOString(),
        owner: null,
        leaseUntil: 0,
      })
      .catch(() => undefined);
    await at.store.dropRows(id).catch(() => undefined);
    if (err instanceof LeaseLost) throw importRefused.interrupted(record.importId, 'it took longer than its lease');
    if (err instanceof TooLarge) throw importRefused.tooLarge(record.importId, err.message);
    if (err instanceof BadFile) throw importRefused.badFile(record.importId, err.message);
    throw importRefused.interrupted(record.importId, message);
  }
};
