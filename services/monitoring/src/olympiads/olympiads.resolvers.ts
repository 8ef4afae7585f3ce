import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import type { IndicatorReport } from '../indicators/indicators.views';
import { OLYMPIAD_DEPS, OlympiadDeps } from '../monitoring.deps';
import * as q from './olympiads.queries';

/** GraphQL → olympiad figures: every indicator report has its unit's, for its academic year (computed only when asked). */
@GraphQLSlice()
@Injectable()
export class OlympiadResolvers implements SliceResolvers {
  constructor(@Inject(OLYMPIAD_DEPS) private readonly d: OlympiadDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      IndicatorReport: {
        olympiads: (report: IndicatorReport, _: unknown, c: SubgraphContext) => q.olympiadsOfReport(d, c.request, report),
      },
    };
  }
}
