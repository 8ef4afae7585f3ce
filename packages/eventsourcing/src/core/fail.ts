import { DomainError, FieldProblem, NotFoundError, ValidationError } from './errors';

/** A business rule refused the command: `refuse('COHORT_FULL', 'no seats left', { field: 'cohortId' })`. */
export const refuse = (code: string, message: string, details: Record<string, unknown> = {}): never => {
  throw new DomainError(code, message, details);
};

/** Bad input found by a decider: the same BAD_USER_INPUT clients get from input validation, naming the field. */
export const invalid = (field: string, message: string): never => {
  throw new ValidationError(`invalid ${field}: ${message}`, [{ field, message }]);
};

/** Several bad fields at once (nothing is written). */
export const invalidFields = (what: string, problems: FieldProblem[]): void => {
  if (problems.length) throw new ValidationError(`invalid ${what}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
};

export const notFound = (what: string, field?: string): never => {
  throw new NotFoundError(`${what} not found`, field ? { field } : {});
};

/** A stream that must exist for the command: narrows the state. */
export const requireExisting = <S extends { status: string }>(state: S, what: string, field?: string): Exclude<S, { status: 'none' }> => {
  if (state.status === 'none') notFound(what, field);
  return state as Exclude<S, { status: 'none' }>;
};
