import { createHash, randomUUID } from 'node:crypto';
import { RequestContext, UserClaims } from '@mms/auth';
import { CommandContext, RequestKey } from '@mms/eventsourcing/core';

/** The client's idempotency key scoped to the caller, so two callers' keys never meet. */
const requestKey = (req: RequestContext, user: UserClaims): { request: RequestKey } | Record<string, never> =>
  req.idempotency ? { request: { key: `${user.subject}|${req.idempotency.key}`, fingerprint: req.idempotency.fingerprint } } : {};

/** What a command's events carry from the request: tenant, actor, correlation and causation ids, the client's request key. */
export const commandContext = (req: RequestContext, tenantId: string, user: UserClaims): CommandContext => ({
  tenantId,
  actor: { subject: user.subject, role: user.role },
  correlationId: req.correlationId,
  causationId: req.requestId,
  ...requestKey(req, user),
});

/** The same without a tenant: for commands whose stream the handler locates (`{ locate: true }`). */
export const actorContext = (req: RequestContext, user: UserClaims): Omit<CommandContext, 'tenantId'> => ({
  actor: { subject: user.subject, role: user.role },
  correlationId: req.correlationId,
  causationId: req.requestId,
  ...requestKey(req, user),
});

/**
 * The id of an entity a command creates. Random, except under a client's idempotency key: then
 * derived from the caller, the key and `purpose`, so a retry addresses the same stream and
 * finds its own commit there (the command handler answers it without appending again).
 */
export const newEntityId = (req: RequestContext, purpose: string): string => {
  if (!req.idempotency || !req.user) return randomUUID();
  const h = createHash('sha256').update(`${req.user.subject}|${req.idempotency.key}|${purpose}`).digest('hex');
  // Shaped like a version-4 UUID (variant bits set) so every id looks alike to clients and checks.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
