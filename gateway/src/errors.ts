import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { abortReasonOf, requestScope } from './gateway-context';
import { findLimitError } from './limits';

/** Codes that mean "the server failed", whatever their origin: never shown as-is. */
const SERVER_CODES = new Set(['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);
const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** A client error: a typed code a client can act on (BAD_USER_INPUT, NOT_FOUND, domain codes...). */
export const isClientCode = (code: unknown): code is string => typeof code === 'string' && SCREAMING_SNAKE.test(code) && !SERVER_CODES.has(code);

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

    if (scope) scope.errors.internal++;
    const requestId = scope?.request.requestId ?? null;
    // A fetch cancelled with its request (deadline, client gone) fails as it should: no alarm.
    if (abortReasonOf(scope)) logger.debug({ err: error, requestId }, 'a cancelled fetch failed');
    else logger.error({ err: error, formatted, requestId }, 'masked an internal error');
    return {
      message: 'Internal error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
