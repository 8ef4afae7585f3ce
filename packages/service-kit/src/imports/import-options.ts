/** Limits and pacing of imports (env names in `importOptionsFromEnv`, README "Imports"). */
export interface ImportOptions {
  /** Largest file (IMPORT_MAX_BYTES). */
  maxBytes: number;
  /** Most data lines in one file (IMPORT_MAX_LINES). */
  maxLines: number;
  /** Longest line (IMPORT_MAX_LINE_BYTES): a longer one is reported, never buffered; for a worksheet, a row's values. */
  maxLineBytes: number;
  /** An XLSX's worksheet unpacked (IMPORT_MAX_UNPACKED_BYTES): it is streamed, the limit stops a zip bomb. */
  maxUnpackedBytes: number;
  /** An XLSX's shared strings table unpacked (IMPORT_MAX_SHARED_STRINGS_BYTES): held in memory while the sheet is read. */
  maxSharedStringsBytes: number;
  /** Where an XLSX upload is written while it is read (IMPORT_TEMP_DIR; null: the OS's temporary folder). */
  tempDir: string | null;
  /** Groups (educators) applied at the same time (IMPORT_PARALLEL_GROUPS). */
  parallelGroups: number;
  /**
   * Groups in one call of a kind that takes lists (IMPORT_GROUPS_PER_CALL): one bulk command
   * appends them all in few round trips; 1 sends every group alone, as kinds without lists are.
   */
  groupsPerCall: number;
  /** How long a run holds an import without renewing (IMPORT_LEASE_MS); a crashed run's import is resumed after it. */
  leaseMs: number;
  /** Wait before an import whose run failed (the database was away) is tried again (IMPORT_RETRY_MS). */
  retryMs: number;
  /** Buckets the rows are staged in: a bucket's rows are what a run holds in memory at once. */
  buckets: number;
  /** Staged rows buffered before they are written (one insert of at most `buckets` documents). */
  stageBatch: number;
  /** Report entries per stored chunk. */
  problemChunk: number;
  /** Progress is written at least this often while lines or groups go through. */
  progressMs: number;
  /**
   * Staged rows a process keeps in memory over all its imports (IMPORT_STAGED_ROWS_IN_MEMORY;
   * 0: none), so that the run right after an upload does not read them back twice.
   */
  stagedRowsInMemory: number;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  maxBytes: 256 * 1024 * 1024,
  maxLines: 1_000_000,
  maxLineBytes: 8 * 1024,
  maxUnpackedBytes: 1024 * 1024 * 1024,
  maxSharedStringsBytes: 64 * 1024 * 1024,
  tempDir: null,
  parallelGroups: 8,
  groupsPerCall: 200,
  leaseMs: 30_000,
  retryMs: 5_000,
  buckets: 16,
  stageBatch: 2_000,
  problemChunk: 500,
  progressMs: 1_000,
  stagedRowsInMemory: 400_000,
};

/** The process-wide settings that tune imports, and the sweeper's period (IMPORT_SWEEP_MS) and concurrent runs (IMPORT_MAX_RUNNING). */
export interface ImportSettings {
  options: ImportOptions;
  sweepMs: number;
  maxRunning: number;
}

const positive = (env: NodeJS.ProcessEnv, key: string, fallback: number): number => {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${key} must be a positive integer (got "${raw}")`);
  return n;
};

export const importSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): ImportSettings => {
  const d = DEFAULT_IMPORT_OPTIONS;
  return {
    options: {
      ...d,
      maxBytes: positive(env, 'IMPORT_MAX_BYTES', d.maxBytes),
      maxLines: positive(env, 'IMPORT_MAX_LINES', d.maxLines),
      maxLineBytes: positive(env, 'IMPORT_MAX_LINE_BYTES', d.maxLineBytes),
      maxUnpackedBytes: positive(env, 'IMPORT_MAX_UNPACKED_BYTES', d.maxUnpackedBytes),
      maxSharedStringsBytes: positive(env, 'IMPORT_MAX_SHARED_STRINGS_BYTES', d.maxSharedStringsBytes),
      tempDir: env['IMPORT_TEMP_DIR'] || d.tempDir,
      parallelGroups: positive(env, 'IMPORT_PARALLEL_GROUPS', d.parallelGroups),
      groupsPerCall: positive(env, 'IMPORT_GROUPS_PER_CALL', d.groupsPerCall),
      leaseMs: positive(env, 'IMPORT_LEASE_MS', d.leaseMs),
      retryMs: positive(env, 'IMPORT_RETRY_MS', d.retryMs),
      stagedRowsInMemory: env['IMPORT_STAGED_ROWS_IN_MEMORY'] === '0' ? 0 : positive(env, 'IMPORT_STAGED_ROWS_IN_MEMORY', d.stagedRowsInMemory),
    },
    sweepMs: positive(env, 'IMPORT_SWEEP_MS', 10_000),
    maxRunning: positive(env, 'IMPORT_MAX_RUNNING', 2),
  };
};
