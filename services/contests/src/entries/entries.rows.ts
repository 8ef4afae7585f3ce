import type { RowTable } from '@mms/eventsourcing/core';
import type { StageLevel } from '../stages/grades';
import type { EntriesEvent } from './entries.decider';

/** One row per student entered for a stage: `<stageId>~<studentId>`. */
export interface EntryRow {
  _id: string;
  tenantId: string;
  stageId: string;
  schoolId: string;
  municipalityId: string;
  studentId: string;
  academicYear: string;
  subject: string;
  level: StageLevel;
  grade: number;
  groupId: string;
  code: string | null;
  status: 'ENTERED' | 'WITHDRAWN';
}

export const entryRowId = (stageId: string, studentId: string) => `${stageId}~${studentId}`;

export const entryRows: RowTable<EntryRow> = {
  collection: 'entries',
  indexes: [
    { keys: { stageId: 1, schoolId: 1 } },
    { keys: { stageId: 1, code: 1 } },
    { keys: { stageId: 1, groupId: 1 } },
    { keys: { studentId: 1, academicYear: 1 } },
    { keys: { schoolId: 1, academicYear: 1 } },
  ],
  rowsOf: (e) => {
    const d = e.data as { stageId: string; studentId?: string; codes?: { studentId: string }[] };
    if (e.type === 'StudentEntered' || e.type === 'EntryWithdrawn') return [entryRowId(d.stageId, d.studentId!)];
    if (e.type === 'CodesIssued') return d.codes!.map((c) => entryRowId(d.stageId, c.studentId));
    return [];
  },
  evolve: (row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as EntriesEvent;
    switch (e.type) {
      case 'StudentEntered': {
        const d = e.data;
        return {
          _id: entryRowId(d.stageId, d.studentId),
          tenantId: envelope.tenantId,
          stageId: d.stageId,
          schoolId: d.schoolId,
          municipalityId: d.municipalityId,
          studentId: d.studentId,
          ...d.stage,
          grade: d.grade,
          groupId: d.groupId,
          code: row?.code ?? null,
          status: 'ENTERED',
        };
      }
      case 'EntryWithdrawn':
        return row && { ...row, status: 'WITHDRAWN' };
      case 'CodesIssued': {
        if (!row) return row;
        const mine = e.data.codes.find((c) => entryRowId(e.data.stageId, c.studentId) === row._id);
        return mine ? { ...row, code: mine.code } : row;
      }
      default:
        return row;
    }
  },
};
