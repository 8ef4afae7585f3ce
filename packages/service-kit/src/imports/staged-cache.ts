import type { StagedRow } from './import-store';

/**
 * The rows this process staged, kept while its run validates and applies them, so that the
 * two passes over every bucket do not read back what was just written (each read decodes the
 * chunks again). Only a copy: the stored chunks stay the truth, and a run in another process,
 * or after this cache let an import go, reads them. Bounded by rows over all imports; an
 * import that would pass the bound is dropped whole (partial buckets would be wrong).
 */
export class StagedRowsCache {
  private readonly imports = new Map<string, unknown[][]>();
  private held = 0;

  constructor(private readonly maxRows: number) {}

  /** A new upload under `id`: whatever was kept for an earlier attempt goes. */
  start(id: string, buckets: number): void {
    this.forget(id);
    if (this.maxRows > 0)
      this.imports.set(
        id,
        Array.from({ length: buckets }, () => []),
      );
  }

  /** Rows of a bucket that were just stored. */
  add(id: string, bucket: number, rows: readonly StagedRow<unknown>[]): void {
    const kept = this.imports.get(id);
    if (!kept) return;
    if (this.held + rows.length > this.maxRows) {
      this.forget(id);
      return;
    }
    kept[bucket]!.push(...rows);
    this.held += rows.length;
  }

  /** A bucket's rows as staged, or undefined when this process does not hold them. */
  bucket<D>(id: string, bucket: number): StagedRow<D>[] | undefined {
    return this.imports.get(id)?.[bucket] as StagedRow<D>[] | undefined;
  }

  forget(id: string): void {
    const kept = this.imports.get(id);
    if (!kept) return;
    this.held -= kept.reduce((n, b) => n + b.length, 0);
    this.imports.delete(id);
  }
}
