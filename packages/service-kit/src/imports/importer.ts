import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../clock/clock';
import { Group, throughGroups } from './group-calls';
import { Hold, LeaseLost, Stopped } from './hold';
import type { ImportCaller, ImportKind, ImportRun } from './import-kind';
import { DEFAULT_IMPORT_OPTIONS, ImportOptions } from './import-options';
import { ImportCounts, ImportProblem, ImportRecord, ImportStore, OnInvalid, StagedRow } from './import-store';
import type { ImportFileInfo } from './file-format';
import type { ByteSource } from './lines';
import { ProblemSink } from './problem-sink';
import { importRefused } from './refusals';
import { StagedRowsCache } from './staged-cache';
import { Staging, stageFile, zero } from './staging';

export { importRefused } from './refusals';

/** `<kind>|<tenant>|<importId>`. */
export const importRecordId = (kind: string, tenantId: string, importId: string) => `${kind}|${tenantId}|${importId}`;

/** What a finished import's record says about the file, for the kind's own record of it. */
export const FIRST_PROBLEMS = 100;

/** An abandoned attempt whose id a new upload may take: nothing of it was ever applied. */
const abandoned = (r: ImportRecord, now: number) =>
  (r.status === 'FAILED' && (r.failure?.code === 'TOO_LARGE' || r.failure?.code === 'UPLOAD_INTERRUPTED' || r.failure?.code === 'BAD_FILE')) ||
  (r.status === 'RECEIVING' && r.leaseUntil <= now);

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
  private readonly staging: Staging;

  constructor(
    readonly store: ImportStore,
    private readonly clock: Clock,
    options: Partial<ImportOptions> = {},
  ) {
    this.options = { ...DEFAULT_IMPORT_OPTIONS, ...options };
    this.staged = new StagedRowsCache(this.options.stagedRowsInMemory);
    this.staging = { store, clock, options: this.options, staged: this.staged };
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
    return { record: await stageFile(this.staging, kind, record, source, opts.file), rerun: false };
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
            const many = kind.checkGroups && ((list: Group<D>[]) => kind.checkGroups!(list, run));
            await throughGroups(groups, { one: (g, rows) => kind.checkGroup!(g, rows, run), many }, lists, hold, ([group, rows], problem) => {
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
