import { randomUUID } from 'node:crypto';
import { RequestContext, UserClaims } from '@mms/auth';
import { todayIso } from '@mms/contracts';
import { CommandContext, ValidationError } from '@mms/eventsourcing';

/** The CommandHandler this service uses: more retries than the default, see app.module. */
export const PD_COMMANDS = Symbol('PD_COMMANDS');

export const actorOf = (u: UserClaims) => ({ subject: u.subject, role: u.role });

export const commandContext = (req: RequestContext, tenantId: string, user: UserClaims): CommandContext => ({
  tenantId,
  actor: actorOf(user),
  correlationId: req.correlationId,
  causationId: req.requestId,
});

export const today = () => todayIso();

export const streams = {
  programme: (id: string) => `programme-${id}`,
  cohort: (id: string) => `cohort-${id}`,
  development: (educatorId: string) => `development-${educatorId}`,
  mentor: (mentorId: string) => `mentor-${mentorId}`,
  diagnosticImport: (importId: string) => `diagnostic-import-${importId}`,
};

/**
 * Ids of things that live inside another stream name that stream: `<cohortId>~<uuid>` for
 * an enrolment, `<mentorId>~<uuid>` for a mentorship. A command on them then finds its
 * stream at once, without waiting for a read model to catch up with the creating write.
 */
export const childId = (parentId: string) => `${parentId}~${randomUUID()}`;

export const parentOf = (id: string, field: string): string => {
  const i = id.indexOf('~');
  if (i <= 0 || i === id.length - 1) throw new ValidationError(`${field} is not an id this API returned`, [{ field, message: 'is not a valid id' }]);
  return id.slice(0, i);
};
