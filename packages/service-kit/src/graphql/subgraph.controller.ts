import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import {
  defaultFieldResolver,
  DocumentNode,
  execute,
  GraphQLError,
  GraphQLFieldResolver,
  GraphQLSchema,
  isObjectType,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { INTERNAL_CONTEXT_HEADER, InternalContextVerifier, RequestContext, TIMEOUT_HEADER } from '@mms/auth';
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
  /** Aborted once the operation's deadline passed or the gateway hung up: pass it to long awaits that take one. */
  signal?: AbortSignal;
}

/** Why a subgraph stopped resolving an operation. */
export type CancelReason = 'deadline' | 'client_closed';

/** Thrown by every resolver called after its operation was cancelled, so the rest of the tree is not resolved. */
export class OperationCancelled extends Error {
  constructor(readonly why: CancelReason) {
    super(why === 'deadline' ? 'The operation passed its deadline.' : 'The gateway closed the request.');
    this.name = 'OperationCancelled';
  }
}

/** The longest time the gateway's timeout header is taken at (a larger value is a bug, not a wish). */
export const MAX_TIMEOUT_MS = 5 * 60_000;

/** The header's milliseconds, if it holds a usable number. */
export const timeoutOf = (header: string | undefined): number | null => {
  const ms = Number(header);
  return header && Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_TIMEOUT_MS) : null;
};

const CANCELLATION = Symbol('mms.cancellation');

/**
 * One operation's cancellation: at its deadline (a timer, and a clock check on every resolver
 * call, since a synchronous stretch of resolvers keeps timers from firing) or when the gateway
 * closes the request. Awaited resolvers stop being waited for at once.
 */
export class Cancellation {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly pending = new Set<(err: unknown) => void>();
  /** Resolver calls refused after the cancellation. */
  refused = 0;

  constructor(private readonly deadline: number | null) {
    if (deadline !== null) this.timer = setTimeout(() => this.cancel('deadline'), Math.max(0, deadline - performance.now()));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get reason(): CancelReason | null {
    return this.controller.signal.aborted ? (this.controller.signal.reason as OperationCancelled).why : null;
  }

  cancel(why: CancelReason) {
    if (this.controller.signal.aborted) return;
    const err = new OperationCancelled(why);
    this.controller.abort(err);
    clearTimeout(this.timer);
    for (const reject of this.pending) reject(err);
    this.pending.clear();
  }

  /** Throws once the operation is cancelled or past its deadline. */
  check() {
    if (!this.controller.signal.aborted && this.deadline !== null && performance.now() >= this.deadline) this.cancel('deadline');
    if (this.controller.signal.aborted) {
      this.refused++;
      throw this.controller.signal.reason;
    }
  }

  /** The resolver's promise, or its cancellation, whichever comes first. */
  race<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      work.then(
        (v) => {
          this.pending.delete(reject);
          resolve(v);
        },
        (e: unknown) => {
          this.pending.delete(reject);
          reject(e);
        },
      );
    });
  }

  dispose() {
    clearTimeout(this.timer);
    this.pending.clear();
  }
}

const isPromise = (v: unknown): v is Promise<unknown> => typeof (v as { then?: unknown } | null)?.then === 'function';

const guard =
  (resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> =>
  (source, args, context, info) => {
    const cancellation = (context as { [CANCELLATION]?: Cancellation } | null)?.[CANCELLATION];
    if (!cancellation) return resolve(source, args, context, info);
    cancellation.check();
    const result = resolve(source, args, context, info);
    return isPromise(result) ? cancellation.race(result) : result;
  };

const guarded = new WeakSet<GraphQLSchema>();

/**
 * Wraps every field resolver of the schema (once per schema): a field resolved after its
 * operation was cancelled throws OperationCancelled instead, so nothing below it runs, and an
 * awaited resolver is no longer waited for. Fields without a resolver get the default one, guarded.
 */
export const guardResolvers = (schema: GraphQLSchema): GraphQLSchema => {
  if (guarded.has(schema)) return schema;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) field.resolve = guard(field.resolve ?? defaultFieldResolver);
  }
  guarded.add(schema);
  return schema;
};

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
  ) {}

  /** A built schema, or the host that builds it from the slices at bootstrap. */
  private get schema(): GraphQLSchema {
    return guardResolvers(this.schemaSource instanceof GraphQLSchema ? this.schemaSource : this.schemaSource.schema);
  }

  @Post('graphql')
  @HttpCode(200)
  async graphql(
    @Body() body: GraphQLBody,
    @Headers(INTERNAL_CONTEXT_HEADER) contextToken: string | undefined,
    @Res({ passthrough: true }) res: { status(code: number): unknown } & Partial<Pick<ServerResponse, 'once' | 'off' | 'writableEnded'>>,
    @Headers(TIMEOUT_HEADER) timeoutHeader?: string,
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
    if (Array.isArray(doc)) {
      result = { errors: doc as GraphQLError[] };
    } else {
      const cancellation = new Cancellation(timeout === null ? null : performance.now() + timeout);
      const onClose = () => {
        if (!res.writableEnded) cancellation.cancel('client_closed');
      };
      res.once?.('close', onClose);
      try {
        result = await execute({
          schema: this.schema,
          document: doc as DocumentNode,
          variableValues: (body.variables as Record<string, unknown>) ?? undefined,
          operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
          contextValue: { request, signal: cancellation.signal, [CANCELLATION]: cancellation } as SubgraphContext,
        });
      } finally {
        cancellation.dispose();
        res.off?.('close', onClose);
      }
      const why = cancellation.reason;
      if (why) cancelled = { why, refused: cancellation.refused };
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
