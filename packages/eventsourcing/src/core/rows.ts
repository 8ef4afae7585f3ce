import { EventEnvelope } from './envelope';

/** A read-model row: `_id` is its key; the rest is the projection's own. */
export type Row = { _id: string };

/**
 * One table of a projection as pure functions: which rows an event touches, and how a row
 * changes (`null` in: no row yet; `null` out: no row any more). No database in here, so
 * a unit test feeds events and reads rows, and @mms/testing runs the same functions in memory.
 */
export interface RowTable<R extends Row> {
  collection: string;
  rowsOf: (event: EventEnvelope) => string[];
  evolve: (row: R | null, event: EventEnvelope) => R | null;
  indexes?: { keys: Record<string, 1 | -1>; options?: { name?: string; unique?: boolean } }[];
  /**
   * Large fields no query filters or sorts on, stored together as one JSON text (`_packed`)
   * and read back as they were: a document backend decodes a nested value field by field, a
   * string in one piece (FerretDB: a partition row with its 130-row protocol, 26 KiB, took
   * 17 ms a read nested). A filter on a packed field matches nothing, so declare only those.
   */
  packed?: readonly string[];
}

/** Bookkeeping stored beside a row: the last version seen per source stream, a revision and a write token for concurrent writers. */
export interface StoredRow {
  _id: string;
  _seen?: Record<string, number>;
  _rev?: number;
  _w?: string;
  _deleted?: true;
  [field: string]: unknown;
}

/** The row as stored: its `packed` fields moved into one JSON text. */
export const packRow = (row: StoredRow, fields: readonly string[] | undefined): StoredRow => {
  if (!fields?.length || row._deleted) return row;
  const out: StoredRow = { ...row };
  const packed: Record<string, unknown> = {};
  for (const f of fields)
    if (f in out) {
      packed[f] = out[f];
      delete out[f];
    }
  out['_packed'] = JSON.stringify(packed);
  return out;
};

/** The row as its table wrote it (a stored row without `_packed` is returned as is). */
export const unpackRow = <D extends object>(doc: D | null): D | null => {
  const packed = (doc as { _packed?: unknown } | null)?._packed;
  if (!doc || typeof packed !== 'string') return doc;
  const { _packed, ...rest } = doc as D & { _packed: string };
  return { ...rest, ...(JSON.parse(packed) as object) } as D;
};

/** The source stream of an event: tenant + stream id (a transferred educator has one per tenant). */
export const sourceKey = (e: Pick<EventEnvelope, 'tenantId' | 'streamId'>): string =>
  // Field names may not contain '.' or start with '$': ids here are slugs and uuids, this only guards.
  `${e.tenantId}|${e.streamId}`.replace(/[.$]/g, '_');

const strip = <R extends Row>(doc: StoredRow | null): R | null => {
  if (!doc || doc._deleted) return null;
  const { _seen, _rev, _w, ...row } = doc;
  void _seen;
  void _rev;
  void _w;
  return row as unknown as R;
};

/** Folds events into one stored row, skipping those already seen (redeliveries change nothing). */
export const foldRow = <R extends Row>(table: RowTable<R>, id: string, stored: StoredRow | null, events: EventEnvelope[]) => {
  const seen = { ...(stored?._seen ?? {}) };
  let row = strip<R>(stored);
  let changed = false;
  for (const e of events) {
    const key = sourceKey(e);
    if ((seen[key] ?? 0) >= e.streamVersion) continue;
    seen[key] = e.streamVersion;
    row = table.evolve(row, e);
    if (row && row._id !== id) throw new Error(`${table.collection}: evolve returned row ${row._id} for ${id}`);
    changed = true;
  }
  const rev = (stored?._rev ?? 0) + 1;
  // A deleted row keeps its bookkeeping, so a late redelivery cannot bring it back.
  const next: StoredRow = row ? { ...row, _seen: seen, _rev: rev } : { _id: id, _deleted: true, _seen: seen, _rev: rev };
  return { row, next, changed };
};

/**
 * A filter in the MongoDB query language, restricted to what both the real server and the
 * in-memory tables of @mms/testing understand: equality (also on array members), $in, $nin,
 * $ne, $gt, $gte, $lt, $lte, $exists, $regex (with $options 'i'), $or, $and, $all.
 */
export type RowFilter = Record<string, unknown>;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
}

/**
 * Typed read access to one read-model collection. Queries take their caller's scope as part
 * of the filter: a table has no "all tenants" default of its own.
 */
export interface ReadTable<R extends Row> {
  get(id: string): Promise<R | null>;
  /**
   * The rows of these ids that exist, each once, in the order first asked. One point read per
   * id, never `_id: { $in }`: FerretDB does not push an `$in` down, so that reads the whole
   * collection whatever the number of ids.
   */
  getMany(ids: readonly string[]): Promise<R[]>;
  find(filter: RowFilter, options?: FindOptions): Promise<R[]>;
  count(filter: RowFilter): Promise<number>;
}
