import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '@mms/eventsourcing/core';
import type { Clock } from '../clock/clock';
import { CsvLayout, readCellsRecord, readCsvHeader, readCsvRecord, readHeaderCells } from './csv';
import { formatOf, ImportFileInfo, ImportFormat, peek, SNIFF_BYTES, spoolToFile } from './file-format';
import type { ImportCaller, ImportKind, ImportRun, RowOutcome } from './import-kind';
import { DEFAULT_IMPORT_OPTIONS, ImportOptions } from './import-options';
import { ImportCounts, ImportFailureCode, ImportProblem, ImportRecord, ImportStore, OnInvalid, RowChunk, rowChunkId, rowPart, StagedRow } from './import-store';
import { Group, throughGroups } from './group-calls';
import { Hold, LeaseLost, Stopped } from './hold';
import { ByteSource, readLines, SourceLine } from './lines';
import { ProblemSink } from './problem-sink';
import { StagedRowsCache } from './staged-cache';
import { readXlsxRows, SheetRow, XlsxError, XlsxTooLarge } from './xlsx';

/** `<kind>|<tenant>|<importId>`. */
export const importRecordId = (kind: string, tenantId: string, importId: string) => `${kind}|${tenantId}|${importId}`;

/** What a finished import's record says about the file, for the kind's own record of it. */
export const FIRST_PROBLEMS = 100;

/** The refusals of the mechanism itself (HTTP: 409, 409, 413, 400, 422). */
export const importRefused = {
  inProgress: (importId: string) =>
    new DomainError('IMPORT_IN_PROGRESS', `import ${importId} is being received right now; wait for it or use a new importId`, { importId }),
  reused: (importId: string) => new DomainError('IMPORT_ID_REUSED', `import ${importId} was already run with another file; use a new importId`, { importId }),
  tooLarge: (importId: string, what: string) => new DomainError('TOO_LARGE', `import ${importId}: ${what}; split the file`, { importId }),
  interrupted: (importId: string, why: string) =>
    new DomainError('UPLOAD_INTERRUPTED', `import ${importId}: the file did not arrive whole (${why}); nothing was applied, send it again`, { importId }),
  badFile: (importId: string, why: string) =>
    new DomainError('BAD_FILE', `import ${importId}: the file cannot be read (${why}); nothing was applied`, { importId }),
};

class TooLarge extends Error {}
class BadFile extends Error {}

const isProblem = <D>(o: RowOutcome<D>): o is { problem: string } => !('group' in o);

const zero = (): ImportCounts => ({ valid: 0, rejected: 0, applied: 0, problems: 0 });

/** FNV-1a: a group's bucket, the same in every process. */
export const bucketOf = (group: string, buckets: number): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < group.length; i++) {
    h ^= group.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
};

/** An abandoned attempt whose id a new upload may take: nothing of it was ever applied. */
const abandoned = (r: ImportRecord, now: number) =>
  (r.status === 'FAILED' && (r.failure?.code === 'TOO_LARGE' || r.failure?.code === 'UPLOAD_INTERRUPTED' || r.failure?.code === 'BAD_FILE')) ||
  (r.status === 'RECEIVING' && r.leaseUntil <= now);

/** A line of a CSV file or a row of a worksheet, as the engine takes them: the same checks, the same report. */
type TableLine = SourceLine | SheetRow;

const isBlank = (line: TableLine) => ('text' in line ? line.text.trim() === '' : 'cells' in line && line.cells.every((c) => c === ''));

/** A bucket's rows as groups, each in line order (the order the rows take effect in). */
const groupsOf = <D>(rows: StagedRow<D>[]): Array<[string, StagedRow<D>[]]> => {
  const groups = new Map<string, StagedRow<D>[]>();
  for (const r of [...rows].sort((a, b) => a.line - b.line)) {
    const g = groups.get(r.group);
    if (g) g.push(r);
    else groups.set(r.group, [r]);
  }
  return [...groups];
};

