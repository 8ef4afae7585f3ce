import { Collection, Document, MongoBulkWriteError, MongoServerError } from 'mongodb';
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
 * A batch's rows of one table: read (a point read each) and folded; the new ones inserted
 * together (one insert command: a rebuild's rows are all new), the others replaced one by
 * one, each guarded by the revision read. Never a bulk of updates: FerretDB 1.24 holds a
 * connection per update of a command until the command ends, and hung with its pool (400)
 * taken by 1,000 replaces in one `bulkWrite` (measured; README "What it has to be cheap on").
 * A row inserted by another writer meanwhile goes through `writeRow`, which reads it afresh.
 */
const writeRows = async <R extends Row>(coll: Collection<StoredRow>, table: RowTable<R>, byRow: Map<string, EventEnvelope[]>) => {
  const ids = [...byRow.keys()];
  // One point read per row, not one `_id: { $in }`: FerretDB does not push an `$in`
  // down, so that read decoded the whole collection per batch (seconds on large tables).
  const stored = await inParallel(ids, 8, async (id) => unpackRow(await coll.findOne({ _id: id })));
  const fresh: StoredRow[] = [];
  const existing: number[] = [];
  ids.forEach((id, k) => {
    if (stored[k]) return void existing.push(k);
    const { next, changed } = foldRow(table, id, null, byRow.get(id)!);
    if (changed) fresh.push(packRow(next, table.packed));
  });
  let again: string[] = [];
  if (fresh.length) {
    try {
      await coll.insertMany(fresh, { ordered: false });
    } catch (err) {
      if (!(err instanceof MongoBulkWriteError)) throw err;
      const errors = [err.writeErrors].flat();
      if (errors.some((e) => e.code !== 11000)) throw err;
      again = errors.map((e) => fresh[e.index]!._id);
    }
  }
  const lost = new Set(again);
  const before = new Map(existing.map((k) => [ids[k]!, stored[k]!]));
  await inParallel([...before.keys(), ...again], 8, async (id) =>
    writeRow(coll, table, id, byRow.get(id)!, lost.has(id) ? unpackRow(await coll.findOne({ _id: id })) : before.get(id)!),
  );
};

/**
 * The platform's projection from pure row tables: idempotent per source stream, one read
 * and one write per row per batch (new rows in one insert).
 */
export const rowProjection = (spec: RowProjectionSpec): Projection => {
  const applyBatch = async (batch: EventEnvelope[], rm: ReadModelCollections) => {
    const events = spec.prepare ? await spec.prepare(batch) : batch;
    for (const table of spec.tables) {
      const byRow = new Map<string, EventEnvelope[]>();
      for (const e of events)
        for (const id of table.rowsOf(e)) {
          const of = byRow.get(id);
          if (of) of.push(e);
          else byRow.set(id, [e]);
        }
      if (byRow.size === 0) continue;
      await writeRows(rm.collection<StoredRow>(table.collection), table, byRow);
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
