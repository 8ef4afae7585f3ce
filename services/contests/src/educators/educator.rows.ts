import type { RowTable } from '@mms/eventsourcing/core';
import { type EducatorPlacement, nextPlacement, PLACEMENT_EVENTS } from '@mms/contracts/events';

/** Where an educator works now (the directory's public events): a juror's school, for conflicts of interest. */
export type EducatorRow = EducatorPlacement;

export const educatorRows: RowTable<EducatorRow> = {
  collection: 'educators',
  indexes: [{ keys: { organizationId: 1 } }],
  rowsOf: (e) => (PLACEMENT_EVENTS.has(e.type) ? [(e.data as { educatorId: string }).educatorId] : []),
  evolve: nextPlacement,
};
