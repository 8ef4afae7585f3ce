import type { RowTable } from '@mms/eventsourcing/core';
import { DirectoryContracts as D, type EducatorJoinedMunicipality, type EducatorMoved, type EducatorRegistered } from '@mms/contracts/events';

/** Where an educator works now (the directory's public events): a juror's school, for conflicts of interest. */
export interface EducatorRow {
  _id: string;
  municipalityId: string;
  organizationId: string;
  active: boolean;
}

const OF_EDUCATOR = new Set<string>([
  D.EducatorRegistered.type,
  D.EducatorJoinedMunicipality.type,
  D.EducatorMoved.type,
  D.EducatorLeftMunicipality.type,
  D.EducatorLeft.type,
]);

export const educatorRows: RowTable<EducatorRow> = {
  collection: 'educators',
  indexes: [{ keys: { organizationId: 1 } }],
  rowsOf: (e) => (OF_EDUCATOR.has(e.type) ? [(e.data as { educatorId: string }).educatorId] : []),
  evolve: (row, envelope) => {
    switch (envelope.type) {
      case D.EducatorRegistered.type:
      case D.EducatorJoinedMunicipality.type: {
        const d = envelope.data as EducatorRegistered | EducatorJoinedMunicipality;
        return { _id: d.educatorId, municipalityId: d.municipalityId, organizationId: d.organizationId, active: true };
      }
      case D.EducatorMoved.type: {
        const d = envelope.data as EducatorMoved;
        return row && { ...row, organizationId: d.toOrganizationId };
      }
      case D.EducatorLeftMunicipality.type:
      case D.EducatorLeft.type:
        // Only the municipality the educator is in now may mark them gone (a transfer's "left" comes before "joined").
        return row && row.municipalityId === (envelope.data as { municipalityId: string }).municipalityId ? { ...row, active: false } : row;
      default:
        return row;
    }
  },
};
