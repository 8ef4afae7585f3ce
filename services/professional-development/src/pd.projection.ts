import { Projection, rowProjection } from '@mms/eventsourcing';
import { programmeRows } from './catalogue/programme.rows';
import { cohortRows, enrolmentRows } from './cohorts/cohort.rows';
import { developmentRows } from './development/development.rows';
import { educatorRows } from './educators/educator.rows';
import { mentorshipRows } from './mentoring/mentor.rows';

/** Projection names (and so the physical collection prefixes). */
export const CATALOGUE_PROJECTION = 'pd_catalogue';
export const DEVELOPMENT_PROJECTION = 'pd_development';
export const EDUCATORS_PROJECTION = 'pd_educators';

/** Version 2: rows written by pure row tables (services/README.md, "Read models"); a deployment rebuilds them once. */
const VERSION = 2;

/** The read models, from the slices' row tables. */
export const pdProjections = (topics: { internal: string; directory: string }): Projection[] => [
  rowProjection({ name: CATALOGUE_PROJECTION, version: VERSION, topics: [topics.internal], tables: [programmeRows, cohortRows, enrolmentRows] }),
  rowProjection({ name: DEVELOPMENT_PROJECTION, version: VERSION, topics: [topics.internal], tables: [developmentRows, mentorshipRows] }),
  rowProjection({ name: EDUCATORS_PROJECTION, version: VERSION, topics: [topics.internal, topics.directory], tables: [educatorRows] }),
];
