import type { CommandHandler, HandleResult, StreamLocation } from './command-handler';
import { Decider, StreamInfo } from './decider';
import { CommandContext, DomainEvent, RequestKey } from './envelope';
import { ConcurrencyError, IdempotencyKeyReusedError } from './errors';
import { EventStore } from './event-store';
import { inParallel } from './in-parallel';
import { CommandOrPlan, decideEach, decideFresh, stateAt } from './deciding';

/* Many commands at once (`CommandHandler.handleMany`): decided as one is, appended together. */

/** What a batch needs of its handler: streams loaded, and a conflict's item decided again alone. */
type BatchSteps = Pick<CommandHandler, 'load' | 'handle' | 'handleEach'>;

/** One command of a batch (`CommandHandler.handleMany`). */
export interface BatchItem<S, C> {
  streamId: string;
  command: CommandOrPlan<S, C>;
  where?: StreamLocation;
  /**
   * The stream's id was minted for this request (a new record of a list): it is decided on
   * the initial state without reading it first. Only a refusal or a no-op on the initial
   * state, or an append refused because the stream exists (this request ran before, or the
   * id was not new after all), sends the item down the normal path: read, then decide.
   */
  fresh?: boolean;
}

/** A stream's commit of a batch, decided and waiting for the append: its items, the state after it, each item's refusal. */
interface Planned<S, E> {
  group: number[];
  state: S;
  version: number;
  tenantId: string;
  events: E[];
  outcomes: Array<Error | null>;
}

/** A fresh item of a batch planned on the initial state; false when that refuses or does nothing (then the stream is read). */
const planFresh = <S, C, E extends DomainEvent>(decider: Decider<S, C, E>, it: BatchItem<S, C>, i: number, tenantId: string, planned: Array<Planned<S, E>>) => {
  const decided = decideFresh(decider, it.command, tenantId, it.streamId, true);
  if (decided) planned.push({ group: [i], state: decided.state, version: 0, tenantId, events: decided.events, outcomes: [null] });
  return decided !== undefined;
};

/** Streams read at once while a batch is decided. */
const BATCH_READS = 16;

export const handleBatch = async <S, C, E extends DomainEvent>(
  h: BatchSteps,
  store: EventStore,
  decider: Decider<S, C, E>,
  items: readonly BatchItem<S, C>[],
  ctx: Omit<CommandContext, 'tenantId'> & { tenantId?: string },
): Promise<Array<HandleResult<S> | Error>> => {
  const { request, ...plain } = ctx;
  const itemCtx = (i: number): typeof ctx => (request ? { ...plain, request: { key: `${request.key}#${i}`, fingerprint: request.fingerprint } } : plain);
  const results = new Array<HandleResult<S> | Error>(items.length);
  const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));
  const byStream = new Map<string, number[]>();
  items.forEach((it, i) => byStream.set(it.streamId, [...(byStream.get(it.streamId) ?? []), i]));
  const planned: Array<Planned<S, E>> = [];
  await inParallel([...byStream.values()], BATCH_READS, async (group) => {
    const first = group[0]!;
    const it = items[first]!;
    try {
      const location: StreamLocation = it.where ?? { tenantId: ctx.tenantId ?? '' };
      if ('tenantId' in location && !location.tenantId) throw new Error('a command needs the tenant of its stream');
      if (group.length === 1 && it.fresh && 'tenantId' in location && planFresh(decider, it, first, location.tenantId, planned)) return;
      // From memory first (a stale stream fails the append); a refusal or nothing to append is read again.
      for (const cached of [true, false]) {
        if (await decideGroup(h, decider, items, group, location, cached, itemCtx(first).request, results, planned)) return;
      }
    } catch (err) {
      for (const i of group) results[i] = asError(err);
    }
  });
  planned.sort((a, b) => a.group[0]! - b.group[0]!);
  const appended = await store.appendMany(
    planned.map((p) => ({
      streamType: decider.streamType,
      streamId: items[p.group[0]!]!.streamId,
      expectedVersion: p.version,
      events: p.events,
      ctx: { ...itemCtx(p.group[0]!), tenantId: p.tenantId },
    })),
  );
  await inParallel(
    planned.map((_, k) => k),
    BATCH_READS,
    async (k) => {
      const p = planned[k]!;
      const r = appended[k]!;
      const first = p.group[0]!;
      const it = items[first]!;
      if (r instanceof ConcurrencyError) {
        if (p.group.length === 1) return void (results[first] = await h.handle(decider, it.streamId, it.command, itemCtx(first), it.where).catch(asError));
        const again = await h
          .handleEach(
            decider,
            it.streamId,
            p.group.map((i) => items[i]!.command),
            itemCtx(first),
            it.where,
          )
          .catch(asError);
        if (again instanceof Error) for (const i of p.group) results[i] = again;
        else {
          const { outcomes, ...answer } = again;
          p.group.forEach((i, j) => (results[i] = outcomes[j] ?? answer));
        }
      } else if (r instanceof Error) for (const i of p.group) results[i] = r;
      else {
        const answer: HandleResult<S> = { state: p.state, version: r.nextExpectedVersion, tenantId: p.tenantId, events: r.events };
        p.group.forEach((i, j) => (results[i] = p.outcomes[j] ?? answer));
      }
    },
  );
  return results;
};

/**
 * A batch's items on one stream, decided on the stream as loaded (`cached`: perhaps from the
 * store's memory) and planned for the append, or answered. False when an answer from memory
 * left a refusal or nothing to append: the caller reads the stream again.
 */
const decideGroup = async <S, C, E extends DomainEvent>(
  h: BatchSteps,
  decider: Decider<S, C, E>,
  items: readonly BatchItem<S, C>[],
  group: number[],
  location: StreamLocation,
  cached: boolean,
  key: RequestKey | undefined,
  results: Array<HandleResult<S> | Error>,
  planned: Array<Planned<S, E>>,
): Promise<boolean> => {
  const it = items[group[0]!]!;
  const { state, version, tenantId, found } = await h.load(decider, location, it.streamId, cached);
  const stream: StreamInfo = { tenantId: tenantId ?? '', streamId: it.streamId, version };
  const commands = group.map((i) => items[i]!.command);
  const earlier = key && found.keyed?.find((k) => k.key === key.key);
  if (earlier) {
    if (earlier.fingerprint !== key.fingerprint) throw new IdempotencyKeyReusedError(it.streamId);
    const events = found.events.filter((e) => e.streamVersion > earlier.expectedVersion && e.streamVersion <= earlier.lastVersion);
    const answer: HandleResult<S> = { state, version, tenantId: tenantId ?? '', events, replayed: true };
    // One item was taken; of a list, each item's refusal is decided again on the stream as it was then.
    const outcomes =
      group.length === 1
        ? [null]
        : decideEach(decider, commands, stateAt(decider, found.events, earlier.expectedVersion), { ...stream, version: earlier.expectedVersion }, true)
            .outcomes;
    group.forEach((i, k) => (results[i] = outcomes[k] ?? answer));
    return true;
  }
  const { events, outcomes, after } = decideEach(decider, commands, state, stream, true);
  if (found.fromCache && (!events.length || outcomes.some(Boolean))) return false;
  if (events.length && !tenantId) throw new Error(`stream ${it.streamId} has no tenant to append to`);
  if (events.length) planned.push({ group, state: after, version, tenantId: tenantId!, events, outcomes });
  else group.forEach((i, k) => (results[i] = outcomes[k] ?? { state, version, tenantId: tenantId ?? '', events: [] }));
  return true;
};
