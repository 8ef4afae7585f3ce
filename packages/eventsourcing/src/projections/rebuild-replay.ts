import { IncomingMessage, MessageBus, MessagingAdmin } from '@mms/messaging';
import { EventEnvelope } from '../core';
import { Projection, ReadModelCollections } from './projection';

/** Documents a replay may hold in memory; past that, the rebuild applies event by event. */
export const REPLAY_MAX_DOCUMENTS = 200_000;

export interface ReplayInput {
  bus: MessageBus;
  admin: MessagingAdmin;
  projection: Projection;
  decode: (message: IncomingMessage) => EventEnvelope;
  /** The new generation's consumer group (the replay's own group is named after it). */
  groupId: string;
  /** Per topic, per partition: the end offsets seen when the rebuild started. */
  targets: Map<string, Map<number, bigint>>;
  rm: ReadModelCollections;
  deadline: number;
  stopped: () => boolean;
  maxDocuments?: number;
}

export type ReplayOutcome = { replayed: true; events: number } | { replayed: false; reason: string };

/**
 * A rebuild's fast path (Projection.replay): read the topics up to `targets` under a
 * throwaway group, fold in memory and write the result in few inserts; the new generation's
 * consumer then passes over what is below `targets` without applying it. Nothing here is
 * partial: on any failure (a poison event, the fold outgrowing its limit, the database or
 * broker failing) the outcome says why and the caller empties the generation and rebuilds
 * event by event, where poison is parked and outages are waited out as in live consumption.
 */
export const replayInto = async (r: ReplayInput): Promise<ReplayOutcome> => {
  const fold = r.projection.replay!();
  const limit = r.maxDocuments ?? REPLAY_MAX_DOCUMENTS;
  const left = new Map<string, bigint>();
  for (const [topic, ends] of r.targets) for (const [partition, end] of ends) if (end > 0n) left.set(`${topic}/${partition}`, end);
  let events = 0;
  let failure: string | undefined;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const take = async (messages: IncomingMessage[]) => {
    const key = `${messages[0]!.topic}/${messages[0]!.partition}`;
    const end = left.get(key);
    if (failure !== undefined || end === undefined) return;
    // Later messages are the live consumer's: it starts at `end`.
    const mine = messages.filter((m) => BigInt(m.offset) < end);
    try {
      if (mine.length) await fold.add(mine.map(r.decode));
      events += mine.length;
      if (fold.size > limit) failure = `more than ${limit} documents to hold in memory`;
    } catch (err) {
      failure = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    if (BigInt(messages[messages.length - 1]!.offset) + 1n >= end) left.delete(key);
    if (left.size === 0 || failure !== undefined) finish();
  };
  const replayGroup = `${r.groupId}.replay`;
  if (left.size > 0) {
    const consumer = r.bus.consumer({
      groupId: replayGroup,
      topics: r.projection.topics,
      fromBeginning: true,
      handler: (m) => take([m]),
      batchHandler: take,
      maxBatch: 1000,
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.start();
      // Ends when every partition reached its target, something failed, time ran out or the runner stopped.
      const watch = new Promise<void>((resolve) => {
        const tick = () => {
          if (Date.now() > r.deadline) failure ??= 'timed out';
          else if (r.stopped()) failure ??= 'stopped';
          if (failure !== undefined) return resolve();
          timer = setTimeout(tick, 200);
        };
        tick();
      });
      await Promise.race([finished, watch]);
    } catch (err) {
      failure ??= err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    } finally {
      if (timer) clearTimeout(timer);
      await consumer.stop().catch(() => undefined);
      await r.admin.deleteGroup(replayGroup);
    }
  }
  if (failure !== undefined) return { replayed: false, reason: failure };
  try {
    await fold.write(r.rm);
  } catch (err) {
    return { replayed: false, reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  return { replayed: true, events };
};
