import { RequestContext, UserClaims } from '@mms/auth';
import { CommandContext } from '@mms/eventsourcing';

/** What a command's events carry from the request: tenant, actor, correlation and causation ids. */
export const commandContext = (req: RequestContext, tenantId: string, user: UserClaims): CommandContext => ({
  tenantId,
  actor: { subject: user.subject, role: user.role },
  correlationId: req.correlationId,
  causationId: req.requestId,
});
