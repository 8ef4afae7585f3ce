/**
 * Typed errors. `code` is stable and travels to clients (GraphQL `extensions.code`);
 * messages are meant for a portal developer, never carry internals.
 */
export abstract class PlatformError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A business rule refused the command. */
export class DomainError extends PlatformError {
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Input does not have the right shape or values. */
export class ValidationError extends PlatformError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message, { problems });
  }
}

export class NotFoundError extends PlatformError {
  readonly code = 'NOT_FOUND';
}

export class ForbiddenError extends PlatformError {
  readonly code = 'FORBIDDEN';
}

/** Another writer appended to the stream first. */
export class ConcurrencyError extends PlatformError {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} changed concurrently (expected version ${expectedVersion})`, {
      streamId,
      expectedVersion,
    });
  }
}

/** A client reused an idempotency key for a different request: the first one's result is not this one's. */
export class IdempotencyKeyReusedError extends PlatformError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(readonly streamId: string) {
    super('This Idempotency-Key was already used for a different request; send a new key for a new request.', { streamId });
  }
}
