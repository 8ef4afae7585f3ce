import { Decider } from '../command-handling/decider';
import { DomainEvent } from '../envelope';

/**
 * given / when / then for deciders:
 *   spec(decider).given([...events]).when(command).then([...events])
 *   spec(decider).given([...]).when(command).thenThrows(ErrorClass, 'CODE')
 */
export const deciderSpec = <S, C, E extends DomainEvent>(decider: Decider<S, C, E>) => ({
  given: (events: E[]) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
      return {
        then: (expected: E[]) => expect(run()).toEqual(expected),
        thenThrows: (type: new (...args: never[]) => Error, code?: string) => {
          let thrown: unknown;
          try {
            run();
          } catch (err) {
            thrown = err;
          }
          expect(thrown).toBeInstanceOf(type);
          if (code) expect((thrown as { code?: string }).code).toBe(code);
        },
      };
    },
  }),
});