/**
 * The import mechanism shared by every kind (README, "Imports"). A file is read line by line
 * as it arrives (never whole in memory), each line checked by the kind's rule, its rows
 * staged in buckets by group and its problems written to the report; an XLSX workbook is
 * first written to a temporary file (a zip is read from its end), then its first worksheet
 * is read row by row the same way, a row's number standing for the line. Then, in runs that
 * may be resumed by any replica after a crash:
 *
 *  VALIDATING  facts about every group (checkGroup); with REJECT_FILE a single problem ends
 *              the import here, FAILED, with nothing applied;
 *  APPLYING    bucket by bucket, each group's rows in one idempotent write (applyGroup);
 *  DONE        every valid line applied, exactly once.
 *
 * Nothing is applied before the whole file is received and validated; once applying
 * starts the import always ends applied in full, because work past the last checkpoint is
 * redone and redoing it writes nothing. No transactions are needed: every write is one
 * document, and a run holds its import by a lease.
 */
export class Importer {
  readonly options: ImportOptions;
  private readonly staged: StagedRowsCache;

  constructor(
    readonly store: ImportStore,
    private readonly clock: Clock,
    options: Partial<ImportOptions> = {},
  ) {
    this.options = { ...DEFAULT_IMPORT_OPTIONS, ...options };
    this.staged = new StagedRowsCache(this.options.stagedRowsInMemory);
  }

  get(kind: string, tenantId: string, importId: string): Promise<ImportRecord | null> {
    return this.store.get(importRecordId(kind, tenantId, importId));
  }

  /**
   * Reads a file and stages it. A new import ends RECEIVING as VALIDATING (to be run), or
   * FAILED when too large, cut off or unreadable as a workbook (thrown: nothing of it stays).
   * The same id again with the same file answers the earlier record (`rerun`); with another
   * file IMPORT_ID_REUSED. CSV or XLSX is told by the content (`file`, what the sender says
   * of it, is read once the first bytes are in, so a multipart part's headers may fill it).
   */
  async receive<D>(
    kind: ImportKind<D>,
    caller: ImportCaller,
    importId: string,
    source: ByteSource,
    opts: { onInvalid?: OnInvalid; file?: ImportFileInfo } = {},
  ): Promise<{ record: ImportRecord; rerun: boolean }> {
    const id = importRecordId(kind.name, caller.tenantId, importId);
    const owner = randomUUID();
    const now = this.clock.now();
    const existing = await this.store.get(id);
    if (existing && !abandoned(existing, now.getTime())) {
      if (existing.status === 'RECEIVING') throw importRefused.inProgress(importId);
      const hash = await this.digest(importId, source);
      if (hash !== existing.contentHash) throw importRefused.reused(importId);
      return { record: existing, rerun: true };
    }
    if (!existing && (await kind.idTaken?.(importId, caller))) throw importRefused.reused(importId);

    const record: ImportRecord = {
      _id: id,
      kind: kind.name,
      importId,
      ...caller,
      onInvalid: opts.onInvalid ?? 'SKIP_LINE',
      status: 'RECEIVING',
      failure: null,
      receivedOn: this.clock.today(),
      contentHash: null,
      receivedBytes: 0,
      receivedLines: 0,
      counts: zero(),
      checkpoint: { phase: 'VALIDATING', bucket: 0, counts: zero() },
      buckets: this.options.buckets,
      chunks: new Array<number>(this.options.buckets).fill(0),
      startedAt: now.toISOString(),
      receivedAt: null,
      finishedAt: null,
      updatedAt: now.toISOString(),
      owner,
      leaseUntil: now.getTime() + this.options.leaseMs,
      lastError: null,
      attempts: 0,
    };
    if (existing) {
      // A new attempt under the id of one that never got its file: start afresh.
      if (!(await this.store.claim(id, owner, record.leaseUntil, now.getTime()))) throw importRefused.inProgress(importId);
      await this.store.dropRows(id);
      await this.store.dropProblems(id);
      if (!(await this.store.update(id, owner, record))) throw importRefused.inProgress(importId);
    } else if (!(await this.store.create(record))) throw importRefused.inProgress(importId);
    return { record: await this.stage(kind, record, source, opts.file), rerun: false };
  }

