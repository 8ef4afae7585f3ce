import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from '@mms/auth';
import { Caller, callerOf } from './config';

/** Why an operation stopped before it finished. */
export type AbortReason = 'deadline' | 'client_closed';

/** The reason a request's signal is aborted with (what its cancelled subgraph fetches reject with). */
export class OperationAborted extends Error {
  constructor(readonly why: AbortReason) {
    super(why === 'deadline' ? 'the operation passed its deadline' : 'the client closed the connection');
    this.name = 'OperationAborted';
  }
}

/** Per incoming request: Apollo's context value, and the async-local scope of formatError. */
export interface GatewayContext {
  /** What the gateway vouches for to subgraphs (signed into x-mms-context). */
  request: RequestContext;
  /** Whose limits apply (cost, rate, deadline): the token's role, or the public. */
  caller: Caller;
  /** Signed once per incoming request, shared by all its subgraph fetches. */
  internalContextToken?: Promise<string>;
  /**
   * What the plugins learn about the operation. A nested object on purpose: Apollo runs each
   * operation with a shallow copy of the context, so only what hangs off it is seen by the
   * HTTP layer afterwards.
   */
  operation: OperationState;
  /** Counted by formatError, for the request's log line and metrics outcome. */
  errors: { client: number; rejected: number; internal: number; unavailable: number };
  /** Aborted at the deadline or when the client goes away: every subgraph fetch of the request is cancelled. */
  signal?: AbortSignal;
  /** `performance.now()` by which the operation must be done; subgraphs get the time left. */
  deadline?: number;
  /** The client's `x-mms-after`: positions of its own changes its reads should wait for (passed to every subgraph). */
  readAfter?: string;
}

export interface OperationState {
  /** The resolved operation's name, for the log line. */
  name: string | null;
  /** Set by the cost plugin once the operation is priced. */
  cost?: { estimated: number; limit: number };
  /** A costly operation's turn in the costly lane, given back when it is answered. */
  releaseTurn?: () => void;
  /** How long a costly operation waited for its turn (ms). */
  waitedMs?: number;
  /** Set for a costly operation: the awaited resolvers each subgraph may run for it at once. */
  resolversInFlight?: number;
  /** Where the operation's commands left their streams (subgraphs' `x-mms-positions`), answered to the client. */
  positions?: string[];
}

export const newGatewayContext = (request: RequestContext, extra: { signal?: AbortSignal; deadline?: number; readAfter?: string } = {}): GatewayContext => ({
  request,
  caller: callerOf(request.user),
  operation: { name: null },
  errors: { client: 0, rejected: 0, internal: 0, unavailable: 0 },
  ...extra,
});

/** The reason a request's signal was aborted with, if it was. */
export const abortReasonOf = (ctx: GatewayContext | undefined): AbortReason | null => {
  if (!ctx?.signal?.aborted) return null;
  const reason: unknown = ctx.signal.reason;
  return reason instanceof OperationAborted ? reason.why : 'client_closed';
};

/**
 * Apollo's formatError does not receive the context value; the request id it must attach
 * to masked errors comes from here instead.
 */
export const requestScope = new AsyncLocalStorage<GatewayContext>();
