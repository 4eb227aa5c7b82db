import { expect } from '@jest/globals';
import type { CommandContext, Decider } from '../shared/decider.js';
import { DomainError, type DomainErrorCode } from '../shared/domain-error.js';

/** given(events) / when(command) / then(events | refusal) for a decider, without any I/O. */
export function specFor<Command, Event, State>(decider: Decider<Command, Event, State>, context: CommandContext) {
  return (given: Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState), context);
      return {
        then: (expected: Event[]) => expect(run()).toEqual(expected),
        thenRefused: (code: DomainErrorCode, detail?: RegExp) => {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
          if (detail) expect((error as DomainError).detail).toMatch(detail);
        },
      };
    },
  });
}
