import { Db } from 'mongodb';

/**
 * Asks the running instances of a service to replay a projection: one of them rebuilds it
 * from its topics into a new generation (in stream order, so a parked event lands where it
 * belongs), switches readers to it, and the old generation's dead letters are superseded.
 * Run it after deploying the fix that makes the parked events apply.
 */
export const requestProjectionReplay = async (db: Db, projection: string): Promise<boolean> => {
  const r = await db.collection<{ _id: string }>('projection_meta').updateOne({ _id: projection }, { $set: { rebuildRequestedAt: new Date() } });
  return r.matchedCount === 1;
};
