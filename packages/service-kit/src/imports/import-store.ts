/**
 * Where an import keeps its progress record, its staged rows and its per-line report while
 * it runs: a port, so the engine (importer.ts) is pure; `MongoImportStore` in a service,
 * `MemoryImportStore` in specs. Every operation is a single-document write or an insert
 * (no transactions: FerretDB v1 has none); reads are by `_id` or by one equality.
 */

import type { ImportFormat } from './file-format';

/** RECEIVING → VALIDATING → APPLYING → DONE, or FAILED (the file as a whole was not taken). */
export type ImportStatus = 'RECEIVING' | 'VALIDATING' | 'APPLYING' | 'DONE' | 'FAILED';
export const IMPORT_STATUSES: readonly ImportStatus[] = ['RECEIVING', 'VALIDATING', 'APPLYING', 'DONE', 'FAILED'];

/** What a line with a problem does to the file: it is left out (SKIP_LINE), or nothing is applied (REJECT_FILE). */
export type OnInvalid = 'SKIP_LINE' | 'REJECT_FILE';

/** Why a file was not taken. */
export type ImportFailureCode = 'EMPTY_FILE' | 'BAD_HEADER' | 'TOO_LARGE' | 'UPLOAD_INTERRUPTED' | 'BAD_FILE' | 'HAS_PROBLEMS';

export interface ImportActor {
  subject: string;
  role: string;
}

export interface ImportCounts {
  /** Lines that passed every check so far (at DONE: applied). */
  valid: number;
  /** Lines refused, each with a problem in the report. */
  rejected: number;
  applied: number;
  /** Entries in the report. */
  problems: number;
}

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ImportRecord {
  /** `<kind>|<tenant>|<importId>`: an import id is the caller's, per kind and tenant. */
  _id: string;
  kind: string;
  importId: string;
  tenantId: string;
  actor: ImportActor;
  correlationId: string;
  causationId: string | null;
  /** The caller's scope (ImportCaller.scope), when the kind has one. */
  scope?: Record<string, string>;
  onInvalid: OnInvalid;
  status: ImportStatus;
  failure: { code: ImportFailureCode; message: string } | null;
  /** What the file was read as, once its first bytes were in (absent on records older than XLSX imports: CSV). */
  format?: ImportFormat;
  /** The region's day the file arrived: "not in the future" is judged against it, on every line. */
  receivedOn: string;
  /** sha256 of the whole file (hex), once received: the same id with another file is refused. */
  contentHash: string | null;
  receivedBytes: number;
  /** Data lines read (the header and blank lines not counted). */
  receivedLines: number;
  counts: ImportCounts;
  /**
   * Where a resumed run starts: the phase, the first bucket not finished, and the counts
   * after the last finished one (work past it is redone; redoing it changes nothing).
   */
  checkpoint: { phase: 'VALIDATING' | 'APPLYING'; bucket: number; counts: ImportCounts };
  /** Rows are staged in buckets by their group (an educator): a group's rows are all in one bucket. */
  buckets: number;
  /** Row chunks staged per bucket. */
  chunks: number[];
  /**
   * Groups refused at validation, by bucket (only buckets with any), written with each
   * validation checkpoint. Absent on a record validated before it existed: then the
   * refusals are read per bucket from the store (`refused`).
   */
  refusedGroups?: Record<string, string[]>;
  startedAt: string;
  receivedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  /** The run that holds the record until `leaseUntil` (ms since epoch); a run may take it once that has passed. */
  owner: string | null;
  leaseUntil: number;
  lastError: string | null;
  attempts: number;
}

/** A staged row: its line, the group it is applied with, and the kind's typed data. */
export interface StagedRow<Data = unknown> {
  line: number;
  group: string;
  data: Data;
}

export interface RowChunk {
  _id: string;
  importRef: string;
  /** `<import>|<bucket>`: the one equality a bucket is read by. */
  part: string;
  rows: StagedRow[];
}

export interface ProblemChunk {
  _id: string;
  importRef: string;
  seq: number;
  problems: ImportProblem[];
}

