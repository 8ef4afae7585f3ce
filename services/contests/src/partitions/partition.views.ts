import type { StageRow } from '../stages/stage.rows';
import { maxScoreOf } from '../stages/grades';
import type { PartitionState } from './partition.decider';
import { PartitionRow, partitionRowId } from './partition.rows';

export type PartitionView = Omit<PartitionRow, '_id'> & { id: string };

export const partitionRowView = ({ _id, ...r }: PartitionRow): PartitionView => ({ id: _id, ...r });

/** The partition a command just wrote, from its stream's state. */
export const partitionAfter = (stage: StageRow, groupId: string, s: PartitionState): PartitionView => {
  const group = stage.groups.find((g) => g.groupId === groupId);
  const assignments = s.assignment.assignments;
  return {
    id: partitionRowId(stage._id, groupId),
    tenantId: stage.tenantId,
    stageId: stage._id,
    groupId,
    status: s.status,
    version: s.version,
    appealsUntil: s.appealsUntil,
    maxScore: group ? maxScoreOf(group) : null,
    rows: s.published,
    appeals: s.appeals,
    assignments,
    jurorIds: [...new Set(assignments.flatMap((a) => a.jurorIds))].sort(),
    marks: s.marks.length,
    disqualified: Object.keys(s.disqualified),
  };
};
