import type { RowTable } from '@mms/eventsourcing/core';
import type { SiteStatusKind } from '../sites/site.decider';
import type { SiteCallEvent } from './site-call.decider';

/** A call for site applications as schools see it: which statuses, when. */
export interface SiteCallRow {
  _id: string;
  tenantId: string;
  title: string;
  level: 'MUNICIPAL' | 'REGIONAL';
  statuses: SiteStatusKind[];
  from: string;
  to: string;
}

export const siteCallRows: RowTable<SiteCallRow> = {
  collection: 'site_calls',
  indexes: [{ keys: { tenantId: 1 } }],
  rowsOf: (e) => (e.streamType === 'siteCall' ? [(e.data as { callId: string }).callId] : []),
  evolve: (row, envelope) => {
    const e = { type: envelope.type, data: envelope.data } as SiteCallEvent;
    switch (e.type) {
      case 'SiteCallAnnounced': {
        const { callId, ...call } = e.data;
        return { _id: callId, tenantId: envelope.tenantId, ...call };
      }
      case 'SiteCallClosedEarly':
        return row && { ...row, to: e.data.on < row.to ? e.data.on : row.to };
      default:
        return row;
    }
  },
};
