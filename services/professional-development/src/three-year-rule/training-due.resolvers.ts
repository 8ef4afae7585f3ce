import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { PD_DEPS, PdDeps } from '../pd.deps';
import { ref } from '../pd.refs';
import * as q from './training-due.queries';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** The three-year rule: who is due, summaries per school and municipality, young teachers without a mentor. */
@GraphQLSlice()
@Injectable()
export class TrainingDueResolvers implements SliceResolvers {
  constructor(@Inject(PD_DEPS) private readonly d: PdDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        trainingDue: (_: unknown, a: Args, c: Ctx) => q.trainingDue(d, c.request, a),
        youngTeachersWithoutMentor: (_: unknown, a: Args, c: Ctx) => q.youngTeachersWithoutMentor(d, c.request, a),
        trainingDuePage: (_: unknown, a: Args, c: Ctx) => q.trainingDuePage(d, c.request, a),
        youngTeachersWithoutMentorPage: (_: unknown, a: Args, c: Ctx) => q.youngTeachersWithoutMentorPage(d, c.request, a),
      },
      TrainingDue: {
        educator: (t: q.TrainingDueView) => ref(t.educatorId),
        organization: (t: q.TrainingDueView) => ref(t.organizationId),
        municipality: (t: q.TrainingDueView) => ref(t.municipalityId),
      },
      Educator: {
        trainingDueDate: (e: { id: string }, _: Args, c: Ctx) => q.trainingDueDate(d, c.request, e.id),
      },
      EducationalOrganization: {
        trainingSummary: (o: { id: string }, a: Args, c: Ctx) => q.organizationSummary(d, c.request, o.id, a['asOf']),
      },
      Municipality: {
        trainingSummary: (m: { id: string }, a: Args, c: Ctx) => q.municipalitySummary(d, c.request, m.id, a['asOf']),
      },
    };
  }
}
