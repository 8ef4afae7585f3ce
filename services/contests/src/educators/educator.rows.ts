import type { RowTable } from '@mms/eventsourcing/core';
import { type EducatorPlacement, placementTable } from '@mms/contracts/events';

/** Where an educator works now (the directory's public events): a juror's school, for conflicts of interest. */
export type EducatorRow = EducatorPlacement;

export const educatorRows: RowTable<EducatorRow> = placementTable();
