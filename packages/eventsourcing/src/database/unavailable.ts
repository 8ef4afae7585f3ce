import {
  MongoBulkWriteError,
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

/**
 * What a server answers to an operation in flight while it shuts down or steps down
 * (MongoDB's codes): ShutdownInProgress, InterruptedAtShutdown, InterruptedDueToReplStateChange,
 * PrimarySteppedDown, NotWritablePrimary, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary,
 * HostUnreachable, HostNotFound, NetworkTimeout, SocketException.
 */
const GOING_AWAY = new Set([91, 11600, 11602, 189, 10107, 13435, 13436, 6, 7, 89, 9001]);

/**
 * FerretDB answers an operation in flight at its shutdown, or one whose PostgreSQL
 * connection failed, with InternalError (code 1) and the Go error in the message: seen as
 * "… context canceled" in the fault test of a restart. Any other InternalError is a fault.
 */
const FERRETDB_GOING_AWAY = /context canceled|failed to connect|closed pool|conn closed|connection refused/;

/**
 * A bulk write (`insertMany`) that failed as a whole, not document by document, carries the
 * error it failed with copied onto itself (its message, its code: a socket's "EPIPE" too) and
 * keeps it as `errorResponse`, not as a cause. "This socket has been ended by the other party"
 * under the vault's insert of a registration's key was answered as an internal error in the
 * restart fault test, twice: first without a code, then with the socket's.
 */
const CONNECTION_LOST = /socket|ECONNREFUSED|ECONNRESET|EPIPE|connection .*closed|ended by the other party|timed out|not connected|topology .*closed/i;

const bulkWriteCutOff = (e: MongoBulkWriteError): boolean => {
  const writeErrors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
  if (writeErrors.filter(Boolean).length > 0) return false;
  const original = (e as { errorResponse?: unknown }).errorResponse;
  if (original instanceof Error && original !== e && isDatabaseUnavailable(original)) return true;
  return e.code === undefined && CONNECTION_LOST.test(e.message);
};

/**
 * A write to a connection the server had already closed fails in Node's socket itself
 * (`writeAfterFIN`: EPIPE, "This socket has been ended by the other party"), and the driver
 * passes that error on unwrapped: seen in the restart fault test, answered to a registration as
 * an internal error. Only a socket's own error codes count, never a message alone.
 */
const SOCKET_LOST = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED']);
const socketLost = (e: Error) => SOCKET_LOST.has(String((e as { code?: unknown }).code)) && CONNECTION_LOST.test(e.message);

const goingAway = (e: MongoServerError) => GOING_AWAY.has(Number(e.code)) || (e.code === 1 && FERRETDB_GOING_AWAY.test(e.message));

/**
 * The database could not be reached (stopped, restarting, every connection dropped, or shutting
 * down under the operation): no fault of the request or the event at hand, and worth retrying
 * for as long as it lasts. Looks through `cause`, where a wrapper may keep it. One rule for the
 * API's SERVICE_UNAVAILABLE and for projections, which wait such an outage out instead of
 * parking events.
 */
export const isDatabaseUnavailable = (err: unknown): boolean => {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (
      e instanceof MongoServerSelectionError ||
      e instanceof MongoNetworkError ||
      e instanceof MongoNotConnectedError ||
      e instanceof MongoTopologyClosedError ||
      e instanceof MongoServerClosedError ||
      (e instanceof MongoBulkWriteError && bulkWriteCutOff(e)) ||
      (!(e instanceof MongoError) && socketLost(e)) ||
      (e instanceof MongoServerError && goingAway(e)) ||
      // In flight when the server went away: the driver labels what it cleared the pool for.
      (e instanceof MongoError && (e.hasErrorLabel('ResetPool') || e.hasErrorLabel('PoolRequstedRetry')))
    ) {
      return true;
    }
  }
  return false;
};
