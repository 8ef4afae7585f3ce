import { Collection, Document } from 'mongodb';
import { ReadTable, unpackRow } from '../core';
import { inParallel } from '../core/in-parallel';
import { ReadModelCollections } from '../projections/projection';

/** Row tables keep tombstones and bookkeeping beside rows (see rowProjection): readers see neither. */
const LIVE = { _deleted: { $exists: false } };
const HIDDEN = { _seen: 0, _rev: 0, _w: 0 };
/** Documents in a find's first answer. */
const FIRST_BATCH = 1000;
/** Point reads in flight per getMany: enough to hide the round trips, few enough for a small pool. */
const POINT_READS = 8;

/** A table over a MongoDB collection; `collection` is asked each time (the active generation may switch). */
export const mongoTable = <Row extends { _id: string }>(collection: () => Promise<Collection<Document>>): ReadTable<Row> => {
  const get = async (id: string) => unpackRow(await (await collection()).findOne({ _id: id, ...LIVE } as Document, { projection: HIDDEN })) as Row | null;
  return {
    get,
    getMany: async (ids) => (await inParallel([...new Set(ids)], POINT_READS, get)).filter((r): r is Row => r !== null),
    find: async (filter, options = {}) =>
      (await (
        await collection()
      )
        .find({ ...filter, ...LIVE } as Document, {
          projection: HIDDEN,
          // One round trip for most answers (the server's first batch is 101 documents, then getMore).
          batchSize: FIRST_BATCH,
          ...(options.sort ? { sort: options.sort } : {}),
          ...(options.limit ? { limit: options.limit } : {}),
        })
        .map(unpackRow)
        .toArray()) as unknown as Row[],
    count: async (filter) => (await collection()).countDocuments({ ...filter, ...LIVE } as Document),
  };
};

/** A table of a projection's active generation. */
export const generationTable = <Row extends { _id: string }>(readModel: () => Promise<ReadModelCollections>, logical: string) =>
  mongoTable<Row>(async () => (await readModel()).collection(logical));
