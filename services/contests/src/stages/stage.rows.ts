import type { RowTable } from '@mms/eventsourcing/core';
import type { JuryMember, Olympiad, StageEvent } from './stage.decider';
import type { GradeGroup, StageLevel } from './grades';
import type { StageSettings } from './stage.settings';

export interface StageRow {
  _id: string;
  /** The organiser: a municipality or `region`. */
  tenantId: string;
  olympiad: Olympiad;
  academicYear: string;
  subject: string;
  level: StageLevel;
  startsOn: string;
  endsOn: string;
  registrationFrom: string;
  registrationTo: string;
  groups: GradeGroup[];
  settings: StageSettings;
  jury: JuryMember[];
  /** Jurors' ids, for "the stages I judge" (an index). */
  jurorIds: string[];
  passingScores: Record<string, number>;
  status: 'SCHEDULED' | 'CANCELLED';
  cancelReason: string | null;
}

const STAGE_EVENTS = new Set(['StageScheduled', 'StagePlanChanged', 'StageSettingsChanged', 'JuryAppointed', 'PassingScoresSet', 'StageCancelled']);

export const stageRows: RowTable<StageRow> = {
  collection: 'stages',
  indexes: [{ keys: { tenantId: 1, academicYear: 1 } }, { keys: { academicYear: 1, subject: 1, level: 1 } }, { keys: { jurorIds: 1 } }],
  rowsOf: (e) => (STAGE_EVENTS.has(e.type) ? [(e.data as { stageId: string }).stageId] : []),
  evolve: (row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as StageEvent;
    switch (e.type) {
      case 'StageScheduled': {
        const { stageId, settings, ...plan } = e.data;
        return {
          _id: stageId,
          tenantId: envelope.tenantId,
          ...plan,
          settings,
          jury: [],
          jurorIds: [],
          passingScores: {},
          status: 'SCHEDULED',
          cancelReason: null,
        };
      }
      case 'StagePlanChanged': {
        const { stageId: _id, ...plan } = e.data;
        return row && { ...row, ...plan };
      }
      case 'StageSettingsChanged':
        return row && { ...row, settings: e.data.settings };
      case 'JuryAppointed':
        return row && { ...row, jury: e.data.members, jurorIds: e.data.members.map((m) => m.jurorId) };
      case 'PassingScoresSet':
        return row && { ...row, passingScores: e.data.passingScores };
      case 'StageCancelled':
        return row && { ...row, status: 'CANCELLED', cancelReason: e.data.reason };
      default:
        return row;
    }
  },
};
