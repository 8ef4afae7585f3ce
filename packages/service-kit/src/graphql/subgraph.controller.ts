import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { GraphQLSchema, parse, validate, execute, DocumentNode, GraphQLError, specifiedRules } from 'graphql';
import { INTERNAL_CONTEXT_HEADER, InternalContextVerifier, RequestContext } from '@mms/auth';
import { operationLabel } from './operation-label';
import { formatSubgraphError } from './format-error';
import { LOGGER, METRICS, SUBGRAPH_SCHEMA, CONTEXT_VERIFIER } from '../platform/tokens';
import type { StructuredLogger } from '../logging/logger';
import { ServiceMetrics } from '../metrics/metrics';

export interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** What every resolver gets as its context. */
export interface SubgraphContext {
  request: RequestContext;
}

/**
 * The subgraph's only entry: POST /graphql from the gateway. A request whose internal
 * context is missing or not signed by the gateway is refused before any resolver runs.
 */
@Controller()
export class SubgraphController {
  private readonly documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

  constructor(
    @Inject(SUBGRAPH_SCHEMA) private readonly schemaSource: GraphQLSchema | { schema: GraphQLSchema },
    @Inject(CONTEXT_VERIFIER) private readonly verifier: InternalContextVerifier,
    @Inject(LOGGER) private readonly logger: StructuredLogger,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
  ) {}

  /** A built schema, or the host that builds it from the slices at bootstrap. */
  private get schema(): GraphQLSchema {
    return this.schemaSource instanceof GraphQLSchema ? this.schemaSource : this.schemaSource.schema;
  }

  @Post('graphql')
  @HttpCode(200)
  async graphql(
    @Body() body: GraphQLBody,
    @Headers(INTERNAL_CONTEXT_HEADER) contextToken: string | undefined,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const started = process.hrtime.bigint();
    let request: RequestContext;
    try {
      request = await this.verifier.verify(contextToken);
    } catch (err) {
      res.status(401);
      this.metrics.graphqlRequests.inc({ operation: 'unknown', outcome: 'unauthenticated' });
      return { errors: [{ message: (err as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] };
    }
    if (typeof body?.query !== 'string') {
      res.status(400);
      return { errors: [{ message: 'body must have a query string', extensions: { code: 'BAD_REQUEST' } }] };
    }
    const doc = this.document(body.query);
    const operation = operationLabel(doc, typeof body.operationName === 'string' ? body.operationName : undefined);
    let result;
    if (Array.isArray(doc)) {
      result = { errors: doc as GraphQLError[] };
    } else {
      result = await execute({
        schema: this.schema,
        document: doc as DocumentNode,
        variableValues: (body.variables as Record<string, unknown>) ?? undefined,
        operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
        contextValue: { request } satisfies SubgraphContext,
      });
    }
    const errors = result.errors?.map((e) =>
      formatSubgraphError(e, (original) =>
        this.logger.error({ err: original, requestId: request.requestId, correlationId: request.correlationId, operation }, 'resolver failed'),
      ),
    );
    const outcome = errors?.length ? (errors.some((e) => e.extensions?.['code'] === 'INTERNAL_SERVER_ERROR') ? 'error' : 'rejected') : 'ok';
    this.metrics.graphqlRequests.inc({ operation, outcome });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.metrics.graphqlDuration.observe({ operation }, seconds);
    this.logger.info(
      {
        requestId: request.requestId,
        correlationId: request.correlationId,
        operation,
        role: request.user?.role ?? 'public',
        tenant: request.user?.municipalityId ?? null,
        outcome,
        durationMs: Math.round(seconds * 1000),
      },
      'graphql request',
    );
    return errors ? { data: 'data' in result ? result.data : null, errors } : { data: (result as { data: unknown }).data };
  }

  /** Parsed and validated documents are cached: the gateway sends the same few shapes. */
  private document(query: string): DocumentNode | readonly GraphQLError[] {
    const cached = this.documents.get(query);
    if (cached) return cached;
    let doc: DocumentNode;
    try {
      doc = parse(query);
    } catch (err) {
      return [err as GraphQLError];
    }
    const errors = validate(this.schema, doc, specifiedRules);
    const entry = errors.length ? errors : doc;
    if (this.documents.size < 1000) this.documents.set(query, entry);
    return entry;
  }
}
