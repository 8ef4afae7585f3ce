import { Collection, Document } from 'mongodb';
import { ReadTable } from '../core';
import { ReadModelCollections } from '../projections/projection';

/** Row tables keep tombstones and bookkeeping beside rows (see rowProjection): readers see neither. */
const LIVE = { _deleted: { $exists: false } };
const HIDDEN = { _seen: 0, _rev: 0 };

/** A table over a MongoDB collection; `collection` is asked each time (the active generation may switch). */
export const mongoTable = <Row extends { _id: string }>(collection: () => Promise<Collection<Document>>): ReadTable<Row> => ({
  get: async (id) => (await (await collection()).findOne({ _id: id, ...LIVE } as Document, { projection: HIDDEN })) as Row | null,
  find: async (filter, options = {}) =>
    (await (
      await collection()
    )
      .find({ ...filter, ...LIVE } as Document, {
        projection: HIDDEN,
        ...(options.sort ? { sort: options.sort } : {}),
        ...(options.limit ? { limit: options.limit } : {}),
      })
      .toArray()) as unknown as Row[],
  count: async (filter) => (await collection()).countDocuments({ ...filter, ...LIVE } as Document),
});

/** A table of a projection's active generation. */
export const generationTable = <Row extends { _id: string }>(readModel: () => Promise<ReadModelCollections>, logical: string) =>
  mongoTable<Row>(async () => (await readModel()).collection(logical));
