import { Collection, Document, MongoServerError } from 'mongodb';
import { EventEnvelope, foldRow, packRow, Row, RowTable, StoredRow, unpackRow } from '../core';
import { inParallel } from '../core/in-parallel';
import { Projection, ReadModelCollections } from './projection';

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
 * Writes a row guarded by its revision: another writer in between (an instance consuming
 * another partition that feeds the same row) makes this one reload and fold again.
 */
const writeRow = async <R extends Row>(coll: Collection<StoredRow>, table: RowTable<R>, id: string, events: EventEnvelope[], first: StoredRow | null) => {
  let stored = first;
  for (let attempt = 0; ; attempt++) {
    const { next, changed } = foldRow(table, id, stored, events);
    if (!changed) return;
    try {
      if (!stored) {
        await coll.insertOne(packRow(next, table.packed));
        return;
      }
      const res = await coll.replaceOne({ _id: id, _rev: stored._rev ?? { $exists: false } } as Document, packRow(next, table.packed));
      if (res.matchedCount === 1) return;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    if (attempt > 20) throw new Error(`${table.collection}/${id}: too many concurrent writers`);
    stored = unpackRow(await coll.findOne({ _id: id }));
  }
};

/**
 * The platform's projection from pure row tables: idempotent per source stream, one read
 * and one write per row per batch.
 */
export const rowProjection = (spec: RowProjectionSpec): Projection => {
  const applyBatch = async (batch: EventEnvelope[], rm: ReadModelCollections) => {
    const events = spec.prepare ? await spec.prepare(batch) : batch;
    for (const table of spec.tables) {
      const byRow = new Map<string, EventEnvelope[]>();
      for (const e of events) for (const id of table.rowsOf(e)) byRow.set(id, [...(byRow.get(id) ?? []), e]);
      if (byRow.size === 0) continue;
      const coll = rm.collection<StoredRow>(table.collection);
      // One point read per row, not one `_id: { $in }`: FerretDB does not push an `$in`
      // down, so that read decoded the whole collection per batch (seconds on large tables).
      await inParallel([...byRow.keys()], 8, async (id) => writeRow(coll, table, id, byRow.get(id)!, unpackRow(await coll.findOne({ _id: id }))));
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
  };
};
