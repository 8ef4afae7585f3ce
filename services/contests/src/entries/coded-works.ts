import type { ContestsDeps } from '../contests.deps';
import type { PartitionWork } from '../partitions/protocol';

/**
 * A stage's coded works per grade group, entered and not withdrawn, as the schools' entries
 * say: one find of the stage's school rows (school-entries.rows.ts), each group's works in
 * the schools' order, then in the order their students were entered.
 */
export const codedWorks = async (d: ContestsDeps, stageId: string): Promise<Map<string, PartitionWork[]>> => {
  const byGroup = new Map<string, PartitionWork[]>();
  for (const school of await d.tables.schoolEntries.find({ stageId }))
    for (const e of school.entries) {
      if (e.status !== 'ENTERED' || !e.code) continue;
      const work: PartitionWork = { code: e.code, studentId: e.studentId, schoolId: school.schoolId, municipalityId: school.municipalityId, grade: e.grade };
      const group = byGroup.get(e.groupId);
      if (group) group.push(work);
      else byGroup.set(e.groupId, [work]);
    }
  return byGroup;
};
