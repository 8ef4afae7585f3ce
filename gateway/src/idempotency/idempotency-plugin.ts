import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, OperationDefinitionNode, print } from 'graphql';
import type { GatewayContext } from '../gateway-context';

/** The header a client sends to make a mutation safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Visible ASCII, long enough for a UUID or a client's own scheme, short enough to store beside every commit. */
const KEY = /^[\x21-\x7e]{8,128}$/;

const refused = (message: string) =>
  new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'Idempotency-Key', message }], http: { status: 400 } },
  });

/** Variables in a stable order, so the same request always has the same fingerprint. */
const stable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
};

const rootFields = (operation: OperationDefinitionNode) => operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).length;

/**
 * Carries the client's `Idempotency-Key` to the subgraphs with the request context: every
 * command of the mutation is appended with it (scoped to the caller), and a retry with the same
 * key finds its commit and answers from it instead of writing again. The fingerprint (the
 * operation as printed, with its variables) tells a retry from another request under a reused
 * key. One key covers one mutation: an operation with several root fields, fragments at the root
 * or a subscription cannot carry one. Queries ignore it (they change nothing anyway).
 */
export const idempotencyPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation(rc) {
        const raw = rc.request.http?.headers.get(IDEMPOTENCY_HEADER);
        if (raw === undefined || raw === null || !rc.operation || rc.operation.operation !== 'mutation') return;
        if (!KEY.test(raw)) throw refused('must be 8 to 128 visible ASCII characters (a UUID will do)');
        if (rc.operation.selectionSet.selections.length !== 1 || rootFields(rc.operation) !== 1) {
          throw refused('covers one mutation: send each root mutation field in its own request with its own key');
        }
        const fingerprint = createHash('sha256')
          .update(print(rc.operation))
          .update('\n')
          .update(JSON.stringify(stable(rc.request.variables ?? {})))
          .digest('base64url');
        rc.contextValue.request.idempotency = { key: raw, fingerprint };
      },
    };
  },
};
