import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { MONITORING_DEPS, MonitoringDeps } from '../monitoring.deps';
import * as q from './indicators.queries';
import { PeriodArgs } from './period';

type Ctx = SubgraphContext;
type Ref = { id: string };

/** GraphQL → indicator queries; access and rules live below. */
@GraphQLSlice()
@Injectable()
export class IndicatorResolvers implements SliceResolvers {
  constructor(@Inject(MONITORING_DEPS) private readonly d: MonitoringDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        municipalityIndicators: (_: unknown, a: PeriodArgs & { municipalityId?: string | null }, c: Ctx) =>
          q.municipalityIndicators(d, c.request, a.municipalityId, a),
        schoolIndicators: (_: unknown, a: PeriodArgs & { organizationId: string }, c: Ctx) => q.schoolIndicators(d, c.request, a.organizationId, a),
        regionalComparison: (_: unknown, a: PeriodArgs, c: Ctx) => q.regionalComparison(d, c.request, a),
      },
      // Entities owned by the directory: monitoring adds their indicators, given the id (null while it has no data).
      Municipality: {
        __resolveReference: (ref: Ref) => ({ id: ref.id }),
        indicators: (m: Ref, a: PeriodArgs, c: Ctx) => q.municipalityIndicatorsOrNull(d, c.request, m.id, a),
      },
      EducationalOrganization: {
        __resolveReference: (ref: Ref) => ({ id: ref.id }),
        indicators: (o: Ref, a: PeriodArgs, c: Ctx) => q.schoolIndicatorsOrNull(d, c.request, o.id, a),
      },
    };
  }
}
