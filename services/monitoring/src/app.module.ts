import { DynamicModule, Module } from '@nestjs/common';
import { contractUpcasting } from '@mms/contracts';
import { Upcasting } from '@mms/eventsourcing';
import { loadServiceConfig, PLATFORM_CONTROLLERS, PlatformModule, ServiceConfig, SUBGRAPH_SCHEMA } from '@mms/service-kit';
import { IndicatorsService, TODAY } from './application/indicators.service';
import { todayIn } from './application/period';
import { buildMonitoringSchema } from './graphql/schema';
import { educatorFactsProjection, EducatorFactsTopics } from './read-model/educator-facts.projection';

export const MONITORING_SERVICE = 'monitoring';
export const MONITORING_INTERNAL_TOPIC = 'monitoring.internal';
export const MONITORING_PUBLIC_TOPIC = 'monitoring.events.v1';

export interface MonitoringConfig extends ServiceConfig {
  /** The region's time zone: "today" (the default asOf) turns at its midnight. */
  timeZone: string;
}

export const monitoringConfig = (env: NodeJS.ProcessEnv = process.env): MonitoringConfig => {
  const timeZone = env['REGION_TIME_ZONE'] ?? 'Asia/Krasnoyarsk';
  // Fail at start, not on the first query, when the zone is unknown.
  todayIn(timeZone);
  return { ...loadServiceConfig(MONITORING_SERVICE, { port: 4103 }, env), timeZone };
};

export interface MonitoringOptions {
  /** Tests feed the projection from their own topics. */
  topics?: EducatorFactsTopics;
}

@Module({})
export class MonitoringModule {
  static forRoot(config: MonitoringConfig, options: MonitoringOptions = {}): DynamicModule {
    return {
      module: MonitoringModule,
      imports: [
        PlatformModule.forService({
          config,
          internalTopic: MONITORING_INTERNAL_TOPIC,
          publicTopic: MONITORING_PUBLIC_TOPIC,
          // Monitoring records no events of its own yet, so it announces nothing.
          translate: () => [],
          // It reads other contexts' public events: their contracts say how to upcast them.
          projectionUpcasting: new Upcasting(contractUpcasting()),
          projections: () => [educatorFactsProjection(options.topics)],
        }),
      ],
      controllers: [...PLATFORM_CONTROLLERS],
      providers: [
        { provide: TODAY, useValue: () => todayIn(config.timeZone) },
        IndicatorsService,
        { provide: SUBGRAPH_SCHEMA, inject: [IndicatorsService], useFactory: buildMonitoringSchema },
      ],
    };
  }
}
