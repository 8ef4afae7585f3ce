import { AsyncLocalStorage } from 'node:async_hooks';
import {
  BatchItem,
  CommandContext,
  CommandHandler,
  CommandOrPlan,
  Decider,
  DomainEvent,
  EachResult,
  HandleResult,
  StreamLocation,
  StreamPosition,
} from '@mms/eventsourcing';

/** The positions the commands of the current GraphQL request appended (one list per request). */
const requestPositions = new AsyncLocalStorage<Map<string, number>>();

/** Runs one request's execution, collecting the stream positions its commands reach. */
export const collectingPositions = async <T>(run: () => Promise<T>): Promise<{ result: T; positions: StreamPosition[] }> => {
  const seen = new Map<string, number>();
  const result = await requestPositions.run(seen, run);
  return { result, positions: [...seen].map(([streamId, version]) => ({ streamId, version })) };
};

const remember = (streamId: string, version: number) => {
  const seen = requestPositions.getStore();
  if (!seen || version < 1) return;
  seen.set(streamId, Math.max(version, seen.get(streamId) ?? 0));
};

/**
 * The platform's command handler: as the core one, and each stream a command leaves at a
 * version is remembered for the request's answer (`x-mms-positions`), so the client can ask
 * its next queries to wait for it. Handlers stay unaware of it.
 */
export class PositionRecordingCommandHandler extends CommandHandler {
  override async handle<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: CommandOrPlan<S, C>,
    ctx: Omit<CommandContext, 'tenantId'> & { tenantId?: string },
    where?: StreamLocation,
  ): Promise<HandleResult<S>> {
    const result = await super.handle(decider, streamId, command, ctx, where);
    remember(streamId, result.version);
    return result;
  }

  override async handleMany<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    items: readonly BatchItem<S, C>[],
    ctx: Omit<CommandContext, 'tenantId'> & { tenantId?: string },
  ): Promise<Array<HandleResult<S> | Error>> {
    const results = await super.handleMany(decider, items, ctx);
    results.forEach((r, i) => {
      if (!(r instanceof Error)) remember(items[i]!.streamId, r.version);
    });
    return results;
  }

  override async handleEach<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    commands: readonly CommandOrPlan<S, C>[],
    ctx: Omit<CommandContext, 'tenantId'> & { tenantId?: string },
    where?: StreamLocation,
  ): Promise<EachResult<S>> {
    const result = await super.handleEach(decider, streamId, commands, ctx, where);
    remember(streamId, result.version);
    return result;
  }
}
