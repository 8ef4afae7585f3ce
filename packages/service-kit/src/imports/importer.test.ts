import type { Clock } from '../clock/clock';
import type { ImportKind, ImportRun } from './import-kind';
import { ImportRecord, ImportStore, MemoryImportStore, StagedRow } from './import-store';
import { importProblemsPage } from './import-view';
import { Importer, importRecordId } from './importer';

/** A clock the test moves: leases pass only when it says so. */
const movableClock = () => {
  let t = Date.parse('2026-09-15T09:00:00Z');
  const clock: Clock = { timeZone: 'UTC', now: () => new Date(t), today: () => '2026-09-15' };
  return { clock, advance: (ms: number) => (t += ms) };
};

class Crash extends Error {}

/**
 * A toy kind: `who;value`, a value is a whole number from 0 to 100, "ghost" is nobody, a group
 * is one person. The ledger is its "event store": a group written again after a crash
 * adds nothing (like result ids `importId:line`), and every write that adds is one commit.
 */
const toyKind = (opts: { crashAfterCommit?: number; gate?: Promise<void>; lists?: boolean } = {}) => {
  const ledger = new Map<string, Map<number, number>>();
  const commits: string[] = [];
  const finished: ImportRecord[] = [];
  /** The groups of each list call (`lists`): which hook, how many. */
  const listCalls: Array<['check' | 'apply', number]> = [];
  let commitCount = 0;
  const kind: ImportKind<{ value: number }> = {
    name: 'toy',
    columns: ['who', 'value'],
    authorize: () => ({ tenantId: 't1', actor: { subject: 'u1', role: 'municipal_methodologist' }, correlationId: 'c1', causationId: null }),
    row: (v) => {
      const value = Number(v['value']);
      if (!Number.isInteger(value) || value < 0 || value > 100) return { problem: `value "${v['value']}" must be a whole number from 0 to 100` };
      return { group: v['who']!, data: { value } };
    },
    checkGroup: async (who) => (who === 'ghost' ? `${who} is nobody here` : null),
    applyGroup: async (who: string, rows: StagedRow<{ value: number }>[], _run: ImportRun) => {
      await opts.gate;
      if (who === 'late') return 'late moved away';
      const mine = ledger.get(who) ?? new Map<number, number>();
      const fresh = rows.filter((r) => !mine.has(r.line));
      if (fresh.length) {
        for (const r of fresh) mine.set(r.line, r.data.value);
        ledger.set(who, mine);
        commits.push(who);
        if (++commitCount === opts.crashAfterCommit) throw new Crash('the process died right after a commit');
      }
      return null;
    },
    finished: async (record) => {
      finished.push(record);
    },
  };
  if (opts.lists) {
    // As a bulk command is: every group of the list judged as alone, written one after another (a crash leaves the first ones written).
    kind.checkGroups = async (groups, run) => {
      listCalls.push(['check', groups.length]);
      const answers: Array<string | null> = [];
      for (const [who, rows] of groups) answers.push(await kind.checkGroup!(who, rows, run));
      return answers;
    };
    kind.applyGroups = async (groups, run) => {
      listCalls.push(['apply', groups.length]);
      const answers: Array<string | null | { refused: { line: number; message: string }[] }> = [];
      for (const [who, rows] of groups) answers.push(await kind.applyGroup(who, rows, run));
      return answers;
    };
  }
  return { kind, ledger, commits, finished, listCalls };
};

/** A store whose `n`-th write throws, as a process that dies there; `writes` counts them. */
const dyingStore = (inner: ImportStore, n: number) => {
  let writes = 0;
  const write =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      if (++writes === n) throw new Crash(`died at write ${n}`);
      if (writes > n) throw new Crash('dead');
      return f(...a);
    };
  const store: ImportStore = {
    create: write(inner.create.bind(inner)),
    get: inner.get.bind(inner),
    update: write(inner.update.bind(inner)),
    claim: write(inner.claim.bind(inner)),
    unfinished: inner.unfinished.bind(inner),
    putRows: write(inner.putRows.bind(inner)),
    rows: inner.rows.bind(inner),
    putProblems: write(inner.putProblems.bind(inner)),
    problemChunk: inner.problemChunk.bind(inner),
    refused: inner.refused.bind(inner),
    dropRows: write(inner.dropRows.bind(inner)),
    dropProblems: write(inner.dropProblems.bind(inner)),
  };
  return { store, writes: () => writes };
};

const SMALL = { buckets: 4, stageBatch: 3, problemChunk: 2, parallelGroups: 2, leaseMs: 60_000, retryMs: 1_000 };

