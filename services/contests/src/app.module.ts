import { DynamicModule, Module } from '@nestjs/common';
import { Upcasting } from '@mms/eventsourcing/core';
import { ImportsModule, loadServiceConfig, PLATFORM_CONTROLLERS, PlatformModule, ServiceConfig, SubgraphModule } from '@mms/service-kit';
import { ContestsDepsModule } from './contests.deps.module';
import { contestsProjections } from './contests.projection';
import { contestsSdl } from './contests.sdl';
import { CONTESTS_EVENT_SCHEMAS, CONTESTS_TOPICS, ContestsTopics, projectionUpcasting } from './contests.topics';
import { EntriesModule } from './entries/entries.module';
import { translateContestsEvent } from './integration/translate';
import { PartitionModule } from './partitions/partition.module';
import { PriorResultsModule } from './prior-results/prior-results.module';
import { ScoreImportModule } from './scores-import/score-import.module';
import { StageModule } from './stages/stage.module';
import { StudentModule } from './students/student.module';

export { CONTESTS_TOPICS, type ContestsTopics } from './contests.topics';

export const CONTESTS_SERVICE = 'contests';
export const contestsConfig = (env: NodeJS.ProcessEnv = process.env) => loadServiceConfig(CONTESTS_SERVICE, { port: 4104 }, env);

/** The slices of contests (services/README.md). */
@Module({})
export class ContestsModule {
  static forRoot(config: ServiceConfig, topics: ContestsTopics = CONTESTS_TOPICS): DynamicModule {
    return {
      module: ContestsModule,
      imports: [
        PlatformModule.forService({
          config,
          internalTopic: topics.internal,
          publicTopic: topics.public,
          translate: translateContestsEvent,
          upcasting: new Upcasting(CONTESTS_EVENT_SCHEMAS),
          projections: ({ vault }) => contestsProjections(topics, vault),
          projectionUpcasting: projectionUpcasting(),
          // Jurors of one grade group score at once after an olympiad day: conflicts on the partition stream re-decide.
          commandRetries: 10,
        }),
        SubgraphModule.forSdl(contestsSdl),
        // POST /imports/olympiad-scores?stageId=… (score files), the runs in the background and their resumption.
        ImportsModule.forService(),
        ContestsDepsModule,
        StageModule,
        StudentModule,
        EntriesModule,
        PartitionModule,
        ScoreImportModule,
        PriorResultsModule,
      ],
      controllers: [...PLATFORM_CONTROLLERS],
    };
  }
}
