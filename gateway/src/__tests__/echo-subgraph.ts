/*
 * A real subgraph for the gateway tests: served with node:http, trusts only a valid
 * gateway-signed x-mms-context, and echoes the verified context back.
 */
import { createServer, IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { AuthenticationError, INTERNAL_CONTEXT_HEADER, InternalContextVerifier, RequestContext } from '@mms/auth';
import { execute, GraphQLError, parse, validate } from 'graphql';

export const ECHO_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

type Query {
  whoami: Caller!
  "Fails like a careless service: a driver error with a connection string and a stack trace."
  failInternally: String
  "Fails like a careful one: a typed client error with field-level problems."
  rejectInput(title: String): String
  node: Node
  "Answers after the given delay: an in-flight request for the shutdown test."
  slow(ms: Int!): String
  "A list sized by first: for the cost tests."
  items(first: Int = 10): [Node!]!
}

type Caller {
  requestId: String!
  correlationId: String!
  subject: String
  role: String
  municipalityId: String
}

type Node {
  id: ID!
  child: Node
  children: [Node!]!
}
`;

const resolvers = {
  Query: {
    whoami: (_: unknown, __: unknown, context: unknown) => {
      const { ctx } = context as { ctx: RequestContext };
      return {
        requestId: ctx.requestId,
        correlationId: ctx.correlationId,
        subject: ctx.user?.subject ?? null,
        role: ctx.user?.role ?? null,
        municipalityId: ctx.user?.municipalityId ?? null,
      };
    },
    failInternally: () => {
      throw new Error('connect ECONNREFUSED mongodb://admin:secret@10.0.0.7:27017/directory');
    },
    rejectInput: () => {
      throw new GraphQLError('The input is not valid.', {
        extensions: {
          code: 'BAD_USER_INPUT',
          problems: [{ path: ['title'], message: 'Title is required.' }],
        },
      });
    },
    node: () => ({ id: '1', child: null, children: [] }),
    items: (_: unknown, { first }: { first: number }) => Array.from({ length: Math.min(first, 3) }, (_x, i) => ({ id: String(i), child: null, children: [] })),
    slow: (_: unknown, { ms }: { ms: number }) => new Promise((resolve) => setTimeout(() => resolve(`slept ${ms}`), ms)),
  },
};

export interface EchoSubgraph {
  url: string;
  /** Headers of every GraphQL request received, in order. */
  received: IncomingHttpHeaders[];
  /** Requests whose connection was closed by the gateway before the answer was sent (cancelled fetches). */
  cancelled: IncomingHttpHeaders[];
  close(): Promise<void>;
}

export const startEchoSubgraph = async (internalPublicPem: string): Promise<EchoSubgraph> => {
  const verifier = await InternalContextVerifier.fromPem(internalPublicPem);
  const schema = buildSubgraphSchema({ typeDefs: parse(ECHO_SDL), resolvers });
  const received: IncomingHttpHeaders[] = [];
  const cancelled: IncomingHttpHeaders[] = [];

  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/health/ready') return send(200, { status: 'ready' });
    res.once('close', () => {
      if (!res.writableEnded) cancelled.push(req.headers);
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push(req.headers);
    let ctx: RequestContext;
    try {
      ctx = await verifier.verify(req.headers[INTERNAL_CONTEXT_HEADER] as string | undefined);
    } catch (err) {
      const message = err instanceof AuthenticationError ? err.message : 'unauthenticated';
      return send(200, {
        errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const document = parse(query);
    const invalid = validate(schema, document);
    if (invalid.length > 0) return send(400, { errors: invalid });
    const result = await execute({
      schema,
      document,
      variableValues: variables,
      contextValue: { ctx },
    });
    send(200, {
      ...result,
      // Like a service that forgets to mask: raw message, stack trace, no code for unknown errors.
      errors: result.errors?.map((e) =>
        e.originalError && !(e.originalError instanceof GraphQLError)
          ? {
              ...e.toJSON(),
              extensions: {
                code: 'INTERNAL_SERVER_ERROR',
                stacktrace: e.originalError.stack?.split('\n'),
              },
            }
          : e.toJSON(),
      ),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    cancelled,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
