import { ALL_CONTRACTS, assertMatches, ContractViolation } from '@mms/contracts/events';
import type { EventEnvelope } from '@mms/eventsourcing/core';
import { PoisonMessageError } from '@mms/messaging';

/**
 * A contract-breaking event must not reach monitoring's facts: it is parked on the
 * dead-letter topic instead (retrying cannot fix it). Events are upcast to their latest
 * version first; only types with a published contract may be passed in.
 */
export const assertSourceContract = (e: EventEnvelope): void => {
  if (typeof e.streamType !== 'string') throw new PoisonMessageError(`${e.type} ${e.eventId} has no streamType`);
  try {
    assertMatches(ALL_CONTRACTS[e.type]!, e.schemaVersion, e.data);
  } catch (err) {
    if (err instanceof ContractViolation) throw new PoisonMessageError(`${err.message} (event ${e.eventId})`);
    throw err;
  }
};
