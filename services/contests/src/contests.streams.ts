import { ValidationError } from '@mms/eventsourcing/core';

/** Stream ids of this context: one per stream type (DESIGN.md). */
export const streams = {
  stage: (stageId: string) => `stage-${stageId}`,
  student: (studentId: string) => `student-${studentId}`,
  entries: (stageId: string, schoolId: string) => `entries-${stageId}~${schoolId}`,
  partition: (stageId: string, groupId: string) => `partition-${stageId}~${groupId}`,
  priorResults: (tenantId: string, level: string, academicYear: string, subject: string) => `priorResults-${tenantId}~${level}~${academicYear}~${subject}`,
};

/** `<stageId>~<groupId>` (a partition) → its parts, or BAD_USER_INPUT naming the field. */
export const partitionIdParts = (id: string, field = 'partitionId'): { stageId: string; groupId: string } => {
  const i = id.indexOf('~');
  if (i <= 0 || i === id.length - 1) throw new ValidationError(`${field} is not an id this API returned`, [{ field, message: 'is not a valid id' }]);
  return { stageId: id.slice(0, i), groupId: id.slice(i + 1) };
};
