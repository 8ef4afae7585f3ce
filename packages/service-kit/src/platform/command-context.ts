import { RequestContext, UserClaims } from '@mms/auth';
import { CommandContext } from '@mms/eventsourcing/core';

/** What a command's events carry from the request: tenant, actor, correlation and causation ids. */
export const commandContext = (req: RequestContext, tenantId: string, user: UserClaims): CommandContext => ({
  tenantId,
  actor: { subject: user.subject, role: user.role },
  correlationId: req.correlationId,
  causationId: req.requestId,
});

/** The same without a tenant: for commands whose stream the handler locates (`{ locate: true }`). */
export const actorContext = (req: RequestContext, user: UserClaims): Omit<CommandContext, 'tenantId'> => ({
  actor: { subject: user.subject, role: user.role },
  correlationId: req.correlationId,
  causationId: req.requestId,
});
