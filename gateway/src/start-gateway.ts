import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { InternalContextSigner, readPem, UserTokenVerifier } from '@mms/auth';
import type { DestinationStream } from 'pino';
import { Authenticator } from './auth-context';
import { callerOf, GatewayConfig, subgraphUrlFor } from './config';
import { createFormatError } from './errors';
import type { GatewayContext } from './gateway-context';
import { createRequestHandler, GRAPHQL_PATH } from './http-server';
import { costPlugin, Lane, limitRules, RateLimiter } from './limits';
import { IdentityCheck } from './identity/identity-check';
import { createUploadHandler, uploadMaxBytesFromEnv } from './uploads/upload-proxy';
import { createLogger } from './ops/logger';
import { createMetrics } from './ops/metrics';
import { createReadiness } from './ops/readiness';
import { SubgraphDataSource } from './subgraph-data-source';
import { idempotencyPlugin } from './idempotency/idempotency-plugin';
import { createDevLogin } from './portal/dev-login';
import { createStaticFiles } from './portal/static-files';

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  /** `${url}/graphql` */
  graphqlUrl: string;
  /** Subgraph name → the URL it is called at (after overrides). */
  subgraphs: ReadonlyMap<string, string>;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), stops Apollo. */
  close(): Promise<void>;
}

/** Records the resolved operation name for the request's log line. */
const operationNamePlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation(rc) {
        rc.contextValue.operation.name = rc.operationName ?? null;
      },
    };
  },
};

const readRequired = (file: string, what: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the ${what} at ${file}: ${(err as Error).message}`);
  }
};

export const startGateway = async (config: GatewayConfig, options: { logDestination?: DestinationStream } = {}): Promise<RunningGateway> => {
  const logger = createLogger(config.logLevel, options.logDestination);
  const supergraphSdl = readRequired(config.supergraphFile, 'supergraph');
  const [verifier, signer] = await Promise.all([
    UserTokenVerifier.fromPem(readRequired(config.userPublicKeyFile, 'user token public key'), config.issuer, config.audience),
    InternalContextSigner.fromPem(readPem(config.internalContextPrivateKeyFile)),
  ]);

  const subgraphs = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl, // static: the supergraph is composed and checked in CI, never fetched at runtime
    logger,
    buildService: ({ name, url }) => {
      const target = subgraphUrlFor(config, name, url ?? '');
      if (!target) throw new Error(`subgraph "${name}" has no URL in the supergraph and no override`);
      subgraphs.set(name, target);
      return new SubgraphDataSource(target, signer);
    },
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    introspection: config.development,
    // Outside development, no "did you mean" hints: they would leak the schema introspection hides.
    hideSchemaDetailsFromClientErrors: !config.development,
    includeStacktraceInErrorResponses: false,
    persistedQueries: false,
    // main.ts owns SIGTERM/SIGINT: Apollo's own handler would stop it under us and re-raise the signal.
    stopOnTerminationSignals: false,
    validationRules: limitRules(config.limits),
    formatError: createFormatError(logger),
    plugins: [
      config.development ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
      operationNamePlugin,
      idempotencyPlugin,
      costPlugin(config.limits.callers, {
        cost: config.limits.heavyCost,
        lane: new Lane(config.limits.heavyInFlight),
        resolversInFlight: config.limits.heavyResolversInFlight,
      }),
    ],
  });
  await apollo.start();
  let loaded = true;

  const metrics = createMetrics();
  const readiness = createReadiness({
    isLoaded: () => loaded,
    subgraphs: () => subgraphs,
    ...config.readiness,
  });
  // Claims are checked against the directory once per claim set (issue 9 §2); a supergraph without one (tests) has nothing to check against.
  const identity =
    subgraphs.has('directory') && process.env['GATEWAY_IDENTITY_CHECK'] !== 'off'
      ? new IdentityCheck({
          directoryUrl: () => subgraphs.get('directory'),
          signer,
          okTtlMs: Number(process.env['GATEWAY_IDENTITY_CACHE_MS'] ?? 60_000),
        })
      : undefined;
  const authenticator = new Authenticator(verifier, identity);
  const rateLimiter = new RateLimiter();
  const handle = createRequestHandler({
    apollo,
    authenticator,
    uploads: createUploadHandler({
      authenticator,
      signer,
      logger,
      subgraphUrl: (name) => subgraphs.get(name),
      maxBytes: uploadMaxBytesFromEnv(),
      rateLimit: (user) => {
        const c = config.limits.callers[callerOf(user)];
        return rateLimiter.take(`user:${user.subject}`, c.ratePerSecond, c.burst);
      },
    }),
    subgraphUrl: (name) => subgraphs.get(name),
    limits: config.limits,
    rateLimiter,
    metrics,
    readiness,
    logger,
    ...(config.portalDir ? { portal: createStaticFiles(config.portalDir) } : {}),
    // Development only: the stand-in identity provider's sign-in for the portal.
    ...(config.development && existsSync(config.userPrivateKeyFile)
      ? {
          devLogin: createDevLogin({
            userPrivatePem: readPem(config.userPrivateKeyFile),
            issuer: config.issuer,
            audience: config.audience,
            authenticator,
            signer,
            directoryUrl: () => subgraphs.get('directory'),
          }),
        }
      : {}),
  });
  let draining = false;
  const server = createServer((req, res) => {
    // While draining, a keep-alive connection is closed as soon as its response is done.
    if (draining) {
      res.setHeader('connection', 'close');
    } else {
      res.once('close', () => draining && setImmediate(() => server.closeIdleConnections()));
    }
    handle(req, res);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (err) {
    await apollo.stop();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info(
    {
      url,
      subgraphs: Object.fromEntries(subgraphs),
      development: config.development,
    },
    'gateway listening',
  );

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      loaded = false; // readiness fails at once, so load balancers stop sending traffic
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, config.shutdownGraceMs)))]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
      await apollo.stop();
      logger.info('gateway stopped');
    })());

  return { url, graphqlUrl: `${url}${GRAPHQL_PATH}`, subgraphs, close };
};
