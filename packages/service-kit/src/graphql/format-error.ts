import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable, PlatformError, ValidationError } from '@mms/eventsourcing';

export { isDatabaseUnavailable };
import { AuthenticationError } from '@mms/auth';

/** The code of an operation that failed because the service's database could not be reached. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/**
 * Client errors keep their message and a stable code; anything else is an internal
 * error whose details go to the log, not to the caller.
 */
export const formatSubgraphError = (err: GraphQLError, onInternal: (err: unknown) => void): GraphQLFormattedError => {
  const original = err.originalError;
  if (!original) {
    // Parse/validation errors of the GraphQL document itself.
    return { message: err.message, locations: err.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  if (original instanceof ValidationError) {
    return {
      message: original.message,
      path: err.path,
      extensions: { code: original.code, problems: original.problems },
    };
  }
  if (original instanceof PlatformError) {
    return { message: original.message, path: err.path, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof AuthenticationError) {
    return { message: original.message, path: err.path, extensions: { code: original.code } };
  }
  if (original instanceof GraphQLError && original.extensions?.['code'] === 'BAD_USER_INPUT') {
    return { message: original.message, path: err.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  onInternal(original);
  if (isDatabaseUnavailable(original)) {
    // Typed and retryable, not an internal error: a write may have been stored before the
    // connection dropped, so a mutation is retried with the same Idempotency-Key.
    return {
      message: 'The service cannot reach its database at the moment; retry later (a mutation with the same Idempotency-Key).',
      path: err.path,
      extensions: { code: SERVICE_UNAVAILABLE },
    };
  }
  return { message: 'Internal error', path: err.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
};
