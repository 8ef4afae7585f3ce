import { GraphQLError } from 'graphql';
import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { formatSubgraphError, isDatabaseUnavailable } from './format-error';

const resolverError = (original: Error) => new GraphQLError(original.message, { path: ['registerEducator'], originalError: original });

describe('formatSubgraphError: a database that cannot be reached', () => {
  const unreachable = [
    new MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:27017', { type: 'Unknown', servers: new Map() } as never),
    new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'),
    new Error('appending failed', { cause: new MongoNetworkError('socket hang up') }),
  ];

  it.each(unreachable.map((e) => [e.message, e]))('%s: SERVICE_UNAVAILABLE, typed and retryable, no internals', (_m, original) => {
    const logged: unknown[] = [];
    const out = formatSubgraphError(resolverError(original), (e) => logged.push(e));
    expect(out.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(out.message).not.toContain('127.0.0.1');
    expect(out.path).toEqual(['registerEducator']);
    expect(logged).toEqual([original]); // still logged for the operator
  });

  it('a server that answered with an error is still an internal error', () => {
    const original = new MongoServerError({ message: 'E11000 duplicate key', code: 11000 });
    expect(isDatabaseUnavailable(original)).toBe(false);
    expect(formatSubgraphError(resolverError(original), () => undefined).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
