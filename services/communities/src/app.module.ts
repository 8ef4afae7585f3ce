import { DynamicModule, Module } from '@nestjs/common';
import { Upcasting } from '@mms/eventsourcing/core';
import { loadServiceConfig, PLATFORM_CONTROLLERS, PlatformModule, ServiceConfig, SubgraphModule } from '@mms/service-kit';
import { CommunitiesDepsModule } from './communities.deps.module';
import { communitiesProjections } from './communities.projection';
import { communitiesSdl } from './communities.sdl';
import { COMMUNITIES_EVENT_SCHEMAS, COMMUNITIES_TOPICS, CommunitiesTopics, projectionUpcasting } from './communities.topics';
import { CommunityModule } from './communities/community.module';
import { ThreadModule } from './discussions/thread.module';
import { translateCommunitiesEvent } from './integration/translate';
import { MethodEventModule } from './method-events/method-event.module';
import { SiteModule } from './sites/site.module';

export { COMMUNITIES_TOPICS, type CommunitiesTopics } from './communities.topics';

export const COMMUNITIES_SERVICE = 'communities';
/** Event handlers (members who move or leave) read the directory's public events. */
export const communitiesEventHandlers = (config: ServiceConfig, topics: CommunitiesTopics = COMMUNITIES_TOPICS) => ({
  groupId: `${config.service}.handlers`,
  topics: [topics.directory],
});

export const communitiesConfig = (env: NodeJS.ProcessEnv = process.env) => loadServiceConfig(COMMUNITIES_SERVICE, { port: 4105 }, env);

/** The slices of communities (services/README.md). */
@Module({})
export class CommunitiesModule {
  static forRoot(config: ServiceConfig, topics: CommunitiesTopics = COMMUNITIES_TOPICS): DynamicModule {
    return {
      module: CommunitiesModule,
      imports: [
        PlatformModule.forService({
          config,
          internalTopic: topics.internal,
          publicTopic: topics.public,
          translate: translateCommunitiesEvent,
          upcasting: new Upcasting(COMMUNITIES_EVENT_SCHEMAS),
          projections: () => communitiesProjections(topics),
          projectionUpcasting: projectionUpcasting(),
          // Registrations for a popular seminar arrive together: conflicts on the event's stream re-decide.
          commandRetries: 10,
        }),
        SubgraphModule.forSdl(communitiesSdl),
        CommunitiesDepsModule,
        CommunityModule,
        ThreadModule,
        MethodEventModule,
        SiteModule,
      ],
      controllers: [...PLATFORM_CONTROLLERS],
    };
  }
}
