import type { RowTable } from '@mms/eventsourcing/core';
import type { StageLevel } from '../stages/grades';
import type { PriorProtocol, PriorResult, PriorResultsEvent } from './prior-results.decider';

/** One recorded list per tenant × level × academic year × subject: what the admission list reads besides the platform's protocols. */
export interface PriorResultsRow {
  _id: string;
  tenantId: string;
  academicYear: string;
  subject: string;
  level: StageLevel;
  protocol: PriorProtocol;
  rows: PriorResult[];
}

export const priorResultsRows: RowTable<PriorResultsRow> = {
  collection: 'prior_results',
  indexes: [{ keys: { academicYear: 1, subject: 1, level: 1 } }],
  rowsOf: (e) => (e.type === 'PriorResultsRecorded' ? [e.streamId] : []),
  evolve: (_row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as PriorResultsEvent;
    return { _id: envelope.streamId, tenantId: envelope.tenantId, ...e.data };
  },
};