export interface ImportStore {
  /** Inserts a new record; false when one with its id exists. */
  create(record: ImportRecord): Promise<boolean>;
  get(id: string): Promise<ImportRecord | null>;
  /** Changes the record if `owner` still holds it (null: whoever); false otherwise. */
  update(id: string, owner: string | null, patch: Partial<ImportRecord>): Promise<boolean>;
  /** Takes the record for `owner` until `leaseUntil` if its lease has passed (or is already the owner's): the record, or null. */
  claim(id: string, owner: string, leaseUntil: number, now: number): Promise<ImportRecord | null>;
  /** Records not finished (RECEIVING, VALIDATING, APPLYING), for the sweeper. */
  unfinished(): Promise<ImportRecord[]>;
  putRows(chunks: RowChunk[]): Promise<void>;
  /** One bucket's chunks (any order). */
  rows(id: string, bucket: number): Promise<RowChunk[]>;
  /** Inserts or replaces report chunks (a resumed run rewrites the tail chunk). */
  putProblems(chunks: ProblemChunk[]): Promise<void>;
  problemChunk(id: string, seq: number): Promise<ProblemChunk | null>;
  /** The groups of a bucket that validation refused, as runs before `ImportRecord.refusedGroups` stored them. */
  refused(id: string, bucket: number): Promise<string[]>;
  /** Staged rows and refusals go once an import is finished (the record and its report stay). */
  dropRows(id: string): Promise<void>;
  dropProblems(id: string): Promise<void>;
}

export const rowChunkId = (id: string, bucket: number, seq: number) => `${id}|r|${bucket}|${seq}`;
export const rowPart = (id: string, bucket: number) => `${id}|${bucket}`;
export const problemChunkId = (id: string, seq: number) => `${id}|p|${seq}`;

const copy = <T>(v: T): T => structuredClone(v);

/** The store in memory, with the real one's rules (copies in and out, guarded updates): specs and the in-process platform. */
export class MemoryImportStore implements ImportStore {
  readonly records = new Map<string, ImportRecord>();
  readonly rowChunks = new Map<string, RowChunk>();
  readonly problemChunks = new Map<string, ProblemChunk>();
  readonly refusals = new Map<string, { importRef: string; groups: string[] }>();

  async create(record: ImportRecord) {
    if (this.records.has(record._id)) return false;
    this.records.set(record._id, copy(record));
    return true;
  }

  async get(id: string) {
    const r = this.records.get(id);
    return r ? copy(r) : null;
  }

  async update(id: string, owner: string | null, patch: Partial<ImportRecord>) {
    const r = this.records.get(id);
    if (!r || (owner !== null && r.owner !== owner)) return false;
    this.records.set(id, { ...r, ...copy(patch) });
    return true;
  }

  async claim(id: string, owner: string, leaseUntil: number, now: number) {
    const r = this.records.get(id);
    if (!r || !(r.leaseUntil <= now || r.owner === owner)) return null;
    const claimed = { ...r, owner, leaseUntil };
    this.records.set(id, claimed);
    return copy(claimed);
  }

  async unfinished() {
    return [...this.records.values()].filter((r) => r.status !== 'DONE' && r.status !== 'FAILED').map(copy);
  }

  async putRows(chunks: RowChunk[]) {
    for (const c of chunks) {
      if (this.rowChunks.has(c._id)) throw new Error(`row chunk ${c._id} exists`);
      this.rowChunks.set(c._id, copy(c));
    }
  }

  async rows(id: string, bucket: number) {
    const part = rowPart(id, bucket);
    return [...this.rowChunks.values()].filter((c) => c.part === part).map(copy);
  }

  async putProblems(chunks: ProblemChunk[]) {
    for (const c of chunks) this.problemChunks.set(c._id, copy(c));
  }

  async problemChunk(id: string, seq: number) {
    const c = this.problemChunks.get(problemChunkId(id, seq));
    return c ? copy(c) : null;
  }

  /** A bucket's refusals as runs before `ImportRecord.refusedGroups` stored them (tests of that path). */
  async putRefused(id: string, bucket: number, groups: string[]) {
    this.refusals.set(`${id}|v|${bucket}`, { importRef: id, groups: [...groups] });
  }

  async refused(id: string, bucket: number) {
    return [...(this.refusals.get(`${id}|v|${bucket}`)?.groups ?? [])];
  }

  async dropRows(id: string) {
    for (const [k, c] of this.rowChunks) if (c.importRef === id) this.rowChunks.delete(k);
    for (const [k, v] of this.refusals) if (v.importRef === id) this.refusals.delete(k);
  }

  async dropProblems(id: string) {
    for (const [k, c] of this.problemChunks) if (c.importRef === id) this.problemChunks.delete(k);
  }
}
