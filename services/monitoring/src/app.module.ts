import { DynamicModule, Module } from '@nestjs/common';
import { PLATFORM_CONTROLLERS, PlatformModule, ServiceConfig, SubgraphModule } from '@mms/service-kit';
import { educatorFactsProjection } from './educator-facts/educator-facts.projection';
import { IndicatorsModule } from './indicators/indicators.module';
import { monitoringSdl } from './monitoring.sdl';
import { EducatorFactsTopics, MONITORING_INTERNAL_TOPIC, MONITORING_PUBLIC_TOPIC, sourceUpcasting } from './monitoring.topics';

export interface MonitoringOptions {
  /** Tests feed the projection from their own topics. */
  topics?: EducatorFactsTopics;
}

/** The slices: educator facts (a projection of other contexts' public events) and the indicator queries over them. */
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
          projections: () => [educatorFactsProjection(options.topics)],
        }),
        SubgraphModule.forSdl(monitoringSdl),
        IndicatorsModule,
      ],
      controllers: [...PLATFORM_CONTROLLERS],
    };
  }
}
