import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from '@mms/auth';

/** Per incoming request: Apollo's context value, and the async-local scope of formatError. */
export interface GatewayContext {
  /** What the gateway vouches for to subgraphs (signed into x-mms-context). */
  request: RequestContext;
  /** Signed once per incoming request, shared by all its subgraph fetches. */
  internalContextToken?: Promise<string>;
  operationName: string | null;
  /** Counted by formatError, for the request's log line and metrics outcome. */
  errors: { client: number; rejected: number; internal: number };
}

export const newGatewayContext = (request: RequestContext): GatewayContext => ({
  request,
  operationName: null,
  errors: { client: 0, rejected: 0, internal: 0 },
});

/**
 * Apollo's formatError does not receive the context value; the request id it must attach
 * to masked errors comes from here instead.
 */
export const requestScope = new AsyncLocalStorage<GatewayContext>();
