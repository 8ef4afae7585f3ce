import { ValidationError } from '@mms/eventsourcing/core';

/** Stream ids of this context: one per stream type (services/professional-development/DESIGN.md). */
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
export const childId = (parentId: string, ownId: string) => `${parentId}~${ownId}`;

export const parentOf = (id: string, field: string): string => {
  const i = id.indexOf('~');
  if (i <= 0 || i === id.length - 1) throw new ValidationError(`${field} is not an id this API returned`, [{ field, message: 'is not a valid id' }]);
  return id.slice(0, i);
};
