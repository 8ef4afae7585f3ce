import { performance } from 'node:perf_hooks';
import { defaultFieldResolver, GraphQLFieldResolver, GraphQLSchema, isObjectType } from 'graphql';

/*
 * One GraphQL operation's control in a subgraph: its deadline and cancellation, and the
 * bulkhead of its awaited resolvers (the controller creates one per request).
 */

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

/** The bulkhead of one operation: the service's bound, lowered (never raised) by the gateway's header. */
export const resolversInFlightOf = (own: number, header: string | undefined): number => {
  const asked = Number(header);
  if (!header || !Number.isInteger(asked) || asked < 1) return own;
  return own > 0 ? Math.min(own, asked) : asked;
};

/** Where an operation's control hangs on its GraphQL context (the controller puts it there). */
export const CONTROL = Symbol('mms.operation-control');

/** Awaited resolvers of one operation running at once, unless SUBGRAPH_MAX_RESOLVERS_IN_FLIGHT says otherwise. */
export const DEFAULT_RESOLVERS_IN_FLIGHT = 4;

const isPromise = (v: unknown): v is Promise<unknown> => typeof (v as { then?: unknown } | null)?.then === 'function';

/**
 * One operation's control over its resolvers:
 * - cancellation at its deadline (a timer, and a clock check on every resolver call, since a
 *   synchronous stretch of resolvers keeps timers from firing) or when the gateway closes the
 *   request; awaited resolvers stop being waited for at once;
 * - a bulkhead: at most `maxInFlight` of its awaited resolvers (database reads) run at once, the
 *   rest wait their turn, so one wide operation cannot take every pooled connection and make
 *   every other request queue behind its hundreds of reads.
 */
export class OperationControl {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly pending = new Set<(err: unknown) => void>();
  private readonly waiting: Array<() => void> = [];
  private inFlight = 0;
  /** Resolver calls refused after the cancellation. */
  refused = 0;
  /** Resolver calls that waited for a turn (the bulkhead was full). */
  queued = 0;

  constructor(
    private readonly deadline: number | null,
    private readonly maxInFlight = 0,
  ) {
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
    this.waiting.length = 0;
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

  /**
   * Calls a resolver known to await: at once while the bulkhead has room, else when an earlier
   * one settles. Its promise counts until it settles, and is raced against the cancellation.
   */
  runAwaited(start: () => unknown): unknown {
    if (this.maxInFlight <= 0 || this.inFlight < this.maxInFlight) {
      this.inFlight++;
      return this.tracked(start);
    }
    this.queued++;
    const turn = new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.race(turn).then(() => this.tracked(start)); // the slot was handed over
  }

  /** Counts a promise a resolver returned unasked (the first call of a field, before it is known to await). */
  adopt(result: Promise<unknown>): Promise<unknown> {
    this.inFlight++;
    result.then(this.release, this.release);
    return this.race(result);
  }

  private tracked(start: () => unknown): unknown {
    let result: unknown;
    try {
      this.check();
      result = start();
    } catch (err) {
      this.release();
      throw err;
    }
    if (!isPromise(result)) {
      this.release();
      return result;
    }
    result.then(this.release, this.release);
    return this.race(result);
  }

  /** Frees a slot, or hands it to the next waiting resolver. */
  private readonly release = () => {
    const next = this.inFlight <= this.maxInFlight ? this.waiting.shift() : undefined;
    if (next) next();
    else this.inFlight--;
  };

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
    this.waiting.length = 0;
  }
}

const guard = (resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> => {
  /** Learned on the first call that returned a promise: later calls go through the bulkhead. */
  let awaits = false;
  return (source, args, context, info) => {
    const control = (context as { [CONTROL]?: OperationControl } | null)?.[CONTROL];
    if (!control) return resolve(source, args, context, info);
    control.check();
    if (awaits) return control.runAwaited(() => resolve(source, args, context, info));
    const result = resolve(source, args, context, info);
    if (!isPromise(result)) return result;
    awaits = true;
    return control.adopt(result);
  };
};

const guarded = new WeakSet<GraphQLSchema>();

/**
 * Wraps every field resolver of the schema (once per schema): a field resolved after its
 * operation was cancelled throws OperationCancelled instead, so nothing below it runs; an
 * awaited resolver is no longer waited for, and waits its turn in the operation's bulkhead.
 * Fields without a resolver get the default one, guarded.
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
