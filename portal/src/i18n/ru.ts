import { app } from './ru/app';
import { communities } from './ru/communities';
import { contests } from './ru/contests';
import { directory } from './ru/directory';
import { monitoring } from './ru/monitoring';
import { professionalDevelopment } from './ru/professional-development';

/**
 * Every string the portal shows, in one place (Russian: the users' language), one file per area
 * under ru/ (a context adds its own). Another language is another folder of the same shape;
 * pages never hold literal text.
 */
const areas = [app, directory, professionalDevelopment, monitoring, contests, communities];
export const ru = {
  ...app,
  ...directory,
  ...professionalDevelopment,
  ...monitoring,
  ...contests,
  ...communities,
  nav: Object.assign({}, ...areas.map((a) => a.nav)) as Record<string, string>,
  enums: Object.assign({}, ...areas.map((a) => a.enums)) as Record<string, Record<string, string>>,
  errors: { ...app.errors, codes: Object.assign({}, ...areas.map((a) => a.errorCodes)) as Record<string, string> },
};

export type Strings = typeof ru;
export const t = ru;

/** The label of an enum value, or the value itself while no label exists. */
export const label = (enumName: string, value: string | null | undefined): string => (value ? (ru.enums[enumName]?.[value] ?? value) : '—');
