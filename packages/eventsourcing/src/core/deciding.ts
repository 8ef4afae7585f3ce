import { Decider, StreamInfo } from './decider';
import { DomainEvent, EventEnvelope } from './envelope';
import { PlatformError } from './errors';

/**
 * What to decide: a command, or a function of the loaded state that checks access against
 * it (the entity's own record, freshly read) and returns the command. It runs again on
 * every attempt, so a retry after a conflict authorises against the new state too.
 */
export type CommandOrPlan<S, C> = C | ((state: S, stream: StreamInfo) => C);

export const isPlan = <S, C>(c: CommandOrPlan<S, C>): c is (state: S, stream: StreamInfo) => C => typeof c === 'function';

/** The state a stream had at `version` (before a commit a retry is answered from). */
export const stateAt = <S, C, E extends DomainEvent>(decider: Decider<S, C, E>, events: readonly EventEnvelope[], version: number): S => {
  let state = decider.initialState();
  for (const e of events) if (e.streamVersion <= version) state = decider.evolve(state, { type: e.type, data: e.data } as E);
  return state;
};

/**
 * Commands decided in order, each on the state the ones before left. A rule's refusal is its
 * command's outcome; `anyError`: every error is (a batch's items), not only a rule's refusal.
 */
export const decideEach = <S, C, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  commands: readonly CommandOrPlan<S, C>[],
  state: S,
  stream: StreamInfo,
  anyError = false,
) => {
  let after = state;
  const events: E[] = [];
  const outcomes: Array<Error | null> = [];
  for (const command of commands) {
    const here: StreamInfo = { ...stream, version: stream.version + events.length };
    try {
      const decided = decider.decide(isPlan(command) ? command(after, here) : command, after, here);
      events.push(...decided);
      after = decided.reduce(decider.evolve, after);
      outcomes.push(null);
    } catch (err) {
      if (!(err instanceof PlatformError) && !anyError) throw err;
      outcomes.push(err instanceof Error ? err : new Error(String(err)));
    }
  }
  return { events, outcomes, after };
};

/**
 * A command on a stream minted for its request, decided on the initial state: its events and
 * the state after them, or undefined when it refuses or does nothing there (perhaps only
 * because the stream is not new: the stored stream then decides). `anyError`: any error is such
 * a refusal (a batch's item), else only a rule's.
 */
export const decideFresh = <S, C, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  command: CommandOrPlan<S, C>,
  tenantId: string,
  streamId: string,
  anyError: boolean,
): { events: E[]; state: S } | undefined => {
  const state = decider.initialState();
  const stream: StreamInfo = { tenantId, streamId, version: 0 };
  try {
    const events = decider.decide(isPlan(command) ? command(state, stream) : command, state, stream);
    return events.length ? { events, state: events.reduce(decider.evolve, state) } : undefined;
  } catch (err) {
    if (anyError || err instanceof PlatformError) return undefined;
    throw err;
  }
};
