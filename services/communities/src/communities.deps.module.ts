import { randomInt } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { CommandHandler, EventStore } from '@mms/eventsourcing/core';
import { Clock, CLOCK, COMMAND_HANDLER, EVENT_STORE, PROJECTIONS, ProjectionRegistry } from '@mms/service-kit';
import { COMMUNITIES_DEPS, CommunitiesDeps } from './communities.deps';
import { COMMUNITIES_EDUCATORS_PROJECTION, COMMUNITIES_PROJECTION } from './communities.projection';
import { communityRows, membershipRows } from './communities/community.rows';
import { threadRows } from './discussions/thread.rows';
import { educatorRows } from './educators/educator.rows';
import { schoolRows } from './schools/school.rows';
import { methodEventRows, registrationRows } from './method-events/method-event.rows';
import { siteCallRows } from './site-calls/site-call.rows';
import { siteRows } from './sites/site.rows';

/** Letters and digits that cannot be misread aloud or on a projector (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const checkInCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** COMMUNITIES_DEPS from the platform's tokens, for every slice (imported once by app.module). */
@Global()
@Module({
  providers: [
    {
      provide: COMMUNITIES_DEPS,
      inject: [COMMAND_HANDLER, EVENT_STORE, CLOCK, PROJECTIONS],
      useFactory: (commands: CommandHandler, store: EventStore, clock: Clock, projections: ProjectionRegistry): CommunitiesDeps => ({
        commands,
        store,
        clock,
        newCode: checkInCode,
        feedSecret: process.env['COMMUNITIES_FEED_SECRET'] || 'mms-development-feed-secret',
        tables: {
          communities: projections.table(COMMUNITIES_PROJECTION, communityRows.collection),
          memberships: projections.table(COMMUNITIES_PROJECTION, membershipRows.collection),
          threads: projections.table(COMMUNITIES_PROJECTION, threadRows.collection),
          methodEvents: projections.table(COMMUNITIES_PROJECTION, methodEventRows.collection),
          registrations: projections.table(COMMUNITIES_PROJECTION, registrationRows.collection),
          sites: projections.table(COMMUNITIES_PROJECTION, siteRows.collection),
          siteCalls: projections.table(COMMUNITIES_PROJECTION, siteCallRows.collection),
          educators: projections.table(COMMUNITIES_EDUCATORS_PROJECTION, educatorRows.collection),
          schools: projections.table(COMMUNITIES_EDUCATORS_PROJECTION, schoolRows.collection),
        },
      }),
    },
  ],
  exports: [COMMUNITIES_DEPS],
})
export class CommunitiesDepsModule {}
