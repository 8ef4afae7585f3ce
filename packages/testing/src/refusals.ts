import { ValidationError } from '@mms/eventsourcing/core';

/** The field a pure rule's refusal names; fails the test when the input is accepted or refused otherwise. */
export const refusedField = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return err.problems[0]?.field;
  }
  throw new Error('accepted');
};

/** The error code a promise is refused with (undefined when it is not). */
export const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
  return undefined;
};
