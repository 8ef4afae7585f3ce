import { ValidationError } from '@mms/eventsourcing/core';

/** Stream ids of this context: one per stream type (DESIGN.md). */
export const streams = {
  stage: (stageId: string) => `stage-${stageId}`,
  student: (studentId: string) => `student-${studentId}`,
  entries: (stageId: string, schoolId: string) => `entries-${stageId}~${schoolId}`,
  partition: (stageId: string, groupId: string) => `partition-${stageId}~${groupId}`,
  priorResults: (tenantId: string, level: string, academicYear: string, subject: string) => `priorResults-${tenantId}~${level}~${academicYear}~${subject}`,
};

/**
 * Where a stage's or a student's stream is found: by its id, in whichever tenant holds it, and
 * `fixed` — neither ever moves to another tenant (a student is registered in the school's
 * municipality and no command moves them out; a cross-municipality transfer would have to drop
 * `fixed` for students), so a cached stream is read on without checking where it begins.
 */
export const LOCATED = { locate: true, fixed: true } as const;

/** `<stageId>~<groupId>` (a partition) → its parts, or BAD_USER_INPUT naming the field. */
export const partitionIdParts = (id: string, field = 'partitionId'): { stageId: string; groupId: string } => {
  const i = id.indexOf('~');
  if (i <= 0 || i === id.length - 1) throw new ValidationError(`${field} is not an id this API returned`, [{ field, message: 'is not a valid id' }]);
  return { stageId: id.slice(0, i), groupId: id.slice(i + 1) };
};
