import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { AFTER_HEADER, INTERNAL_CONTEXT_HEADER, InternalContextSigner, POSITIONS_HEADER, RESOLVERS_IN_FLIGHT_HEADER, TIMEOUT_HEADER } from '@mms/auth';
import type { GatewayContext } from './gateway-context';

type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];

/** The incoming request's signal, for the fetcher (Apollo hands it no context). */
const fetchSignal = new AsyncLocalStorage<AbortSignal | undefined>();

/**
 * Calls one subgraph. Subgraph requests carry only headers set here: the client's headers
 * (its own x-mms-context, tenant-ish headers, the token) never reach a subgraph, which
 * trusts the signed context alone. Each fetch is cancelled with the incoming request (its
 * deadline, or the client going away), and tells the subgraph the time left, so the subgraph
 * stops too.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly signer: InternalContextSigner,
  ) {
    // Node's fetch (undici) keeps connections alive and closes cleanly with the process;
    // aborting it closes the connection, which the subgraph sees.
    super({
      url,
      fetcher: (input, init) => {
        const signal = fetchSignal.getStore();
        return fetch(input, signal ? { ...init, signal } : init);
      },
    });
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const signal = 'incomingRequestContext' in options ? options.context.signal : undefined;
    return fetchSignal.run(signal, () => super.process(options));
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Only operations of incoming requests carry a caller (the enum is not exported by the package).
    if (!('incomingRequestContext' in options)) return;
    const ctx = options.context;
    const headers = options.request.http!.headers;
    ctx.internalContextToken ??= this.signer.sign(ctx.request);
    headers.set(INTERNAL_CONTEXT_HEADER, await ctx.internalContextToken);
    headers.set('x-request-id', ctx.request.requestId);
    headers.set('x-correlation-id', ctx.request.correlationId);
    // Relative, as gRPC's grpc-timeout: the subgraph's clock need not agree with ours.
    if (ctx.deadline !== undefined) headers.set(TIMEOUT_HEADER, String(Math.max(1, Math.floor(ctx.deadline - performance.now()))));
    // A costly operation reads one thing at a time in each subgraph: the others' reads pass it.
    if (ctx.operation.resolversInFlight !== undefined) headers.set(RESOLVERS_IN_FLIGHT_HEADER, String(ctx.operation.resolversInFlight));
    // Read-your-writes: each subgraph waits (bounded) for the positions that are its own.
    if (ctx.readAfter) headers.set(AFTER_HEADER, ctx.readAfter);
  }

  /** A subgraph that ran commands says where it left their streams: gathered for the client's answer. */
  override didReceiveResponse({ response, context }: ReceivedResponse): ReceivedResponse['response'] {
    const positions = (response as { http?: { headers: { get(name: string): string | null } } }).http?.headers.get(POSITIONS_HEADER);
    if (positions && context.operation) (context.operation.positions ??= []).push(...positions.split(','));
    return response;
  }
}
