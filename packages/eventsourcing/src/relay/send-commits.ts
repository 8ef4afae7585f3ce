import { OutgoingMessage } from '@mms/messaging';
import { EventEnvelope } from '../core';
import { CommitDocument } from '../event-store/commit';
import { toMessage } from '../integration';
import type { OutboxRelayOptions, RelayStep } from './relay-options';

/**
 * Sends commits, in order, to the internal topic (every event, upcast), then what the context
 * publishes of them to the public topic (README, relay step 4); returns the number of internal
 * events. Key = stream id, so each stream's order holds per partition.
 */
export const sendCommits = async (
  o: Pick<OutboxRelayOptions, 'store' | 'translate' | 'producer' | 'internalTopic' | 'publicTopic'>,
  commits: CommitDocument[],
  fault: (step: RelayStep) => Promise<void>,
): Promise<number> => {
  const internal: OutgoingMessage[] = [];
  const pub: OutgoingMessage[] = [];
  for (const c of commits) {
    for (const stored of c.events) {
      const e = o.store.upcast(stored);
      internal.push(toMessage(e));
      for (const ie of o.translate(e)) {
        const publicEnvelope: EventEnvelope = { ...e, type: ie.type, schemaVersion: ie.schemaVersion, data: ie.data };
        pub.push(toMessage(publicEnvelope));
      }
    }
  }
  await o.producer.send(o.internalTopic, internal);
  await fault('sent-internal');
  await o.producer.send(o.publicTopic, pub);
  await fault('sent');
  return internal.length;
};
