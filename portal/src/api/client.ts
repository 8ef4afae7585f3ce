import { Client, fetchExchange, mapExchange } from 'urql';
import { AFTER_HEADER, OwnChanges, POSITIONS_HEADER } from './own-changes';

export const GRAPHQL_URL = '/graphql';

/**
 * The one GraphQL client: every request carries the session's token; an answer that says the
 * token is no longer good (401 / UNAUTHENTICATED) ends the session, so the person signs in again
 * and comes back. No normalised cache: lists are read fresh (`cache-and-network`), and a
 * mutation re-runs the queries of the page that asked for it; those queries name the
 * mutation's positions (own-changes.ts), so they read the change, not the list before it.
 */
export const createClient = (token: () => string | null, onUnauthenticated: () => void, own = new OwnChanges()) =>
  new Client({
    url: GRAPHQL_URL,
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
    exchanges: [
      mapExchange({
        onError(error) {
          const unauthenticated = error.response?.status === 401 || error.graphQLErrors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
          if (unauthenticated && token()) onUnauthenticated();
        },
      }),
      fetchExchange,
    ],
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      own.remember(res.headers.get(POSITIONS_HEADER));
      return res;
    },
    fetchOptions: (): RequestInit => {
      const t = token();
      const headers: Record<string, string> = t ? { authorization: `Bearer ${t}` } : {};
      const after = own.header();
      if (after) headers[AFTER_HEADER] = after;
      return { headers };
    },
  });
