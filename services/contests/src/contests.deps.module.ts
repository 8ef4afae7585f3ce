import { schoolEntriesRows } from './entries/school-entries.rows';
import { Global, Module } from '@nestjs/common';
import { CommandHandler, EventStore, PersonalDataPort } from '@mms/eventsourcing/core';
import { Clock, CLOCK, COMMAND_HANDLER, EVENT_STORE, Importer, IMPORTER, PERSONAL_DATA_VAULT, PROJECTIONS, ProjectionRegistry } from '@mms/service-kit';
import { CONTESTS_DEPS, ContestsDeps } from './contests.deps';
import { CONTESTS_EDUCATORS_PROJECTION, CONTESTS_PROJECTION } from './contests.projection';
import { priorResultsRows } from './prior-results/prior-results.rows';
import { PUBLIC_REVISIONS } from './publication/public-revisions';

/** CONTESTS_DEPS from the platform's tokens, for every slice (imported once by app.module). */
@Global()
@Module({
  providers: [
    {
      provide: CONTESTS_DEPS,
      inject: [COMMAND_HANDLER, EVENT_STORE, PERSONAL_DATA_VAULT, CLOCK, PROJECTIONS, IMPORTER],
      useFactory: (
        commands: CommandHandler,
        store: EventStore,
        vault: PersonalDataPort,
        clock: Clock,
        projections: ProjectionRegistry,
        imports: Importer,
      ): ContestsDeps => ({
        commands,
        store,
        vault,
        clock,
        imports,
        duplicateKeySecret: process.env['CONTESTS_DUPLICATE_KEY_SECRET'] || 'mms-development-duplicate-key',
        tables: {
          stages: projections.table(CONTESTS_PROJECTION, 'stages'),
          students: projections.table(CONTESTS_PROJECTION, 'students'),
          entries: projections.table(CONTESTS_PROJECTION, 'entries'),
          schoolEntries: projections.table(CONTESTS_PROJECTION, schoolEntriesRows.collection),
          partitions: projections.table(CONTESTS_PROJECTION, 'partitions'),
          educators: projections.table(CONTESTS_EDUCATORS_PROJECTION, 'educators'),
          publicStudents: projections.table(CONTESTS_PROJECTION, 'public_students'),
          publicRevisions: projections.table(CONTESTS_PROJECTION, PUBLIC_REVISIONS),
          priorResults: projections.table(CONTESTS_PROJECTION, priorResultsRows.collection),
        },
      }),
    },
  ],
  exports: [CONTESTS_DEPS],
})
export class ContestsDepsModule {}
