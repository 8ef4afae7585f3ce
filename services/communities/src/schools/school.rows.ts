import type { RowTable } from '@mms/eventsourcing/core';
import { type OrganizationPlacement, organizationTable } from '@mms/contracts/events';

/** A school as the directory announced it: what a community's, or a site's, named schools are checked against. */
export type SchoolRow = OrganizationPlacement;

export const schoolRows: RowTable<SchoolRow> = organizationTable();
