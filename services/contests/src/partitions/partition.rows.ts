import type { RowTable } from '@mms/eventsourcing/core';
import type { WorkAssignment } from './assignment';
import type { Appeal, PartitionEvent, ProtocolStatus } from './partition.decider';
import type { ProtocolRow } from './protocol';

/** One row per partition (`<stageId>~<groupId>`): the protocol as published, appeals, who scores which code. */
export interface PartitionRow {
  _id: string;
  tenantId: string;
  stageId: string;
  groupId: string;
  status: ProtocolStatus;
  version: number;
  appealsUntil: string | null;
  maxScore: number | null;
  /** The protocol as last published (empty while scoring). */
  rows: ProtocolRow[];
  appeals: Appeal[];
  assignments: WorkAssignment[];
  /** Jurors with works here, for "my codes" (an index). */
  jurorIds: string[];
  /** Score marks recorded so far (progress while scoring). */
  marks: number;
  disqualified: string[];
}

export const partitionRowId = (stageId: string, groupId: string) => `${stageId}~${groupId}`;

const PARTITION_EVENTS = new Set([
  'WorksAssigned',
  'ScoresRecorded',
  'ProtocolPublished',
  'AppealFiled',
  'AppealDecided',
  'WorkDisqualified',
  'ProtocolRevised',
  'ProtocolApproved',
]);

const empty = (tenantId: string, stageId: string, groupId: string): PartitionRow => ({
  _id: partitionRowId(stageId, groupId),
  tenantId,
  stageId,
  groupId,
  status: 'SCORING',
  version: 0,
  appealsUntil: null,
  maxScore: null,
  rows: [],
  appeals: [],
  assignments: [],
  jurorIds: [],
  marks: 0,
  disqualified: [],
});

export const partitionRows: RowTable<PartitionRow> = {
  collection: 'partitions',
  indexes: [{ keys: { stageId: 1 } }, { keys: { jurorIds: 1 } }],
  packed: ['rows', 'appeals', 'assignments'],
  rowsOf: (e) => {
    if (!PARTITION_EVENTS.has(e.type)) return [];
    const d = e.data as { stageId: string; groupId: string };
    return [partitionRowId(d.stageId, d.groupId)];
  },
  evolve: (stored, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as PartitionEvent;
    const row = stored ?? empty(envelope.tenantId, e.data.stageId, e.data.groupId);
    switch (e.type) {
      case 'WorksAssigned': {
        const assignments = [...row.assignments, ...e.data.assignments];
        return { ...row, assignments, jurorIds: [...new Set(assignments.flatMap((a) => a.jurorIds))].sort() };
      }
      case 'ScoresRecorded':
        return { ...row, marks: row.marks + e.data.marks.length };
      case 'ProtocolPublished':
        return { ...row, status: 'PRELIMINARY', version: e.data.version, appealsUntil: e.data.appealsUntil, maxScore: e.data.maxScore, rows: e.data.rows };
      case 'AppealFiled': {
        const { stageId: _s, groupId: _g, ...appeal } = e.data;
        return { ...row, appeals: [...row.appeals, { ...appeal, status: 'FILED' }] };
      }
      case 'AppealDecided': {
        const { appealId, decision, from, to, reason, decidedBy } = e.data;
        return { ...row, appeals: row.appeals.map((a) => (a.appealId === appealId ? { ...a, status: 'DECIDED', decision, from, to, reason, decidedBy } : a)) };
      }
      case 'WorkDisqualified':
        return { ...row, disqualified: [...row.disqualified, e.data.code] };
      case 'ProtocolRevised':
        return { ...row, version: e.data.version, maxScore: e.data.maxScore, rows: e.data.rows };
      case 'ProtocolApproved':
        return { ...row, status: 'FINAL', version: e.data.version, maxScore: e.data.maxScore, rows: e.data.rows };
      default:
        return stored;
    }
  },
};
