import { Collection, Document, MongoServerError } from 'mongodb';
import { EventEnvelope, sourceKey } from '../core';

/**
 * Idempotent read-model writes for documents fed by SEVERAL source streams (an educator's
 * document hears from the directory, from every cohort they completed, from their
 * development and mentor streams). `applyOnce` keeps one `_version` per document, which
 * is exact only for one source stream; here each document keeps the last version seen per
 * source stream in `_seen.<streamKey>`, and an event whose version is not above it
 * changes nothing.
 */

export type SourceUpdate = Document;

export interface ApplyFromSourceOptions {
  /** Create the document when missing (default true; false when `where` is given). */
  upsert?: boolean;
  /**
   * Extra equality conditions on the document (no `$or`). When they do not hold, nothing is
   * written and the event is not marked seen: re-applying it would find them false again.
   */
  where?: Document;
}

const isDuplicateKey = (err: unknown) => err instanceof MongoServerError && err.code === 11000;

/**
 * Applies `update` to document `id` at most once per (source stream, version). `update` may
 * be a function of the current document (for array edits FerretDB cannot do in place); it
 * must only touch fields this source stream owns, because another stream may write the same
 * document concurrently. Returns whether the document changed.
 */
export const applyFromSource = async (
  coll: Collection<Document>,
  id: string,
  event: Pick<EventEnvelope, 'tenantId' | 'streamId' | 'streamVersion'>,
  update: SourceUpdate | ((doc: Document | null) => SourceUpdate | null),
  options: ApplyFromSourceOptions = {},
): Promise<boolean> => {
  const seenPath = `_seen.${sourceKey(event)}`;
  const version = event.streamVersion;
  let resolved: SourceUpdate | null;
  if (typeof update === 'function') {
    const doc = await coll.findOne({ _id: id } as Document);
    const seen = (doc?.['_seen'] as Record<string, number> | undefined)?.[sourceKey(event)];
    if (seen !== undefined && seen >= version) return false;
    resolved = update(doc);
    if (resolved === null) return false;
  } else {
    resolved = update;
  }
  const filter: Document = {
    _id: id,
    ...(options.where ?? {}),
    $or: [{ [seenPath]: { $exists: false } }, { [seenPath]: { $lt: version } }],
  };
  const withSeen = { ...resolved, $set: { ...(resolved['$set'] ?? {}), [seenPath]: version } };
  const upsert = options.upsert ?? options.where === undefined;
  try {
    const res = await coll.updateOne(filter, withSeen, { upsert });
    return res.modifiedCount + res.upsertedCount > 0;
  } catch (err) {
    if (!upsert || !isDuplicateKey(err)) throw err;
    // Either this event was seen, or another source created the document a moment ago:
    // in the second case the plain update now applies it.
    const res = await coll.updateOne(filter, withSeen, { upsert: false });
    return res.modifiedCount > 0;
  }
};
