import { MongoError, MongoNetworkError, MongoNotConnectedError, MongoServerClosedError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';

/**
 * The database could not be reached (stopped, restarting, every connection dropped): no fault
 * of the request or the event at hand, and worth retrying for as long as it lasts. Looks
 * through `cause`, where a wrapper may keep it. One rule for the API's SERVICE_UNAVAILABLE and
 * for projections, which wait such an outage out instead of parking events.
 */
export const isDatabaseUnavailable = (err: unknown): boolean => {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (
      e instanceof MongoServerSelectionError ||
      e instanceof MongoNetworkError ||
      e instanceof MongoNotConnectedError ||
      e instanceof MongoTopologyClosedError ||
      e instanceof MongoServerClosedError ||
      // In flight when the server went away: the driver labels what it cleared the pool for.
      (e instanceof MongoError && (e.hasErrorLabel('ResetPool') || e.hasErrorLabel('PoolRequstedRetry')))
    ) {
      return true;
    }
  }
  return false;
};
