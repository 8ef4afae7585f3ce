import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { PD_DEPS, PdDeps } from '../pd.deps';
import { ref } from '../pd.refs';
import * as lists from './external-training.lists';
import * as h from './development.handlers';
import { routeHistory } from './development.history';
import * as routes from './route.lists';
import * as q from './development.queries';
import type { EducatorParent } from './development.views';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** Diagnostics, deficits, the route (ИОМ) and trainings from elsewhere: GraphQL → handlers and queries. */
@GraphQLSlice()
@Injectable()
export class DevelopmentResolvers implements SliceResolvers {
  constructor(@Inject(PD_DEPS) private readonly d: PdDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        educatorsWithDeficitsPage: (_: unknown, a: Args, c: Ctx) => q.educatorsWithDeficitsPage(d, c.request, a),
      },
      EducatorDeficits: {
        educator: (v: q.EducatorDeficitsView) => ref(v.educatorId),
        organization: (v: q.EducatorDeficitsView) => ref(v.organizationId),
      },
      Mutation: {
        recordExternalTraining: (_: unknown, a: Args, c: Ctx) => h.recordExternalTraining(d, c.request, a['input']),
        recordExternalTrainings: (_: unknown, a: Args, c: Ctx) => lists.recordExternalTrainings(d, c.request, a['input'] ?? []),
        recordDiagnosticResult: (_: unknown, a: Args, c: Ctx) => h.recordDiagnosticResult(d, c.request, a['input']),
        proposeRoute: (_: unknown, a: Args, c: Ctx) => h.proposeRoute(d, c.request, a['educatorId']),
        addRouteItem: (_: unknown, a: Args, c: Ctx) => h.addRouteItem(d, c.request, a['input']),
        changeRouteItem: (_: unknown, a: Args, c: Ctx) => h.changeRouteItem(d, c.request, a['input']),
        removeRouteItem: (_: unknown, a: Args, c: Ctx) => h.removeRouteItem(d, c.request, a['input']),
        approveRoute: (_: unknown, a: Args, c: Ctx) => h.approveRoute(d, c.request, a['educatorId']),
        proposeRoutes: (_: unknown, a: Args, c: Ctx) => routes.proposeRoutes(d, c.request, a['educatorIds'] ?? []),
        approveRoutes: (_: unknown, a: Args, c: Ctx) => routes.approveRoutes(d, c.request, a['educatorIds'] ?? []),
        markRouteItemDone: (_: unknown, a: Args, c: Ctx) => h.markRouteItemDone(d, c.request, a['input']),
      },
      Route: {
        educator: (r: { educatorId: string }) => ref(r.educatorId),
        history: (r: { educatorId: string }, _: Args, c: Ctx) => routeHistory(d, c.request, r),
      },
      Educator: {
        route: (e: EducatorParent, _: Args, c: Ctx) => q.route(d, c.request, e),
        deficits: (e: EducatorParent, _: Args, c: Ctx) => q.deficits(d, c.request, e),
        diagnosticResults: (e: EducatorParent, _: Args, c: Ctx) => q.diagnosticResults(d, c.request, e),
        externalTrainings: (e: EducatorParent, _: Args, c: Ctx) => q.externalTrainings(d, c.request, e),
      },
    };
  }
}
