import type { EventEnvelope, RowTable } from '@mms/eventsourcing/core';
import type { ProgrammeDetails, ProgrammeEvent, ProgrammeLevel, ProgrammeStatus } from './programme.decider';

export interface ProgrammeRow extends ProgrammeDetails {
  _id: string;
  /** The owner municipality, or `region` for a regional programme. */
  tenantId: string;
  level: ProgrammeLevel;
  ownerMunicipalityId: string | null;
  status: ProgrammeStatus;
  withdrawnReason: string | null;
}

const PROGRAMME_EVENTS = new Set(['ProgrammeCreated', 'ProgrammeUpdated', 'ProgrammePublished', 'ProgrammeWithdrawn']);

/** One row per programme of the catalogue. */
export const programmeRows: RowTable<ProgrammeRow> = {
  collection: 'programmes',
  indexes: [{ keys: { tenantId: 1 } }],
  rowsOf: (e) => (PROGRAMME_EVENTS.has(e.type) ? [(e.data as { programmeId: string }).programmeId] : []),
  evolve: (row, envelope: EventEnvelope) => {
    const e = { type: envelope.type, data: envelope.data } as ProgrammeEvent;
    switch (e.type) {
      case 'ProgrammeCreated':
      case 'ProgrammePublished': {
        const { programmeId, ...rest } = e.data;
        return {
          ...row,
          _id: programmeId,
          ...rest,
          tenantId: envelope.tenantId,
          status: e.type === 'ProgrammeCreated' ? 'DRAFT' : 'PUBLISHED',
          withdrawnReason: null,
        };
      }
      case 'ProgrammeUpdated':
        return row && { ...row, ...e.data.changes };
      case 'ProgrammeWithdrawn':
        return row && { ...row, status: 'WITHDRAWN', withdrawnReason: e.data.reason };
      default:
        return row;
    }
  },
};
