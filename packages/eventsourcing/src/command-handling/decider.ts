import { DomainEvent } from '../envelope';

/**
 * A pure decision model for one stream type: `decide` turns a command and the current
 * state into new events (or throws a DomainError); `evolve` folds events into state.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  streamType: string;
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Event[];
}

export const fold = <S, E extends DomainEvent>(decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>, events: E[]): S =>
  events.reduce(decider.evolve, decider.initialState());
