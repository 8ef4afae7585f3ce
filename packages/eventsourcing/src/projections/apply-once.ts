import { Collection, Document, MongoServerError } from 'mongodb';

export interface ReadModelUpdate {
  $set?: Record<string, unknown>;
  $unset?: Record<string, ''>;
  $setOnInsert?: Record<string, unknown>;
}

/**
 * Writes a read-model document only if it has not yet seen this (or a later) version of
 * the source stream. The version is kept per document (`_version`), so a redelivered or
 * older event matches nothing. With upsert, a duplicate-key race means "already applied".
 * One source stream per document: that is the rule that makes this exact.
 */
export const applyOnce = async (
  coll: Collection<Document>,
  id: string,
  version: number,
  update: ReadModelUpdate,
  options: { upsert?: boolean } = { upsert: true },
): Promise<boolean> => {
  const filter = { _id: id, $or: [{ _version: { $exists: false } }, { _version: { $lt: version } }] } as Document;
  const withVersion = { ...update, $set: { ...(update.$set ?? {}), _version: version } };
  try {
    const res = await coll.updateOne(filter, withVersion, { upsert: options.upsert ?? true });
    return res.modifiedCount + res.upsertedCount > 0;
  } catch (err) {
    if (err instanceof MongoServerError && err.code === 11000) return false;
    throw err;
  }
};
