import type { CombinedError } from 'urql';
import { t } from '../i18n/ru';
import { problemInRussian } from './problems';

export interface Problem {
  field: string;
  message: string;
}

/** An API error as a person reads it: one message for the form, and one per field the API named. */
export interface Described {
  message: string;
  code: string | null;
  fields: Record<string, string>;
}

/** Every typed error the API returns becomes a clear message; the request id stays for support. */
export const describeError = (error: CombinedError | Error | null | undefined): Described | null => {
  if (!error) return null;
  const combined = error as CombinedError;
  if (combined.networkError && !combined.graphQLErrors?.length) return { message: t.errors.network, code: null, fields: {} };
  const first = combined.graphQLErrors?.[0];
  const ext = (first?.extensions ?? {}) as Record<string, unknown>;
  const code = typeof ext['code'] === 'string' ? (ext['code'] as string) : null;
  const problems = Array.isArray(ext['problems']) ? (ext['problems'] as Problem[]) : [];
  const fields = Object.fromEntries(problems.map((p) => [p.field, problemInRussian(p.message)]));
  const known = code ? t.errors.codes[code] : undefined;
  // Field problems are said at their fields; the form only says to look at them.
  const message = known ?? (code === 'BAD_USER_INPUT' && problems.length ? t.errors.badInput : messageFor(code, ext, first?.message));
  return { message, code, fields };
};

const messageFor = (code: string | null, ext: Record<string, unknown>, raw: string | undefined): string => {
  switch (code) {
    case 'UNAUTHENTICATED':
      return t.errors.unauthenticated;
    case 'FORBIDDEN':
      return t.errors.forbidden;
    case 'NOT_FOUND':
      return t.errors.notFound;
    case 'BAD_USER_INPUT':
      return raw ? `${t.errors.badInput} ${raw}` : t.errors.badInput;
    case 'RATE_LIMITED':
      return t.errors.rateLimited(Number(ext['retryAfter'] ?? 1));
    case 'DEADLINE_EXCEEDED':
      return t.errors.deadline;
    case 'QUERY_TOO_EXPENSIVE':
      return t.errors.tooExpensive;
    case 'INTERNAL_SERVER_ERROR':
    case null:
      return t.errors.internal(typeof ext['requestId'] === 'string' ? (ext['requestId'] as string) : null);
    default:
      // A domain code without a translation yet: the API's own message is written for people.
      return raw ?? code;
  }
};
