import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Body, Controller, Headers, HttpCode, Inject, Optional, Post, Res } from '@nestjs/common';
import { DocumentNode, execute, GraphQLError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import {
  AFTER_HEADER,
  INTERNAL_CONTEXT_HEADER,
  InternalContextVerifier,
  POSITIONS_HEADER,
  RequestContext,
  RESOLVERS_IN_FLIGHT_HEADER,
  TIMEOUT_HEADER,
} from '@mms/auth';
import { AppliedPositions, decodePositions, encodePosition, MAX_POSITIONS } from '@mms/eventsourcing';
import { operationLabel } from './operation-label';
import { collectingPositions } from '../platform/read-your-writes';
import { formatSubgraphError, SERVICE_UNAVAILABLE } from './format-error';
import { LOGGER, METRICS, SUBGRAPH_SCHEMA, CONTEXT_VERIFIER, SERVICE_CONFIG, APPLIED_POSITIONS } from '../platform/tokens';
import type { ServiceConfig } from '../config/service-config';
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
  /** Aborted once the operation's deadline passed or the gateway hung up: pass it to long awaits that take one. */
  signal?: AbortSignal;
}

export * from './operation-control';
import { CancelReason, CONTROL, DEFAULT_RESOLVERS_IN_FLIGHT, guardResolvers, OperationControl, resolversInFlightOf, timeoutOf } from './operation-control';

/** The response of a cancelled operation: one typed error, no partial data. */
const cancelledResponse = (why: CancelReason) => ({
  data: null,
  errors: [
    why === 'deadline'
      ? { message: 'The operation passed its deadline; the subgraph stopped resolving it.', extensions: { code: 'DEADLINE_EXCEEDED' } }
      : { message: 'The gateway closed the request; the subgraph stopped resolving it.', extensions: { code: 'CANCELLED' } },
  ],
});

/**
 * The subgraph's only entry: POST /graphql from the gateway. A request whose internal
 * context is missing or not signed by the gateway is refused before any resolver runs.
 * Execution stops when the gateway's deadline (x-mms-timeout-ms) passes or the gateway closes
 * the request: no resolver runs after that.
 */
@Controller()
export class SubgraphController {
  private readonly documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

  constructor(
    @Inject(SUBGRAPH_SCHEMA) private readonly schemaSource: GraphQLSchema | { schema: GraphQLSchema },
    @Inject(CONTEXT_VERIFIER) private readonly verifier: InternalContextVerifier,
    @Inject(LOGGER) private readonly logger: StructuredLogger,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    @Optional() @Inject(SERVICE_CONFIG) config?: Pick<ServiceConfig, 'maxResolversInFlight'> & Partial<Pick<ServiceConfig, 'service' | 'readAfterMaxWaitMs'>>,
    @Optional() @Inject(APPLIED_POSITIONS) private readonly positions?: AppliedPositions,
  ) {
    this.maxResolversInFlight = config?.maxResolversInFlight ?? DEFAULT_RESOLVERS_IN_FLIGHT;
    this.service = config?.service ?? '';
    this.readAfterMaxWaitMs = config?.readAfterMaxWaitMs ?? 3000;
  }

  private readonly maxResolversInFlight: number;
  private readonly service: string;
  private readonly readAfterMaxWaitMs: number;

  /**
   * Read-your-writes: before reading, waits (bounded by the service's setting and the time the
   * operation has left) until this service's read models hold the client's own changes it
   * names. Never fails the query: past the bound it reads what there is.
   */
  private async readAfter(header: string | undefined, timeout: number | null, signal: AbortSignal): Promise<void> {
    if (!this.positions || !header || this.readAfterMaxWaitMs <= 0) return;
    const wanted = decodePositions(this.service, header);
    if (wanted.length === 0) return;
    const started = performance.now();
    // Leave the operation most of its time to read after the wait.
    const bound = Math.min(this.readAfterMaxWaitMs, timeout === null ? Infinity : timeout / 2);
    const reached = await this.positions.waitFor(wanted, bound, signal);
    const outcome = reached ? 'reached' : signal.aborted ? 'cancelled' : 'timeout';
    this.metrics.readAfterWaits.observe({ outcome }, (performance.now() - started) / 1000);
    if (outcome === 'timeout')
      this.logger.warn(
        { positions: wanted.length, waitedMs: Math.round(bound) },
        'read-after positions not reached in time: answering from the read model as it is',
      );
  }

