import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { INTERNAL_CONTEXT_HEADER, InternalContextSigner } from '@mms/auth';
import type { GatewayContext } from './gateway-context';

/**
 * Calls one subgraph. Subgraph requests carry only headers set here: the client's headers
 * (its own x-mms-context, tenant-ish headers, the token) never reach a subgraph, which
 * trusts the signed context alone.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly signer: InternalContextSigner,
  ) {
    // Node's fetch (undici) keeps connections alive and closes cleanly with the process.
    super({ url, fetcher: (input, init) => fetch(input, init) });
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
  }
}
