import { Global, Module } from '@nestjs/common';
import { CommandHandler, EventStore, PersonalDataPort } from '@mms/eventsourcing/core';
import { Clock, CLOCK, COMMAND_HANDLER, EVENT_STORE, Importer, IMPORTER, PERSONAL_DATA_VAULT, PROJECTIONS, ProjectionRegistry } from '@mms/service-kit';
import { PD_DEPS, PdDeps } from './pd.deps';
import { CATALOGUE_PROJECTION, DEVELOPMENT_PROJECTION, EDUCATORS_PROJECTION } from './pd.projection';

/** PD_DEPS from the platform's tokens, for every slice (imported once by app.module). */
@Global()
@Module({
  providers: [
    {
      provide: PD_DEPS,
      inject: [COMMAND_HANDLER, EVENT_STORE, PERSONAL_DATA_VAULT, CLOCK, PROJECTIONS, IMPORTER],
      useFactory: (
        commands: CommandHandler,
        store: EventStore,
        vault: PersonalDataPort,
        clock: Clock,
        projections: ProjectionRegistry,
        imports: Importer,
      ): PdDeps => ({
        commands,
        store,
        vault,
        clock,
        imports,
        tables: {
          programmes: projections.table(CATALOGUE_PROJECTION, 'programmes'),
          cohorts: projections.table(CATALOGUE_PROJECTION, 'cohorts'),
          enrolments: projections.table(CATALOGUE_PROJECTION, 'enrolments'),
          development: projections.table(DEVELOPMENT_PROJECTION, 'development'),
          mentorships: projections.table(DEVELOPMENT_PROJECTION, 'mentorships'),
          educators: projections.table(EDUCATORS_PROJECTION, 'educators'),
        },
      }),
    },
  ],
  exports: [PD_DEPS],
})
export class PdDepsModule {}
