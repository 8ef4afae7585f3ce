import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { DIRECTORY_DEPS, DirectoryDeps } from '../directory.deps';
import { onboardMunicipality, OnboardMunicipalityInput } from './municipality.handlers';
import { municipalityHistory } from './municipality.history';
import * as q from './municipality.queries';
import { MunicipalityView } from './municipality.views';

type Ctx = SubgraphContext;

@GraphQLSlice()
@Injectable()
export class MunicipalityResolvers implements SliceResolvers {
  constructor(@Inject(DIRECTORY_DEPS) private readonly d: DirectoryDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        municipality: (_: unknown, a: { id: string }, c: Ctx) => q.municipality(d, c.request, a.id),
        municipalities: (_: unknown, a: { first?: number; after?: string }, c: Ctx) => q.municipalities(d, c.request, a),
      },
      Mutation: {
        onboardMunicipality: (_: unknown, a: { input: OnboardMunicipalityInput }, c: Ctx) => onboardMunicipality(d, c.request, a.input),
      },
      Municipality: {
        __resolveReference: (ref: { id: string }, c: Ctx) => q.municipality(d, c.request, ref.id),
        history: (m: MunicipalityView, _: unknown, c: Ctx) => municipalityHistory(d, c.request, m.id),
      },
    };
  }
}
