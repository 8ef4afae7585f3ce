import { ASTNode, GraphQLError } from 'graphql';

export type LimitCode =
  'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'QUERY_TOO_COMPLEX' | 'QUERY_TOO_EXPENSIVE' | 'QUERY_TOO_LARGE' | 'PAYLOAD_TOO_LARGE' | 'BATCHING_NOT_SUPPORTED';

/**
 * A request refused by a gateway limit. Apollo wraps validation errors into
 * GRAPHQL_VALIDATION_FAILED; formatError finds this class in `originalError` and
 * restores the specific code.
 */
export class LimitExceededError extends GraphQLError {
  constructor(
    readonly code: LimitCode,
    message: string,
    readonly max: number,
    nodes?: ASTNode,
    /** More figures a client can act on (the estimated cost...), shown beside code and max. */
    readonly details: Record<string, number | string> = {},
  ) {
    super(message, { nodes, extensions: { code, max, ...details } });
    this.name = 'LimitExceededError';
  }
}

/** The limit error behind an error Apollo may have wrapped, if any. */
export const findLimitError = (error: unknown): LimitExceededError | null => {
  for (let e = error, hops = 0; e && hops < 5; hops++) {
    if (e instanceof LimitExceededError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return null;
};