const FILE = [
  'who;value',
  'ann;10',
  'bob;20',
  'ann;30',
  'cid;x', // 5: not a number
  '',
  'dan;40',
  'ghost;50', // 8: nobody
  'eve;101', // 9: out of range
  'bob;60',
  'late;70', // 11: refused at application
  'fay;80',
  'gus;90',
  'ann;100',
  'ghost;1', // 15: nobody
  'hal;0',
].join('\n');

const VALID_LINES = { ann: [2, 4, 14], bob: [3, 10], dan: [7], fay: [12], gus: [13], hal: [16] };
const EXPECTED_PROBLEMS = [
  { line: 5, message: 'value "x" must be a whole number from 0 to 100' },
  { line: 9, message: 'value "101" must be a whole number from 0 to 100' },
  { line: 8, message: 'ghost is nobody here' },
  { line: 15, message: 'ghost is nobody here' },
  { line: 11, message: 'late moved away' },
];

const caller = { tenantId: 't1', actor: { subject: 'u1', role: 'municipal_methodologist' }, correlationId: 'c1', causationId: null };
const id = (importId: string) => importRecordId('toy', 't1', importId);

const ledgerLines = (ledger: Map<string, Map<number, number>>) => Object.fromEntries([...ledger].map(([who, m]) => [who, [...m.keys()].sort((a, b) => a - b)]));

const allProblems = async (importer: Importer, record: ImportRecord) => importer.problems(record, 0, record.counts.problems);

