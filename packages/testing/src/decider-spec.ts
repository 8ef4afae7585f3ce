import { Decider, DomainEvent, StreamInfo } from '@mms/eventsourcing/core';

/**
 * given / when / then for deciders:
 *   spec(decider).given([...events]).when(command).then([...events])
 *   spec(decider).given([...]).when(command).thenThrows(ErrorClass, 'CODE')
 *   spec(decider).given([...], { tenantId: 'region' }) — the tenant that holds the stream
 */
export const deciderSpec = <S, C, E extends DomainEvent>(decider: Decider<S, C, E>) => ({
  given: (events: E[], stream: Partial<StreamInfo> = {}) => ({
    when: (command: C) => {
      const at: StreamInfo = { tenantId: 'm-test', streamId: 's-test', version: events.length, ...stream };
      const run = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState()), at);
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
