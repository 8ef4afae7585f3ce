import { Decider } from './decider';
import { CommandContext, DomainEvent, EventEnvelope } from '../envelope';
import { ConcurrencyError } from '../errors';
import { MongoEventStore } from '../event-store/mongo-event-store';

export interface HandleResult<State> {
  state: State;
  version: number;
  events: EventEnvelope[];
}

export interface CommandHandlerOptions {
  /** How many times a command is re-decided after a concurrency conflict. */
  retries?: number;
}

/**
 * Loads a stream, decides, appends. On a concurrency conflict it reloads and decides
 * again (the command may now be refused by the rules: that is the point).
 */
export class CommandHandler {
  constructor(
    private readonly store: MongoEventStore,
    private readonly options: CommandHandlerOptions = {},
  ) {}

  async load<S, C, E extends DomainEvent>(decider: Decider<S, C, E>, tenantId: string, streamId: string) {
    const { events, version } = await this.store.readStream(tenantId, streamId);
    let state = decider.initialState();
    for (const e of events) state = decider.evolve(state, { type: e.type, data: e.data } as E);
    return { state, version };
  }

  async handle<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: C,
    ctx: CommandContext,
  ): Promise<HandleResult<S>> {
    const retries = this.options.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const { state, version } = await this.load(decider, ctx.tenantId, streamId);
      const newEvents = decider.decide(command, state);
      try {
        const { events, nextExpectedVersion } = await this.store.append(
          decider.streamType,
          streamId,
          version,
          newEvents,
          ctx,
        );
        return { state: newEvents.reduce(decider.evolve, state), version: nextExpectedVersion, events };
      } catch (err) {
        if (err instanceof ConcurrencyError && attempt < retries) {
          await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
          continue;
        }
        throw err;
      }
    }
  }
}
