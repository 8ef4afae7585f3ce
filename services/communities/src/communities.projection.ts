import { rowProjection } from '@mms/eventsourcing';
import { communityRows, membershipRows } from './communities/community.rows';
import { threadRows } from './discussions/thread.rows';
import { educatorRows } from './educators/educator.rows';
import { schoolRows } from './schools/school.rows';
import { methodEventRows, registrationRows } from './method-events/method-event.rows';
import { siteCallRows } from './site-calls/site-call.rows';
import { siteRows } from './sites/site.rows';

/** Projection names (and so the physical collection prefixes). */
export const COMMUNITIES_PROJECTION = 'communities';
export const COMMUNITIES_EDUCATORS_PROJECTION = 'communities_educators';

export const communitiesProjections = (topics: { internal: string; directory: string }) => [
  rowProjection({
    name: COMMUNITIES_PROJECTION,
    version: 1,
    topics: [topics.internal],
    tables: [communityRows, membershipRows, threadRows, methodEventRows, registrationRows, siteRows, siteCallRows],
  }),
  // 2: the directory's schools (a community's or site's named schools are checked against them).
  rowProjection({ name: COMMUNITIES_EDUCATORS_PROJECTION, version: 2, topics: [topics.directory], tables: [educatorRows, schoolRows] }),
];
