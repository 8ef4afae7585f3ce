import { EventEnvelope, FindOptions, foldRow, ReadTable, Row, RowFilter, RowTable, StoredRow } from '@mms/eventsourcing/core';

const get = (doc: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);

const eq = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Equality on an array field matches a member, as in MongoDB. */
const valueMatches = (value: unknown, cond: unknown): boolean => {
  if (cond && typeof cond === 'object' && !Array.isArray(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
    return Object.entries(cond as Record<string, unknown>).every(([op, arg]) => operator(value, op, arg, cond as Record<string, unknown>));
  }
  return Array.isArray(value) && !Array.isArray(cond) ? value.some((v) => eq(v, cond)) : eq(value ?? null, cond);
};

const compare = (value: unknown, arg: unknown, test: (c: number) => boolean): boolean => {
  const vs = Array.isArray(value) ? value : [value];
  return vs.some(
    (v) => v !== undefined && v !== null && typeof v === typeof arg && test((v as never) < (arg as never) ? -1 : (v as never) > (arg as never) ? 1 : 0),
  );
};

const operator = (value: unknown, op: string, arg: unknown, all: Record<string, unknown>): boolean => {
  switch (op) {
    case '$eq':
      return valueMatches(value, arg);
    case '$ne':
      return !valueMatches(value, arg);
    case '$in':
      return (arg as unknown[]).some((a) => valueMatches(value, a));
    case '$nin':
      return !(arg as unknown[]).some((a) => valueMatches(value, a));
    case '$gt':
      return compare(value, arg, (c) => c > 0);
    case '$gte':
      return compare(value, arg, (c) => c >= 0);
    case '$lt':
      return compare(value, arg, (c) => c < 0);
    case '$lte':
      return compare(value, arg, (c) => c <= 0);
    case '$exists':
      return (value !== undefined) === !!arg;
    case '$all':
      return Array.isArray(value) && (arg as unknown[]).every((a) => value.some((v) => eq(v, a)));
    case '$regex': {
      const re = new RegExp(arg as string, (all['$options'] as string | undefined) ?? '');
      return (Array.isArray(value) ? value : [value]).some((v) => typeof v === 'string' && re.test(v));
    }
    case '$options':
      return true;
    default:
      throw new Error(`the in-memory tables do not know ${op}: keep read-model filters to the subset in RowFilter`);
  }
};

/** Whether a document matches a RowFilter (the subset of MongoDB's query language both stores share). */
export const matches = (doc: unknown, filter: RowFilter): boolean =>
  Object.entries(filter).every(([key, cond]) => {
    if (key === '$or') return (cond as RowFilter[]).some((f) => matches(doc, f));
    if (key === '$and') return (cond as RowFilter[]).every((f) => matches(doc, f));
    if (key.startsWith('$')) throw new Error(`the in-memory tables do not know ${key}`);
    return valueMatches(get(doc, key), cond);
  });

/** The fields a filter names, through $or and $and. */
const fieldsOf = (filter: RowFilter): string[] =>
  Object.entries(filter).flatMap(([k, v]) => (k === '$or' || k === '$and' ? (v as RowFilter[]).flatMap(fieldsOf) : [k]));

const sortBy = (sort: Record<string, 1 | -1>) => (a: unknown, b: unknown) => {
  for (const [k, dir] of Object.entries(sort)) {
    const x = get(a, k) as never;
    const y = get(b, k) as never;
    if (x < y) return -dir;
    if (x > y) return dir;
  }
  return 0;
};

/** A read table in memory (rows by id). */
export class MemoryTable<R extends Row> implements ReadTable<R> {
  readonly rows = new Map<string, StoredRow>();
  /** The table's packed fields (RowTable.packed): a filter or sort on one matches nothing in a database, so it fails here. */
  private readonly packed = new Set<string>();

  constructor(initial: R[] = []) {
    for (const r of initial) this.rows.set(r._id, { ...r });
  }

  /** Copies, as a database hands out: a caller changing a row changes nothing stored. */
  private static copy<R>({ _seen, _rev, _w, ...r }: StoredRow): R {
    return (void _seen, void _rev, void _w, structuredClone(r) as unknown as R);
  }

  async get(id: string): Promise<R | null> {
    const row = this.rows.get(id);
    return row && !row._deleted ? MemoryTable.copy<R>(row) : null;
  }

  async getMany(ids: readonly string[]): Promise<R[]> {
    return (await Promise.all([...new Set(ids)].map((id) => this.get(id)))).filter((r): r is Awaited<R> => r !== null);
  }

  async find(filter: RowFilter, options: FindOptions = {}): Promise<R[]> {
    const used = [...fieldsOf(filter), ...Object.keys(options.sort ?? {})].find((f) => this.packed.has(f.split('.')[0]!));
    if (used) throw new Error(`a query on ${used}: a packed field (RowTable.packed) cannot be filtered or sorted on`);
    // Filtered before copying: the bookkeeping fields are never in a read model's filter.
    let rows = [...this.rows.values()].filter((r) => !r._deleted && matches(r, filter)).map((r) => MemoryTable.copy<R>(r));
    if (options.sort) rows = rows.sort(sortBy(options.sort));
    return options.limit ? rows.slice(0, options.limit) : rows;
  }

  async count(filter: RowFilter): Promise<number> {
    return (await this.find(filter)).length;
  }

  /** Applies events through a pure row table, exactly as the platform's rowProjection does (redeliveries change nothing). */
  apply(table: RowTable<R>, events: EventEnvelope[]): this {
    for (const f of table.packed ?? []) this.packed.add(f);
    for (const e of events) {
      for (const id of table.rowsOf(e)) {
        const { next, changed } = foldRow(table, id, this.rows.get(id) ?? null, [e]);
        if (changed) this.rows.set(id, next);
      }
    }
    return this;
  }
}

/** Rows out of events, for projection unit tests: `rowsFrom(table, events)`. */
export const rowsFrom = async <R extends Row>(table: RowTable<R>, events: EventEnvelope[]): Promise<R[]> =>
  new MemoryTable<R>().apply(table, events).find({}, { sort: { _id: 1 } });
