import { EventEnvelope, RowTable } from '@mms/eventsourcing/core';
import { MunicipalityEvent } from './municipality.decider';

export interface MunicipalityRow {
  _id: string;
  name: string;
  oktmo: string;
  onboardedAt: string;
}

const as = (e: EventEnvelope) => e as unknown as EventEnvelope<MunicipalityEvent>;

export const municipalityRows: RowTable<MunicipalityRow> = {
  collection: 'municipalities',
  rowsOf: (e) => (e.type === 'MunicipalityOnboarded' ? [as(e).data.municipalityId] : []),
  evolve: (_row, envelope) => {
    const e = as(envelope);
    return { _id: e.data.municipalityId, name: e.data.name, oktmo: e.data.oktmo, onboardedAt: e.data.onboardedAt ?? e.occurredAt };
  },
};
