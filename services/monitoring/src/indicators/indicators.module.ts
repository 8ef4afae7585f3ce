import { Module } from '@nestjs/common';
import { Clock, CLOCK, PROJECTIONS, ProjectionRegistry } from '@mms/service-kit';
import { EDUCATOR_FACTS_PROJECTION } from '../educator-facts/educator-facts.projection';
import { MONITORING_DEPS, MonitoringDeps } from '../monitoring.deps';
import { generationTables } from './generation-tables';
import { IndicatorResolvers } from './indicators.resolvers';
import { SchoolIndicatorsCache } from './school-indicators.cache';

/** The indicator queries over the educator-facts read model. */
@Module({
  providers: [
    {
      provide: MONITORING_DEPS,
      inject: [PROJECTIONS, CLOCK],
      useFactory: (projections: ProjectionRegistry, clock: Clock): MonitoringDeps => ({
        tables: generationTables(() => projections.get(EDUCATOR_FACTS_PROJECTION).readModel()),
        clock,
        cache: new SchoolIndicatorsCache(),
      }),
    },
    IndicatorResolvers,
  ],
})
export class IndicatorsModule {}
