import { DomainEvent } from './envelope';

/** Where a decision is made: the stream and the tenant that holds it (a cohort of the region, an educator's stream after a transfer). */
export interface StreamInfo {
  tenantId: string;
  streamId: string;
  /** 0 when the stream does not exist yet. */
  version: number;
}

/**
 * A pure decision model for one stream type: `decide` turns a command and the current
 * state into new events (or throws a DomainError); `evolve` folds events into state.
 * `decide` may read which tenant holds the stream (rules such as "a municipal cohort takes
 * only its own municipality's educators" depend on it).
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  streamType: string;
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State, stream: StreamInfo) => Event[];
}

export const fold = <S, E extends DomainEvent>(decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>, events: E[]): S =>
  events.reduce(decider.evolve, decider.initialState());