  /** The hash of a file sent again under a known id (read through, nothing staged). */
  private async digest(importId: string, source: ByteSource): Promise<string> {
    const hash = createHash('sha256');
    let bytes = 0;
    const encoder = new TextEncoder();
    for await (const raw of source) {
      const chunk = typeof raw === 'string' ? encoder.encode(raw) : raw;
      bytes += chunk.length;
      if (bytes > this.options.maxBytes) throw importRefused.tooLarge(importId, `the file is larger than ${this.options.maxBytes} bytes`);
      hash.update(chunk);
    }
    return hash.digest('hex');
  }

  private async stage<D>(kind: ImportKind<D>, record: ImportRecord, source: ByteSource, file?: ImportFileInfo): Promise<ImportRecord> {
    const { options: o } = this;
    const id = record._id;
    const hold = new Hold(this.store, this.clock, id, record.owner!, o.leaseMs);
    const hash = createHash('sha256');
    const sink = await ProblemSink.at(this.store, id, o.problemChunk, 0);
    const counts = zero();
    const chunks = [...record.chunks];
    this.staged.start(id, record.buckets);
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
      if (rows.length) await this.store.putRows(rows);
      for (const [bucket, staged] of written) this.staged.add(id, bucket, staged);
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
        receivedAt: this.clock.now().toISOString(),
        checkpoint: { phase: 'VALIDATING', bucket: 0, counts: { ...counts, problems: sink.count } },
      };
      // Released: the run that validates and applies it takes it (here or in any replica).
      await hold.save(received, [], { release: true });
      hold.stop();
      return (await this.store.get(id))!;
    } catch (err) {
      hold.stop();
      const code: ImportFailureCode = err instanceof TooLarge ? 'TOO_LARGE' : err instanceof BadFile ? 'BAD_FILE' : 'UPLOAD_INTERRUPTED';
      const message = err instanceof TooLarge || err instanceof BadFile ? err.message : `the upload stopped: ${(err as Error)?.message ?? err}`;
      // Nothing of it is kept but the record saying why; its id may be used again.
      await this.store
        .update(id, record.owner, {
          status: 'FAILED',
          failure: { code, message },
          ...(format ? { format } : {}),
          receivedLines: lines,
          receivedBytes: bytes,
          finishedAt: this.clock.now().toISOString(),
          owner: null,
          leaseUntil: 0,
        })
        .catch(() => undefined);
      await this.store.dropRows(id).catch(() => undefined);
      if (err instanceof LeaseLost) throw importRefused.interrupted(record.importId, 'it took longer than its lease');
      if (err instanceof TooLarge) throw importRefused.tooLarge(record.importId, err.message);
      if (err instanceof BadFile) throw importRefused.badFile(record.importId, err.message);
      throw importRefused.interrupted(record.importId, message);
    }
  }

  /**
   * Validates and applies a received import to its end, or goes on from where a run that
   * stopped left it. Null when another run holds it; the record otherwise (DONE, FAILED). A
   * failure of the database stops the run and leaves the import to be resumed after
   * `retryMs` (by `sweep`), then rethrows.
   */
  async run<D>(kind: ImportKind<D>, id: string, opts: { signal?: AbortSignal } = {}): Promise<ImportRecord | null> {
    const o = this.options;
    const owner = randomUUID();
    const now = this.clock.now().getTime();
    const record = await this.store.claim(id, owner, now + o.leaseMs, now);
    if (!record) return null;
    if (record.status !== 'VALIDATING' && record.status !== 'APPLYING') {
      await this.store.update(id, owner, { owner: null, leaseUntil: 0 });
      return { ...record, owner: null, leaseUntil: 0 };
    }
    const hold = new Hold(this.store, this.clock, id, owner, o.leaseMs, opts.signal);
    const run: ImportRun = {
      importId: record.importId,
      tenantId: record.tenantId,
      actor: record.actor,
      correlationId: record.correlationId,
      causationId: record.causationId,
      receivedOn: record.receivedOn,
      ...(record.scope ? { scope: record.scope } : {}),
    };
    try {
      const counts: ImportCounts = { ...record.checkpoint.counts };
      const sink = await ProblemSink.at(this.store, id, o.problemChunk, counts.problems);
      const checkpoint = async (phase: 'VALIDATING' | 'APPLYING', bucket: number, extra: Partial<ImportRecord> = {}) => {
        const report = sink.take();
        const at = { ...counts, problems: report.count };
        await hold.save({ ...extra, counts: at, checkpoint: { phase, bucket, counts: at } }, report.chunks);
      };
      const refuse = (rows: StagedRow<D>[], message: string) => {
        counts.valid -= rows.length;
        counts.rejected += rows.length;
        for (const r of rows) sink.add({ line: r.line, message });
      };

      if (record.failure) return await this.finish(kind, hold, record, counts, sink, run, 'FAILED', record.failure);

      let from = record.checkpoint.bucket;
      // Checkpoints at most every progressMs (and at each phase's end): a run resumed after a crash redoes what followed the last one, and redoing writes nothing.
      let lastSave = Date.now();
      const due = () => Date.now() - lastSave >= o.progressMs;
      const refusedGroups: Record<string, string[]> = { ...(record.refusedGroups ?? {}) };
      const lists = { parallel: o.parallelGroups, perCall: o.groupsPerCall };
      if (record.refusedGroups === undefined) {
        // Validated (in part) before `refusedGroups` existed: those buckets' refusals are in the store.
        const validated = record.checkpoint.phase === 'APPLYING' ? record.buckets : record.checkpoint.bucket;
        for (let b = 0; b < validated; b++) {
          const groups = record.chunks[b] === 0 ? [] : await this.store.refused(id, b);
          if (groups.length) refusedGroups[b] = groups;
        }
      }
      if (record.checkpoint.phase === 'VALIDATING') {
        for (let b = from; b < record.buckets; b++) {
          hold.check();
          // A bucket no row went to has nothing to check (nor to refuse, nor to apply below).
          if (record.chunks[b] === 0) continue;
          const groups = groupsOf(await this.bucket<D>(id, b));
          const refused: Array<[string, StagedRow<D>[], string]> = [];
          if (kind.checkGroup) {
            const check = kind.checkGroup.bind(kind);
            const many = kind.checkGroups && ((list: Group<D>[]) => kind.checkGroups!(list, run));
            await throughGroups(groups, { one: (g, rows) => check(g, rows, run), many }, lists, hold, ([group, rows], problem) => {
              if (problem) refused.push([group, rows, problem]);
            });
          }
          // The report of a bucket in line order, whatever order its checks finished in.
          refused.sort((a, b) => a[1][0]!.line - b[1][0]!.line);
          for (const [, rows, problem] of refused) refuse(rows, problem);
          // In the checkpoint's own write (a run resumed past this bucket must still skip them).
          if (refused.length) refusedGroups[b] = refused.map(([group]) => group);
          else delete refusedGroups[b];
          if (due()) {
            await checkpoint('VALIDATING', b + 1, { refusedGroups });
            lastSave = Date.now();
          }
        }
        if (record.onInvalid === 'REJECT_FILE' && counts.rejected > 0) {
          const message = `${counts.rejected} line(s) have problems (see the report); nothing was applied`;
          return await this.finish(kind, hold, record, counts, sink, run, 'FAILED', { code: 'HAS_PROBLEMS', message });
        }
        await checkpoint('APPLYING', 0, { status: 'APPLYING', refusedGroups });
        lastSave = Date.now();
        from = 0;
      }

      for (let b = from; b < record.buckets; b++) {
        hold.check();
        if (record.chunks[b] === 0) continue;
        const refused = new Set(refusedGroups[b] ?? []);
        const groups = groupsOf(await this.bucket<D>(id, b)).filter(([group]) => !refused.has(group));
        const many = kind.applyGroups && ((list: Group<D>[]) => kind.applyGroups!(list, run));
        await throughGroups(groups, { one: (g, rows) => kind.applyGroup(g, rows, run), many }, lists, hold, async ([, rows], outcome) => {
          if (typeof outcome === 'string') refuse(rows, outcome);
          else if (outcome) {
            const byLine = new Map(outcome.refused.map((p) => [p.line, p.message]));
            for (const r of rows) if (byLine.has(r.line)) refuse([r], byLine.get(r.line)!);
            counts.applied += rows.filter((r) => !byLine.has(r.line)).length;
          } else counts.applied += rows.length;
          if (due()) {
            lastSave = Date.now();
            // Progress between checkpoints: seen by readers, not resumed from.
            const report = sink.take();
            await hold.save({ counts: { ...counts, problems: report.count } }, report.chunks);
          }
        });
        if (due()) {
          await checkpoint('APPLYING', b + 1);
          lastSave = Date.now();
        }
      }
      return await this.finish(kind, hold, record, counts, sink, run, 'DONE', null);
    } catch (err) {
      if (err instanceof LeaseLost || hold.lost) {
        this.staged.forget(id);
        return null;
      }
      if (err instanceof Stopped) {
        // A shutdown: the import is free at once for the next run (here after a restart, or another replica).
        await this.store.update(id, owner, { owner: null, leaseUntil: 0 }).catch(() => undefined);
        return null;
      }
      await this.store
        .update(id, owner, {
          owner: null,
          leaseUntil: this.clock.now().getTime() + o.retryMs,
          lastError: String((err as Error)?.message ?? err).slice(0, 500),
          attempts: record.attempts + 1,
        })
        .catch(() => undefined);
      throw err;
    } finally {
      hold.stop();
    }
  }

  private async finish<D>(
    kind: ImportKind<D>,
    hold: Hold,
    record: ImportRecord,
    counts: ImportCounts,
    sink: ProblemSink,
    run: ImportRun,
    status: 'DONE' | 'FAILED',
    failure: ImportRecord['failure'],
  ): Promise<ImportRecord> {
    const report = sink.take();
    const final = { ...counts, problems: report.count };
    // The phase's end as its checkpoint: a run resumed after the rows are dropped below must not look for them.
    const phase = status === 'DONE' ? 'APPLYING' : 'VALIDATING';
    await hold.save({ counts: final, checkpoint: { phase, bucket: record.buckets, counts: final } }, report.chunks);
    const done: ImportRecord = { ...record, status, failure, counts: final };
    await kind.finished?.(done, await this.problems(done, 0, FIRST_PROBLEMS), run);
    // Rows are no longer needed once every bucket is through (a crash before the next write resumes past them).
    this.staged.forget(record._id);
    await this.store.dropRows(record._id);
    await hold.save({ status, failure, counts: final, finishedAt: this.clock.now().toISOString() }, [], { release: true });
    hold.stop();
    return (await this.store.get(record._id))!;
  }

  private async bucket<D>(id: string, bucket: number): Promise<StagedRow<D>[]> {
    return this.staged.bucket<D>(id, bucket) ?? (await this.store.rows(id, bucket)).flatMap((c) => c.rows as StagedRow<D>[]);
  }

  /** Report entries `from` (0-based) on, at most `count`, in the order they were found. */
  async problems(record: ImportRecord, from: number, count: number): Promise<ImportProblem[]> {
    const size = this.options.problemChunk;
    const end = Math.min(record.counts.problems, from + count);
    if (from >= end) return [];
    const seqs: number[] = [];
    for (let s = Math.floor(from / size); s <= Math.floor((end - 1) / size); s++) seqs.push(s);
    const chunks = await Promise.all(seqs.map((s) => this.store.problemChunk(record._id, s)));
    const first = seqs[0]! * size;
    return chunks.flatMap((c) => c?.problems ?? []).slice(from - first, end - first);
  }

  /**
   * Imports left behind: an upload cut off by a crash is FAILED (nothing of it applied); an
   * import whose run stopped (a crash, a failed database) is returned to be run again.
   */
  async sweep(): Promise<ImportRecord[]> {
    const now = this.clock.now().getTime();
    const resumable: ImportRecord[] = [];
    for (const r of await this.store.unfinished()) {
      if (r.leaseUntil > now) continue;
      if (r.status !== 'RECEIVING') {
        resumable.push(r);
        continue;
      }
      const owner = randomUUID();
      if (!(await this.store.claim(r._id, owner, now + this.options.leaseMs, now))) continue;
      await this.store.dropRows(r._id);
      await this.store.update(r._id, owner, {
        status: 'FAILED',
        failure: { code: 'UPLOAD_INTERRUPTED', message: 'the upload stopped before the file was whole (the service restarted); nothing was applied' },
        finishedAt: this.clock.now().toISOString(),
        owner: null,
        leaseUntil: 0,
      });
    }
    return resumable;
  }
}
