import { Inject, Injectable, Module } from '@nestjs/common';
import { CLOCK, Clock, GraphQLSlice, PROJECTIONS, ProjectionRegistry, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import type { IndicatorReport } from '../indicators/indicators.views';
import { NETWORK_PROJECTION } from './network.projection';
import { NETWORK_DEPS, NetworkDeps, networkOfReport } from './network.queries';
import { networkCommunityRows, networkEducatorRows, networkEventRows, networkSiteRows } from './network.rows';

/** GraphQL → the network figures of every indicator report (computed only when asked). */
@GraphQLSlice()
@Injectable()
export class NetworkResolvers implements SliceResolvers {
  constructor(@Inject(NETWORK_DEPS) private readonly d: NetworkDeps) {}

  resolvers(): ResolverMap {
    return {
      IndicatorReport: {
        network: (report: IndicatorReport, _: unknown, c: SubgraphContext) => networkOfReport(this.d, c.request, report),
      },
    };
  }
}

/** Communities, events and sites on the indicator reports, over the `network` read model. */
@Module({
  providers: [
    {
      provide: NETWORK_DEPS,
      inject: [PROJECTIONS, CLOCK],
      useFactory: (projections: ProjectionRegistry, clock: Clock): NetworkDeps => ({
        clock,
        tables: {
          educators: projections.table(NETWORK_PROJECTION, networkEducatorRows.collection),
          communities: projections.table(NETWORK_PROJECTION, networkCommunityRows.collection),
          events: projections.table(NETWORK_PROJECTION, networkEventRows.collection),
          sites: projections.table(NETWORK_PROJECTION, networkSiteRows.collection),
        },
      }),
    },
    NetworkResolvers,
  ],
})
export class NetworkModule {}
