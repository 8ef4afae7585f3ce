import { Collection, Document, MongoBulkWriteError, MongoServerError } from 'mongodb';
import { EventEnvelope, foldRow, packRow, Row, RowTable, StoredRow, unpackRow } from '../core';
import { inParallel } from '../core/in-parallel';
import { costOf, heldKey, HeldRows, writeToken } from './held-rows';
import { Projection, ProjectionReplay, ReadModelCollections } from './projection';

export interface RowProjectionSpec {
  name: string;
  topics: string[];
  version?: number;
  tables: RowTable<any>[];
  /**
   * Enriches a batch before the pure tables see it: what only infrastructure can know
   * (personal data opened with the vault). Runs once per batch.
   */
  prepare?: (events: EventEnvelope[]) => Promise<EventEnvelope[]>;
}

const isDuplicateKey = (err: unknown) => err instanceof MongoServerError && err.code === 11000;

/**
 * Writes a row guarded by its write token (or, stored before tokens, its revision): another
 * writer in between (an instance consuming another partition that feeds the same row) makes
 * this one reload and fold again. The row as written is held for the next batch.
 */
const writeRow = async <R extends Row>(
  coll: Collection<StoredRow>,
  table: RowTable<R>,
  id: string,
  events: EventEnvelope[],
  first: StoredRow | null,
  held: HeldRows,
) => {
  const key = heldKey(coll, id);
  let stored = first;
  for (let attempt = 0; ; attempt++) {
    const { next, changed } = foldRow(table, id, stored, events);
    if (!changed) {
      // Nothing new for it (a redelivery): evolve never ran, the row is as it was.
      if (stored?._w) held.put(key, stored, costOf(packRow(stored, table.packed)));
      return;
    }
    const row = { ...next, _w: writeToken() };
    const doc = packRow(row, table.packed);
    try {
      if (!stored) {
        await coll.insertOne(doc);
        held.put(key, row, costOf(doc));
        return;
      }
      const guard = stored._w ? { _w: stored._w } : { _rev: stored._rev ?? { $exists: false } };
      const res = await coll.replaceOne({ _id: id, ...guard } as Document, doc);
      if (res.matchedCount === 1) {
        held.put(key, row, costOf(doc));
        return;
      }
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    if (attempt > 20) throw new Error(`${table.collection}/${id}: too many concurrent writers`);
    stored = unpackRow(await coll.findOne({ _id: id }));
  }
};

/** A batch's events per row of a table, each row's in batch order. */
const byRowOf = <R extends Row>(table: RowTable<R>, events: EventEnvelope[]) => {
  const byRow = new Map<string, EventEnvelope[]>();
  for (const e of events)
    for (const id of table.rowsOf(e)) {
      const of = byRow.get(id);
      if (of) of.push(e);
      else byRow.set(id, [e]);
    }
  return byRow;
};

/** Rows per insert when a replay writes its fold. */
const REPLAY_INSERT = 500;

/**
 * A rebuild folded in memory: every row of every table as the events leave it, then inserted
 * in chunks into the new generation's empty collections (inserts only: FerretDB takes many
 * documents in one insert well, never many updates in one command). Rows are stored exactly
 * as `writeRow` would store them, bookkeeping included, so the live consumer continues on them.
 */
const replayOf = (spec: RowProjectionSpec) => (): ProjectionReplay => {
  const rows = spec.tables.map(() => new Map<string, StoredRow>());
  let size = 0;
  return {
    get size() {
      return size;
    },
    add: async (batch) => {
      const events = spec.prepare ? await spec.prepare(batch) : batch;
      spec.tables.forEach((table, t) => {
        for (const [id, evs] of byRowOf(table, events)) {
          const held = rows[t]!.get(id) ?? null;
          const { next, changed } = foldRow(table, id, held, evs);
          if (!changed) continue;
          if (!held) size++;
          rows[t]!.set(id, next);
        }
      });
    },
    write: async (rm) => {
      for (const [t, table] of spec.tables.entries()) {
        const coll = rm.collection<StoredRow>(table.collection);
        const docs = [...rows[t]!.values()].map((r) => packRow(r, table.packed));
        for (let i = 0; i < docs.length; i += REPLAY_INSERT) await coll.insertMany(docs.slice(i, i + REPLAY_INSERT), { ordered: false });
      }
    },
  };
};

/** Ids of rows known to exist, per table, before the set is started again (it only saves reads). */
const KNOWN_ROWS = 200_000;

/**
 * Rows this process has not met yet are most often new (a registration's row): their fold from
 * nothing goes in one insert for the batch, with no read. A row that exists after all is refused
 * by its `_id` and goes the usual way (read, fold, guarded replace). Only what the insert's answer
 * proves inserted is skipped there: a failure that does not say which rows landed sends them all
 * the usual way, where a row that did land is a no-op (its events are seen).
 */
const insertUnmet = async <R extends Row>(
  coll: Collection<StoredRow>,
  table: RowTable<R>,
  byRow: Map<string, EventEnvelope[]>,
  known: Set<string>,
  held: HeldRows,
) => {
  const fresh: StoredRow[] = [];
  const rows = new Map<string, StoredRow>();
  for (const [id, events] of byRow) {
    if (known.has(id)) continue;
    const { next, changed } = foldRow(table, id, null, events);
    if (!changed) continue;
    const row = { ...next, _w: writeToken() };
    rows.set(id, row);
    fresh.push(packRow(row, table.packed));
  }
  if (known.size > KNOWN_ROWS) known.clear();
  for (const id of byRow.keys()) known.add(id);
  const inserted = new Set<string>();
  for (let i = 0; i < fresh.length; i += REPLAY_INSERT) {
    const docs = fresh.slice(i, i + REPLAY_INSERT);
    try {
      await coll.insertMany(docs, { ordered: false });
      for (const d of docs) inserted.add(d._id);
    } catch (err) {
      const errors = err instanceof MongoBulkWriteError ? [err.writeErrors].flat() : null;
      const accounted = err instanceof MongoBulkWriteError && errors!.every((e) => e.code === 11000) && err.insertedCount + errors!.length === docs.length;
      if (!accounted) {
        if (errors) continue; // which rows landed is not said: all of them go the usual way
        throw err; // the database away: the batch is tried again
      }
      const refused = new Set(errors!.map((e) => e.index));
      docs.forEach((d, k) => !refused.has(k) && inserted.add(d._id));
    }
  }
  for (const doc of fresh) if (inserted.has(doc._id)) held.put(heldKey(coll, doc._id), rows.get(doc._id)!, costOf(doc));
  return inserted;
};

/**
 * The platform's projection from pure row tables: idempotent per source stream; rows met before
 * written once per batch (folded on the row as this process last wrote it, else read first),
 * rows not met inserted together (`insertUnmet`); a rebuild folds in memory and inserts (replayOf).
 */
export const rowProjection = (spec: RowProjectionSpec): Projection => {
  const known = spec.tables.map(() => new Set<string>());
  const held = new HeldRows();
  const applyBatch = async (batch: EventEnvelope[], rm: ReadModelCollections) => {
    const events = spec.prepare ? await spec.prepare(batch) : batch;
    for (const [t, table] of spec.tables.entries()) {
      const byRow = byRowOf(table, events);
      if (byRow.size === 0) continue;
      const coll = rm.collection<StoredRow>(table.collection);
      const inserted = await insertUnmet(coll, table, byRow, known[t]!, held);
      // A row not held: one point read, not one `_id: { $in }` for all (FerretDB does not push
      // an `$in` down, so that read decoded the whole collection per batch).
      const rest = [...byRow.keys()].filter((id) => !inserted.has(id));
      await inParallel(rest, 8, async (id) =>
        writeRow(coll, table, id, byRow.get(id)!, held.take(heldKey(coll, id)) ?? unpackRow(await coll.findOne({ _id: id })), held),
      );
    }
  };
  return {
    name: spec.name,
    topics: spec.topics,
    ...(spec.version ? { version: spec.version } : {}),
    collections: spec.tables.map((t) => t.collection),
    indexes: spec.tables.flatMap((t) => (t.indexes ?? []).map((ix) => ({ ...ix, collection: t.collection }))),
    apply: (event, rm) => applyBatch([event], rm),
    applyBatch,
    replay: replayOf(spec),
  };
};
