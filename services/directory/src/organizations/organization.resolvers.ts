import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { DIRECTORY_DEPS, DirectoryDeps } from '../directory.deps';
import { municipalityOf } from '../municipalities/municipality.queries';
import * as h from './organization.handlers';
import { organizationHistory } from './organization.history';
import * as q from './organization.queries';
import { OrganizationView } from './organization.views';

type Ctx = SubgraphContext;
type Paging = { first?: number; after?: string };

@GraphQLSlice()
@Injectable()
export class OrganizationResolvers implements SliceResolvers {
  constructor(@Inject(DIRECTORY_DEPS) private readonly d: DirectoryDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        organization: (_: unknown, a: { id: string }, c: Ctx) => q.organization(d, c.request, a.id),
        organizations: (_: unknown, a: Paging & { filter?: q.OrganizationFilter }, c: Ctx) => q.organizations(d, c.request, a.filter ?? {}, a),
      },
      Mutation: {
        registerOrganization: (_: unknown, a: { input: h.RegisterOrganizationInput }, c: Ctx) => h.registerOrganization(d, c.request, a.input),
        updateOrganization: (_: unknown, a: { input: h.UpdateOrganizationInput }, c: Ctx) => h.updateOrganization(d, c.request, a.input),
        closeOrganization: (_: unknown, a: { input: { id: string; reason: string } }, c: Ctx) => h.closeOrganization(d, c.request, a.input),
      },
      EducationalOrganization: {
        __resolveReference: (ref: { id: string }, c: Ctx) => q.organization(d, c.request, ref.id),
        municipality: (o: OrganizationView, _: unknown, c: Ctx) => municipalityOf(d, c.request, o.municipalityId),
        history: (o: OrganizationView, _: unknown, c: Ctx) => organizationHistory(d, c.request, o),
      },
    };
  }
}
