import type { RowTable } from '@mms/eventsourcing/core';
import { type EducatorPlacement, placementTable } from '@mms/contracts/events';

/** Where an educator works now (the directory's public events): who may register them, which events are theirs. */
export type EducatorRow = EducatorPlacement;

export const educatorRows: RowTable<EducatorRow> = placementTable([{ keys: { organizationId: 1 } }, { keys: { municipalityId: 1 } }]);
