import { Inject, Injectable } from '@nestjs/common';
import { isYoungTeacher } from '@mms/contracts/dates';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { DIRECTORY_DEPS, DirectoryDeps } from '../directory.deps';
import { municipalityOf } from '../municipalities/municipality.queries';
import { organizationOf } from '../organizations/organization.queries';
import { registerEducators } from './educator.batch';
import * as h from './educator.handlers';
import { educatorHistory } from './educator.history';
import * as q from './educator.queries';
import { EducatorView } from './educator.views';

type Ctx = SubgraphContext;
type Paging = { first?: number; after?: string };

@GraphQLSlice()
@Injectable()
export class EducatorResolvers implements SliceResolvers {
  constructor(@Inject(DIRECTORY_DEPS) private readonly d: DirectoryDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        educator: (_: unknown, a: { id: string }, c: Ctx) => q.educator(d, c.request, a.id),
        educators: (_: unknown, a: Paging & { filter?: q.EducatorFilter }, c: Ctx) => q.educators(d, c.request, a.filter ?? {}, a),
      },
      Mutation: {
        registerEducator: (_: unknown, a: { input: h.RegisterEducatorInput }, c: Ctx) => h.registerEducator(d, c.request, a.input),
        registerEducators: (_: unknown, a: { input: h.RegisterEducatorInput[] }, c: Ctx) => registerEducators(d, c.request, a.input),
        updateEducator: (_: unknown, a: { input: h.UpdateEducatorInput }, c: Ctx) => h.updateEducator(d, c.request, a.input),
        moveEducator: (_: unknown, a: { input: h.MoveEducatorInput }, c: Ctx) => h.moveEducator(d, c.request, a.input),
        recordEducatorLeaving: (_: unknown, a: { input: { id: string; reason: string } }, c: Ctx) => h.recordEducatorLeaving(d, c.request, a.input),
        eraseEducatorPersonalData: (_: unknown, a: { educatorId: string }, c: Ctx) => h.eraseEducatorPersonalData(d, c.request, a.educatorId),
      },
      Educator: {
        __resolveReference: (ref: { id: string }, c: Ctx) => q.educator(d, c.request, ref.id),
        municipality: (e: EducatorView, _: unknown, c: Ctx) => municipalityOf(d, c.request, e.tenantId),
        organization: (e: EducatorView, _: unknown, c: Ctx) => organizationOf(d, c.request, e.tenantId, e.organizationId),
        isYoungTeacher: (e: EducatorView) => isYoungTeacher(e.careerStartDate, d.clock.today()),
        history: (e: EducatorView, _: unknown, c: Ctx) => educatorHistory(d, c.request, e),
      },
    };
  }
}