describe('Importer (the shared import engine, over the in-memory store)', () => {
  it('reads, stages, validates and applies: each group once, every refused line reported with why', async () => {
    const { clock } = movableClock();
    const importer = new Importer(new MemoryImportStore(), clock, SMALL);
    const toy = toyKind();
    const { record, rerun } = await importer.receive(toy.kind, caller, 'i1', [FILE]);
    expect(rerun).toBe(false);
    expect(record).toMatchObject({ status: 'VALIDATING', receivedLines: 14, counts: { valid: 12, rejected: 2, applied: 0, problems: 2 }, owner: null });
    expect(record.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const done = (await importer.run(toy.kind, id('i1')))!;
    expect(done).toMatchObject({ status: 'DONE', failure: null, counts: { valid: 9, rejected: 5, applied: 9, problems: 5 } });
    expect(done.counts.applied + done.counts.rejected).toBe(done.receivedLines);
    expect(ledgerLines(toy.ledger)).toEqual(VALID_LINES);
    expect(new Set(toy.commits).size).toBe(toy.commits.length); // one write per group
    expect(await allProblems(importer, done)).toEqual(EXPECTED_PROBLEMS);
    expect(toy.finished.map((r) => r.status)).toEqual(['DONE']);
    // Staged rows go once applied; the record and its report stay.
    expect((importer.store as MemoryImportStore).rowChunks.size).toBe(0);

    const page1 = await importProblemsPage(importer, done, { first: 3 });
    expect(page1.nodes.map((p) => p.line)).toEqual([5, 9, 8]);
    const page2 = await importProblemsPage(importer, done, { first: 3, after: page1.pageInfo.endCursor });
    expect(page2).toEqual({ nodes: EXPECTED_PROBLEMS.slice(3), pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });
    expect(page1.pageInfo.hasNextPage).toBe(true);
  });

  it('the process that staged a file applies it without reading its rows back; another process reads them; empty buckets are skipped', async () => {
    const { clock } = movableClock();
    const store = new MemoryImportStore();
    const reads: number[] = [];
    const rows = store.rows.bind(store);
    store.rows = (importId, bucket) => (reads.push(bucket), rows(importId, bucket));
    const options = { ...SMALL, buckets: 64 };
    const toy = toyKind();
    const here = new Importer(store, clock, options);
    await here.receive(toy.kind, caller, 'i1', [FILE]);
    expect(await here.run(toy.kind, id('i1'))).toMatchObject({ status: 'DONE', counts: { applied: 9, problems: 5 } });
    expect(reads).toEqual([]);
    expect(ledgerLines(toy.ledger)).toEqual(VALID_LINES);

    // Received by one replica, run by another: the rows come from the store, only the buckets that have any, once per pass.
    const other = toyKind();
    await here.receive(other.kind, caller, 'i2', [FILE]);
    const there = new Importer(store, clock, options);
    expect(await there.run(other.kind, id('i2'))).toMatchObject({ status: 'DONE', counts: { applied: 9, problems: 5 } });
    expect(ledgerLines(other.ledger)).toEqual(VALID_LINES);
    const filled = new Set(reads);
    expect(filled.size).toBeLessThanOrEqual(8); // 8 people, 64 buckets
    expect(reads).toHaveLength(2 * filled.size);
  });

  it('a record validated before refusals went into the record (APPLYING, refusals per bucket in the store) is applied without them', async () => {
    const { clock } = movableClock();
    const store = new MemoryImportStore();
    const importer = new Importer(store, clock, SMALL);
    const toy = toyKind();
    await importer.receive(toy.kind, caller, 'i1', [FILE]);
    // As an older run left it: validated, every group of ann's bucket refused in the store, nothing in the record.
    const record = (await store.get(id('i1')))!;
    const annBucket = (await Promise.all(Array.from({ length: SMALL.buckets }, (_, b) => store.rows(id('i1'), b)))).findIndex((chunks) =>
      chunks.some((c) => c.rows.some((r) => r.group === 'ann')),
    );
    await store.putRefused(id('i1'), annBucket, ['ann']);
    await store.update(id('i1'), null, { status: 'APPLYING', checkpoint: { ...record.checkpoint, phase: 'APPLYING', bucket: 0 } });
    expect((await store.get(id('i1')))!.refusedGroups).toBeUndefined();
    await importer.run(toy.kind, id('i1'));
    expect(toy.ledger.has('ann')).toBe(false);
    expect(toy.ledger.has('bob')).toBe(true);
  });

  it('the same file again is a re-run that applies nothing; another file under the id is refused', async () => {
    const { clock } = movableClock();
    const importer = new Importer(new MemoryImportStore(), clock, SMALL);
    const toy = toyKind();
    await importer.receive(toy.kind, caller, 'i1', [FILE]);
    await importer.run(toy.kind, id('i1'));
    const commits = toy.commits.length;
    const again = await importer.receive(toy.kind, caller, 'i1', [FILE.slice(0, 20), FILE.slice(20)]);
    expect(again.rerun).toBe(true);
    expect(again.record.status).toBe('DONE');
    expect(toy.commits.length).toBe(commits);
    await expect(importer.receive(toy.kind, caller, 'i1', [FILE.replace('ann;10', 'ann;11')])).rejects.toMatchObject({ code: 'IMPORT_ID_REUSED' });
  });

  it('REJECT_FILE: one bad line and nothing is applied; a clean file is applied whole', async () => {
    const { clock } = movableClock();
    const importer = new Importer(new MemoryImportStore(), clock, SMALL);
    const toy = toyKind();
    await importer.receive(toy.kind, caller, 'bad', [FILE], { onInvalid: 'REJECT_FILE' });
    const failed = (await importer.run(toy.kind, id('bad')))!;
    expect(failed).toMatchObject({ status: 'FAILED', failure: { code: 'HAS_PROBLEMS' }, counts: { applied: 0, rejected: 4 } });
    expect(toy.ledger.size).toBe(0);
    expect(toy.finished.map((r) => r.status)).toEqual(['FAILED']);

    await importer.receive(toy.kind, caller, 'good', ['who;value\nann;1\nbob;2\n'], { onInvalid: 'REJECT_FILE' });
    expect(await importer.run(toy.kind, id('good'))).toMatchObject({ status: 'DONE', counts: { applied: 2, rejected: 0 } });
  });

  it('a bad header or an empty file: the file is refused whole (FAILED), the problem at its line', async () => {
    const { clock } = movableClock();
    const importer = new Importer(new MemoryImportStore(), clock, SMALL);
    const toy = toyKind();
    const { record } = await importer.receive(toy.kind, caller, 'h', ['\n\nname;value\nann;1\n']);
    expect(record).toMatchObject({ status: 'VALIDATING', failure: { code: 'BAD_HEADER' } });
    const failed = (await importer.run(toy.kind, id('h')))!;
    expect(failed).toMatchObject({ status: 'FAILED', counts: { applied: 0, problems: 1 } });
    expect(await allProblems(importer, failed)).toEqual([
      { line: 3, message: 'bad header (missing column(s): who; unknown column(s): "name"); expected who;value' },
    ]);

    await importer.receive(toy.kind, caller, 'e', ['\uFEFF\n  \n']);
    const empty = (await importer.run(toy.kind, id('e')))!;
    expect(empty).toMatchObject({ status: 'FAILED', failure: { code: 'EMPTY_FILE' } });
    expect(toy.ledger.size).toBe(0);
  });

  it('an upload cut off, or over a limit, keeps nothing but the record; its id may be used again', async () => {
    const { clock } = movableClock();
    const store = new MemoryImportStore();
    const importer = new Importer(store, clock, { ...SMALL, maxLines: 20 });
    const toy = toyKind();
    async function* cutOff() {
      yield 'who;value\nann;1\nbob;2\nann;3\n';
      throw new Error('aborted');
    }
    await expect(importer.receive(toy.kind, caller, 'cut', cutOff())).rejects.toMatchObject({ code: 'UPLOAD_INTERRUPTED' });
    expect(await store.get(id('cut'))).toMatchObject({ status: 'FAILED', failure: { code: 'UPLOAD_INTERRUPTED' }, receivedLines: 3 });
    expect(store.rowChunks.size).toBe(0);
    const retried = await importer.receive(toy.kind, caller, 'cut', ['who;value\nann;1\n']);
    expect(retried).toMatchObject({ rerun: false, record: { status: 'VALIDATING', receivedLines: 1, failure: null } });

    const big = 'who;value\n' + 'ann;1\n'.repeat(21);
    await expect(importer.receive(toy.kind, caller, 'big', [big])).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(await store.get(id('big'))).toMatchObject({ status: 'FAILED', failure: { code: 'TOO_LARGE' } });
    const tiny = new Importer(store, clock, { ...SMALL, maxBytes: 10 });
    await expect(tiny.receive(toy.kind, caller, 'bytes', ['who;value\nann;1\n'])).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(toy.ledger.size).toBe(0);
  });

  it('progress is visible while it applies: APPLYING with some of the lines applied', async () => {
    const { clock } = movableClock();
    const importer = new Importer(new MemoryImportStore(), clock, { ...SMALL, progressMs: 0 });
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const toy = toyKind({ gate });
    await importer.receive(toy.kind, caller, 'p', [FILE]);
    const running = importer.run(toy.kind, id('p'));
    await new Promise((r) => setTimeout(r, 10));
    expect(await importer.get('toy', 't1', 'p')).toMatchObject({ status: 'APPLYING', counts: { applied: 0 } });
    open();
    await running;
    expect(await importer.get('toy', 't1', 'p')).toMatchObject({ status: 'DONE', counts: { applied: 9 } });
  });

  it('a run stopped by a shutdown frees the import at once; the next run finishes it', async () => {
    const { clock } = movableClock();
    const importer = new Importer(new MemoryImportStore(), clock, SMALL);
    const toy = toyKind();
    await importer.receive(toy.kind, caller, 's', [FILE]);
    const stop = new AbortController();
    stop.abort();
    expect(await importer.run(toy.kind, id('s'), { signal: stop.signal })).toBeNull();
    expect(await importer.get('toy', 't1', 's')).toMatchObject({ status: 'VALIDATING', owner: null, leaseUntil: 0 });
    expect(await importer.run(toy.kind, id('s'))).toMatchObject({ status: 'DONE', counts: { applied: 9 } });
  });

  it('a kind that takes lists gets its groups in lists of groupsPerCall, each answer to its own group; groupsPerCall 1 sends each group alone', async () => {
    const many = new Importer(new MemoryImportStore(), movableClock().clock, { ...SMALL, buckets: 1, groupsPerCall: 3 });
    const toy = toyKind({ lists: true });
    await many.receive(toy.kind, caller, 'l', [FILE]);
    const done = (await many.run(toy.kind, id('l')))!;
    expect(done).toMatchObject({ status: 'DONE', counts: { valid: 9, rejected: 5, applied: 9, problems: 5 } });
    expect(ledgerLines(toy.ledger)).toEqual(VALID_LINES);
    expect((await allProblems(many, done)).sort((a, b) => a.line - b.line)).toEqual([...EXPECTED_PROBLEMS].sort((a, b) => a.line - b.line));
    // 8 people in one bucket: checked 3 + 3 + 2; 'ghost' refused there, so 7 applied 3 + 3 + 1.
    expect(toy.listCalls).toEqual([
      ['check', 3],
      ['check', 3],
      ['check', 2],
      ['apply', 3],
      ['apply', 3],
      ['apply', 1],
    ]);

    const alone = new Importer(new MemoryImportStore(), movableClock().clock, { ...SMALL, groupsPerCall: 1 });
    const single = toyKind({ lists: true });
    await alone.receive(single.kind, caller, 'l', [FILE]);
    expect(await alone.run(single.kind, id('l'))).toMatchObject({ status: 'DONE', counts: { applied: 9, problems: 5 } });
    expect(single.listCalls).toEqual([]);
    expect(ledgerLines(single.ledger)).toEqual(VALID_LINES);
  });

  // progressMs 0: a checkpoint after every bucket and progress after every group (more places to die at, counts past the checkpoint to be ignored); an hour: one checkpoint per phase.
  // With lists (2 groups a call), a crash after a commit leaves part of a list written.
  it.each([
    [0, false],
    [3_600_000, false],
    [0, true],
    [3_600_000, true],
  ])(
    'a crash at any write of a run, or right after any commit: the next run resumes and every line ends applied exactly once (progressMs %d, lists %s)',
    async (progressMs, lists) => {
      const O = { ...SMALL, progressMs, groupsPerCall: 2 };
      // A clean run counts its writes.
      const clean = (() => {
        const { clock } = movableClock();
        const inner = new MemoryImportStore();
        return { clock, inner, counting: dyingStore(inner, Number.MAX_SAFE_INTEGER) };
      })();
      const toyClean = toyKind({ lists });
      await new Importer(clean.inner, clean.clock, O).receive(toyClean.kind, caller, 'c', [FILE]);
      const before = clean.counting.writes();
      await new Importer(clean.counting.store, clean.clock, O).run(toyClean.kind, id('c'));
      const runWrites = clean.counting.writes() - before;
      // Every write per bucket and group, or only the phases' own: claim, the report and APPLYING, the report and the counts, the rows dropped, DONE.
      if (progressMs === 0) expect(runWrites).toBeGreaterThan(10);
      else expect(runWrites).toBeLessThanOrEqual(7);

      const scenarios: Array<{ dieAtWrite: number } | { crashAfterCommit: number }> = [
        ...Array.from({ length: runWrites }, (_, i) => ({ dieAtWrite: i + 1 })),
        ...Array.from({ length: toyClean.commits.length }, (_, i) => ({ crashAfterCommit: i + 1 })),
      ];
      for (const s of scenarios) {
        const { clock, advance } = movableClock();
        const inner = new MemoryImportStore();
        const toy = toyKind({ lists, ...('crashAfterCommit' in s ? { crashAfterCommit: s.crashAfterCommit } : {}) });
        await new Importer(inner, clock, O).receive(toy.kind, caller, 'c', [FILE]);
        const dying = dyingStore(inner, 'dieAtWrite' in s ? s.dieAtWrite : Number.MAX_SAFE_INTEGER);
        await expect(new Importer(dying.store, clock, O).run(toy.kind, id('c'))).rejects.toThrow(Crash);

        // Another process: nothing to do while the dead run's lease holds, then it resumes.
        const survivor = new Importer(inner, clock, O);
        advance(O.leaseMs + O.retryMs);
        const resumable = await survivor.sweep();
        expect(resumable.map((r) => r._id)).toEqual([id('c')]);
        const done = (await survivor.run(toy.kind, id('c')))!;

        const where = JSON.stringify(s);
        expect([where, done.status, done.counts]).toEqual([where, 'DONE', { valid: 9, rejected: 5, applied: 9, problems: 5 }]);
        expect([where, ledgerLines(toy.ledger)]).toEqual([where, VALID_LINES]);
        expect([where, new Set(toy.commits).size]).toEqual([where, toy.commits.length]); // no group written twice
        expect([where, (await allProblems(survivor, done)).sort((a, b) => a.line - b.line)]).toEqual([
          where,
          [...EXPECTED_PROBLEMS].sort((a, b) => a.line - b.line),
        ]);
      }
    },
  );

  it('an upload left RECEIVING by a crashed process is failed by the sweep (nothing applied), and its id is free again', async () => {
    const { clock, advance } = movableClock();
    const store = new MemoryImportStore();
    const importer = new Importer(store, clock, SMALL);
    const toy = toyKind();
    async function* hangs() {
      yield 'who;value\nann;1\nbob;2\nann;3\nbob;4\n';
      await new Promise(() => undefined); // the process died while reading; this never returns
    }
    void importer.receive(toy.kind, caller, 'r', hangs()).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    expect(await store.get(id('r'))).toMatchObject({ status: 'RECEIVING' });
    await expect(importer.receive(toy.kind, caller, 'r', ['who;value\n'])).rejects.toMatchObject({ code: 'IMPORT_IN_PROGRESS' });
    expect(await importer.sweep()).toEqual([]);
    advance(SMALL.leaseMs + 1);
    expect(await importer.sweep()).toEqual([]);
    expect(await store.get(id('r'))).toMatchObject({ status: 'FAILED', failure: { code: 'UPLOAD_INTERRUPTED' } });
    expect(store.rowChunks.size).toBe(0);
    expect((await importer.receive(toy.kind, caller, 'r', ['who;value\nann;1\n'])).record.status).toBe('VALIDATING');
  });
});
