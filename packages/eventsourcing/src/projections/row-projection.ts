import { Collection, Document, MongoServerError } from 'mongodb';
import { EventEnvelope, foldRow, packRow, Row, RowTable, StoredRow, unpackRow } from '../core';
import { inParallel } from '../core/in-parallel';
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

/**
 * The platform's projection from pure row tables: idempotent per source stream, one read
 * and one write per row per batch; a rebuild folds in memory and inserts (replayOf).
 */
export const rowProjection = (spec: RowProjectionSpec): Projection => {
  const applyBatch = async (batch: EventEnvelope[], rm: ReadModelCollections) => {
    const events = spec.prepare ? await spec.prepare(batch) : batch;
    for (const table of spec.tables) {
      const byRow = byRowOf(table, events);
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
    replay: replayOf(spec),
  };
};
