import { DynamicModule, Module } from '@nestjs/common';
import { Upcasting } from '@mms/eventsourcing';
import { DIRECTORY_TOPIC } from '@mms/contracts';
import { loadServiceConfig, PLATFORM_CONTROLLERS, PlatformModule, ServiceConfig, SUBGRAPH_SCHEMA } from '@mms/service-kit';
import { DirectoryService } from './application/directory.service';
import { buildDirectorySchema } from './graphql/schema';
import { DIRECTORY_EVENT_SCHEMAS } from './educators/educator';
import { DIRECTORY_INTERNAL_TOPIC, translateDirectoryEvent } from './integration/translate';
import { directoryProjection } from './read-model/directory.projection';
import { TransferHandler } from './transfers/transfer.handler';

export const DIRECTORY_SERVICE = 'directory';
export const directoryConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadServiceConfig(DIRECTORY_SERVICE, { port: 4101 }, env);

/** Event handlers of this service read its own internal topic. */
export const directoryEventHandlers = (config: ServiceConfig) => ({
  groupId: `${config.service}.handlers`,
  topics: [DIRECTORY_INTERNAL_TOPIC],
});

@Module({})
export class DirectoryModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [
        PlatformModule.forService({
          config,
          internalTopic: DIRECTORY_INTERNAL_TOPIC,
          publicTopic: DIRECTORY_TOPIC,
          translate: translateDirectoryEvent,
          upcasting: new Upcasting(DIRECTORY_EVENT_SCHEMAS),
          projections: ({ vault }) => [directoryProjection(vault)],
        }),
      ],
      controllers: [...PLATFORM_CONTROLLERS, TransferHandler],
      providers: [
        DirectoryService,
        { provide: SUBGRAPH_SCHEMA, inject: [DirectoryService], useFactory: buildDirectorySchema },
      ],
    };
  }
}
