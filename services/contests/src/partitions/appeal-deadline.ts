import { addDays, zonedToInstant } from '@mms/contracts/dates';

/** 23:59:59.999 of the day `days` after `publishedOn`, in the region's zone, as an ISO instant (UTC). */
export const appealDeadline = (publishedOn: string, days: number, timeZone: string): string =>
  zonedToInstant(`${addDays(publishedOn, days)}T23:59:59.999`, timeZone);
