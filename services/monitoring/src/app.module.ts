import { DynamicModule, Module } from '@nestjs/common';
import { PLATFORM_CONTROLLERS, PlatformModule, ServiceConfig, SubgraphModule } from '@mms/service-kit';
import { educatorFactsProjection } from './educator-facts/educator-facts.projection';
import { IndicatorsModule } from './indicators/indicators.module';
import { monitoringSdl } from './monitoring.sdl';
import { EducatorFactsTopics, MONITORING_INTERNAL_TOPIC, MONITORING_PUBLIC_TOPIC, sourceUpcasting } from './monitoring.topics';
import { NetworkModule } from './network/network.module';
import { networkProjection } from './network/network.projection';
import { OlympiadsModule } from './olympiads/olympiads.module';
import { olympiadsProjection } from './olympiads/olympiads.projection';

export interface MonitoringOptions {
  /** Tests feed the projection from their own topics. */
  topics?: EducatorFactsTopics;
  /** Tests feed the olympiads projection from their own contests topic. */
  contestsTopic?: string;
  /** Tests feed the network projection from their own communities and directory topics. */
  networkTopics?: { communities: string; directory: string };
}

/**
 * The slices: educator facts and olympiad facts (projections of other contexts' public
 * events), the indicator queries over the first and the reports' olympiad figures over the second.
 */
@Module({})
export class MonitoringModule {
  static forRoot(config: ServiceConfig, options: MonitoringOptions = {}): DynamicModule {
    return {
      module: MonitoringModule,
      imports: [
        PlatformModule.forService({
          config,
          internalTopic: MONITORING_INTERNAL_TOPIC,
          publicTopic: MONITORING_PUBLIC_TOPIC,
          // Monitoring records no events of its own yet, so it announces nothing.
          translate: () => [],
          projectionUpcasting: sourceUpcasting(),
          projections: () => [educatorFactsProjection(options.topics), olympiadsProjection(options.contestsTopic), networkProjection(options.networkTopics)],
        }),
        SubgraphModule.forSdl(monitoringSdl),
        IndicatorsModule,
        OlympiadsModule,
        NetworkModule,
      ],
      controllers: [...PLATFORM_CONTROLLERS],
    };
  }
}
