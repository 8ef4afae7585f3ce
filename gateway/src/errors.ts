import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { abortReasonOf, requestScope } from './gateway-context';
import { findLimitError } from './limits';

/** Codes that mean "the server failed", whatever their origin: never shown as-is. */
const SERVER_CODES = new Set(['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);
const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** A client error: a typed code a client can act on (BAD_USER_INPUT, NOT_FOUND, domain codes...). */
export const isClientCode = (code: unknown): code is string => typeof code === 'string' && SCREAMING_SNAKE.test(code) && !SERVER_CODES.has(code);

/** Connection failures of a subgraph fetch (refused, reset, closed before an answer), anywhere in the error's causes. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);
const unreachable = (error: unknown): boolean => {
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === 'object' && !seen.has(e);) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
    const next: unknown = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
    e = next;
  }
  return false;
};

/** Figures a client acts on beside the code (LIST_TOO_LARGE's field, limit and the paged field to use): short scalars only. */
const CLIENT_FIGURES = ['field', 'limit', 'use'] as const;
const clientFigures = (extensions: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    CLIENT_FIGURES.flatMap((k) => {
      const v = extensions?.[k];
      return (typeof v === 'string' && v.length <= 100) || (typeof v === 'number' && Number.isFinite(v)) ? [[k, v]] : [];
    }),
  );

/**
 * Apollo's formatError: client errors keep message, code and field-level `problems`;
 * anything else becomes "Internal error" with the request id, and the original is logged.
 * Only whitelisted keys leave: no stacktrace, serviceName, subgraph URL or response body.
 */
export const createFormatError =
  (logger: Logger) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const scope = requestScope.getStore();
    const where = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };

    const limit = findLimitError(error);
    if (limit) {
      if (scope) scope.errors.rejected++;
      return {
        message: limit.message,
        ...where,
        extensions: { code: limit.code, max: limit.max, ...limit.details },
      };
    }

    const code = formatted.extensions?.['code'];
    if (isClientCode(code)) {
      if (scope) scope.errors.client++;
      const problems = formatted.extensions?.['problems'];
      return {
        message: formatted.message,
        ...where,
        extensions: { code, ...(Array.isArray(problems) ? { problems } : {}), ...clientFigures(formatted.extensions) },
      };
    }

    const requestId = scope?.request.requestId ?? null;
    // A subgraph that cannot be reached (restarting, down) is a typed, retryable answer, not a masked bug.
    if (!abortReasonOf(scope) && unreachable(error)) {
      if (scope) scope.errors.unavailable++;
      logger.warn({ err: error, requestId }, 'a subgraph could not be reached');
      return {
        message: 'A service this request needs is not reachable right now; nothing was done by it. Retry shortly (a mutation with the same Idempotency-Key).',
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'SERVICE_UNAVAILABLE', requestId },
      };
    }
    if (scope) scope.errors.internal++;
    // A fetch cancelled with its request (deadline, client gone) fails as it should: no alarm.
    if (abortReasonOf(scope)) logger.debug({ err: error, requestId }, 'a cancelled fetch failed');
    else logger.error({ err: error, formatted, requestId }, 'masked an internal error');
    return {
      message: 'Internal error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