  /** A built schema, or the host that builds it from the slices at bootstrap. */
  private get schema(): GraphQLSchema {
    return guardResolvers(this.schemaSource instanceof GraphQLSchema ? this.schemaSource : this.schemaSource.schema);
  }

  @Post('graphql')
  @HttpCode(200)
  async graphql(
    @Body() body: GraphQLBody,
    @Headers(INTERNAL_CONTEXT_HEADER) contextToken: string | undefined,
    @Res({ passthrough: true }) res: { status(code: number): unknown } & Partial<Pick<ServerResponse, 'once' | 'off' | 'writableEnded' | 'setHeader'>>,
    @Headers(TIMEOUT_HEADER) timeoutHeader?: string,
    @Headers(RESOLVERS_IN_FLIGHT_HEADER) inFlightHeader?: string,
    @Headers(AFTER_HEADER) afterHeader?: string,
  ) {
    const started = process.hrtime.bigint();
    const timeout = timeoutOf(timeoutHeader);
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
    let cancelled: { why: CancelReason; refused: number } | null = null;
    let queued = 0;
    if (Array.isArray(doc)) {
      result = { errors: doc as GraphQLError[] };
    } else {
      const control = new OperationControl(
        timeout === null ? null : performance.now() + timeout,
        resolversInFlightOf(this.maxResolversInFlight, inFlightHeader),
      );
      const onClose = () => {
        if (!res.writableEnded) control.cancel('client_closed');
      };
      res.once?.('close', onClose);
      try {
        await this.readAfter(afterHeader, timeout, control.signal);
        const { result: executed, positions } = await collectingPositions(async () =>
          execute({
            schema: this.schema,
            document: doc as DocumentNode,
            variableValues: (body.variables as Record<string, unknown>) ?? undefined,
            operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
            contextValue: { request, signal: control.signal, [CONTROL]: control } as SubgraphContext,
          }),
        );
        result = executed;
        // Where the request's commands left their streams: the client's next queries may ask to read after them.
        // A list command writes hundreds of streams: the answer names the last ones written, as
        // many as a reader takes (a header past the HTTP client's limit failed the whole request).
        if (positions.length)
          res.setHeader?.(
            POSITIONS_HEADER,
            positions
              .slice(-MAX_POSITIONS)
              .map((p) => encodePosition(this.service, p))
              .join(','),
          );
      } finally {
        control.dispose();
        res.off?.('close', onClose);
      }
      const why = control.reason;
      if (why) cancelled = { why, refused: control.refused };
      queued = control.queued;
    }
    if (cancelled) {
      const outcome = cancelled.why === 'deadline' ? 'deadline_exceeded' : 'cancelled';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.graphqlRequests.inc({ operation, outcome });
      this.metrics.graphqlDuration.observe({ operation }, seconds);
      this.logger.warn(
        {
          requestId: request.requestId,
          correlationId: request.correlationId,
          operation,
          role: request.user?.role ?? 'public',
          outcome,
          timeoutMs: timeout,
          refusedResolverCalls: cancelled.refused,
          queuedResolverCalls: queued,
          durationMs: Math.round(seconds * 1000),
        },
        'graphql request cancelled',
      );
      return cancelledResponse(cancelled.why);
    }
    const errors = result.errors?.map((e) =>
      formatSubgraphError(e, (original) =>
        this.logger.error({ err: original, requestId: request.requestId, correlationId: request.correlationId, operation }, 'resolver failed'),
      ),
    );
    const outcome = !errors?.length
      ? 'ok'
      : errors.some((e) => e.extensions?.['code'] === 'INTERNAL_SERVER_ERROR')
        ? 'error'
        : errors.some((e) => e.extensions?.['code'] === SERVICE_UNAVAILABLE)
          ? 'unavailable'
          : 'rejected';
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
        ...(queued ? { queuedResolverCalls: queued } : {}),
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
