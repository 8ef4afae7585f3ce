import { DynamicModule, Module } from '@nestjs/common';
import { DIRECTORY_TOPIC } from '@mms/contracts';
import { rowProjection, Upcasting } from '@mms/eventsourcing';
import { contractSdl, loadServiceConfig, PLATFORM_CONTROLLERS, PlatformModule, ServiceConfig, SubgraphModule } from '@mms/service-kit';
import { DirectoryDepsModule } from './directory.deps.module';
import { directoryProjectionSpec } from './directory.projection';
import { DIRECTORY_INTERNAL_TOPIC } from './directory.topics';
import { DIRECTORY_EVENT_SCHEMAS } from './educators/educator.decider';
import { EducatorsModule } from './educators/educator.module';
import { translateDirectoryEvent } from './integration/translate';
import { MunicipalitiesModule } from './municipalities/municipality.module';
import { OrganizationsModule } from './organizations/organization.module';

export const DIRECTORY_SERVICE = 'directory';
export const directoryConfig = (env: NodeJS.ProcessEnv = process.env) => loadServiceConfig(DIRECTORY_SERVICE, { port: 4101 }, env);

/** Event handlers of this service (the transfer reaction) read its own internal topic. */
export const directoryEventHandlers = (config: ServiceConfig) => ({
  groupId: `${config.service}.handlers`,
  topics: [DIRECTORY_INTERNAL_TOPIC],
});

/** The slices: municipalities, organisations, educators. */
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
          projections: ({ vault }) => [rowProjection(directoryProjectionSpec(vault))],
        }),
        SubgraphModule.forSdl(contractSdl('directory')),
        DirectoryDepsModule,
        MunicipalitiesModule,
        OrganizationsModule,
        EducatorsModule,
      ],
      controllers: [...PLATFORM_CONTROLLERS],
    };
  }
}
