import { Client, fetchExchange, mapExchange } from 'urql';

export const GRAPHQL_URL = '/graphql';

/**
 * The one GraphQL client: every request carries the session's token; an answer that says the
 * token is no longer good (401 / UNAUTHENTICATED) ends the session, so the person signs in again
 * and comes back. No normalised cache: lists are read fresh (`cache-and-network`), and a
 * mutation re-runs the queries of the page that asked for it.
 */
export const createClient = (token: () => string | null, onUnauthenticated: () => void) =>
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
    fetchOptions: (): RequestInit => {
      const t = token();
      const headers: Record<string, string> = t ? { authorization: `Bearer ${t}` } : {};
      return { headers };
    },
  });
