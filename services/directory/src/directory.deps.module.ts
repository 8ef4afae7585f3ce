import { Global, Module } from '@nestjs/common';
import { CommandHandler, EventStore, PersonalDataPort } from '@mms/eventsourcing';
import { Clock, CLOCK, COMMAND_HANDLER, EVENT_STORE, PERSONAL_DATA_VAULT, PROJECTIONS, ProjectionRegistry } from '@mms/service-kit';
import { DIRECTORY_DEPS, DirectoryDeps } from './directory.deps';
import { DIRECTORY_PROJECTION } from './directory.projection';

/** Builds the directory's deps once from the platform's providers; every slice injects DIRECTORY_DEPS. */
@Global()
@Module({
  providers: [
    {
      provide: DIRECTORY_DEPS,
      inject: [COMMAND_HANDLER, EVENT_STORE, PERSONAL_DATA_VAULT, CLOCK, PROJECTIONS],
      useFactory: (commands: CommandHandler, store: EventStore, vault: PersonalDataPort, clock: Clock, projections: ProjectionRegistry): DirectoryDeps => ({
        commands,
        store,
        vault,
        clock,
        tables: {
          municipalities: projections.table(DIRECTORY_PROJECTION, 'municipalities'),
          organizations: projections.table(DIRECTORY_PROJECTION, 'organizations'),
          educators: projections.table(DIRECTORY_PROJECTION, 'educators'),
        },
      }),
    },
  ],
  exports: [DIRECTORY_DEPS],
})
export class DirectoryDepsModule {}
