import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { PD_DEPS, PdDeps } from '../pd.deps';
import { ref } from '../pd.refs';
import * as h from './programme.handlers';
import { programmeHistory } from './programme.history';
import * as q from './programme.queries';
import type { ProgrammeView } from './programme.views';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** The programme catalogue: GraphQL → handlers and queries. */
@GraphQLSlice()
@Injectable()
export class ProgrammeResolvers implements SliceResolvers {
  constructor(@Inject(PD_DEPS) private readonly d: PdDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        programmes: (_: unknown, a: Args, c: Ctx) => q.programmes(d, c.request, a['filter'] ?? {}),
        programmesPage: (_: unknown, a: Args, c: Ctx) => q.programmesPage(d, c.request, a['filter'] ?? {}, a),
        programme: (_: unknown, a: Args, c: Ctx) => q.programme(d, c.request, a['id']),
      },
      Mutation: {
        createProgramme: (_: unknown, a: Args, c: Ctx) => h.createProgramme(d, c.request, a['input']),
        updateProgramme: (_: unknown, a: Args, c: Ctx) => h.updateProgramme(d, c.request, a['input']),
        publishProgramme: (_: unknown, a: Args, c: Ctx) => h.publishProgramme(d, c.request, a['id']),
        withdrawProgramme: (_: unknown, a: Args, c: Ctx) => h.withdrawProgramme(d, c.request, a['input']),
      },
      Programme: {
        ownerMunicipality: (p: ProgrammeView) => ref(p.ownerMunicipalityId),
        history: (p: ProgrammeView, _: Args, c: Ctx) => programmeHistory(d, c.request, p),
      },
    };
  }
}
