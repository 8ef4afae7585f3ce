import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import * as programmes from '../catalogue/programme.queries';
import type { ProgrammeView } from '../catalogue/programme.views';
import { readableEducator } from '../educators/educator.queries';
import { PD_DEPS, PdDeps } from '../pd.deps';
import { ref } from '../pd.refs';
import * as h from './cohort.handlers';
import * as lists from './enrolment.lists';
import { cohortHistory, enrolmentHistory } from './cohort.history';
import * as q from './cohort.queries';
import type { CohortView, EnrolmentView } from './cohort.views';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** Cohorts and their enrolments: GraphQL → handlers and queries. */
@GraphQLSlice()
@Injectable()
export class CohortResolvers implements SliceResolvers {
  constructor(@Inject(PD_DEPS) private readonly d: PdDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        cohorts: (_: unknown, a: Args, c: Ctx) => q.cohorts(d, c.request, a['filter'] ?? {}),
        cohort: (_: unknown, a: Args, c: Ctx) => q.cohort(d, c.request, a['id']),
        enrolments: (_: unknown, a: Args, c: Ctx) => q.enrolments(d, c.request, a['filter'] ?? {}),
        cohortsPage: (_: unknown, a: Args, c: Ctx) => q.cohortsPage(d, c.request, a['filter'] ?? {}, a),
        enrolmentsPage: (_: unknown, a: Args, c: Ctx) => q.enrolmentsPage(d, c.request, a['filter'] ?? {}, a),
        enrolment: (_: unknown, a: Args, c: Ctx) => q.enrolment(d, c.request, a['id']),
      },
      Mutation: {
        scheduleCohort: (_: unknown, a: Args, c: Ctx) => h.scheduleCohort(d, c.request, a['input']),
        changeCohortSeats: (_: unknown, a: Args, c: Ctx) => h.changeCohortSeats(d, c.request, a['input']),
        cancelCohort: (_: unknown, a: Args, c: Ctx) => h.cancelCohort(d, c.request, a['input']),
        applyForCohort: (_: unknown, a: Args, c: Ctx) => h.applyForCohort(d, c.request, a['input']),
        approveEnrolment: (_: unknown, a: Args, c: Ctx) => h.approveEnrolment(d, c.request, a['enrolmentId']),
        rejectEnrolment: (_: unknown, a: Args, c: Ctx) => h.rejectEnrolment(d, c.request, a['input']),
        withdrawEnrolment: (_: unknown, a: Args, c: Ctx) => h.withdrawEnrolment(d, c.request, a['input']),
        completeEnrolment: (_: unknown, a: Args, c: Ctx) => h.completeEnrolment(d, c.request, a['input']),
        markEnrolmentNotCompleted: (_: unknown, a: Args, c: Ctx) => h.markEnrolmentNotCompleted(d, c.request, a['input']),
        applyForCohorts: (_: unknown, a: Args, c: Ctx) => lists.applyForCohorts(d, c.request, a['input'] ?? []),
        approveEnrolments: (_: unknown, a: Args, c: Ctx) => lists.approveEnrolments(d, c.request, a['enrolmentIds'] ?? []),
        completeEnrolments: (_: unknown, a: Args, c: Ctx) => lists.completeEnrolments(d, c.request, a['input'] ?? []),
      },
      Programme: {
        cohorts: (p: ProgrammeView, _: Args, c: Ctx) => q.cohorts(d, c.request, { programmeId: p.id }, { field: 'Programme.cohorts', use: 'cohortsPage' }),
      },
      Cohort: {
        programme: (co: CohortView, _: Args, c: Ctx) => programmes.programme(d, c.request, co.programmeId),
        ownerMunicipality: (co: CohortView) => ref(co.ownerMunicipalityId),
        // Within the caller's reach: the owner of a municipal cohort is its methodologist, whose scope covers every learner.
        enrolments: (co: CohortView, _: Args, c: Ctx) => q.enrolments(d, c.request, { cohortId: co.id }, { field: 'Cohort.enrolments', use: 'enrolmentsPage' }),
        history: (co: CohortView, _: Args, c: Ctx) => cohortHistory(d, c.request, co),
      },
      Enrolment: {
        cohort: (e: EnrolmentView, _: Args, c: Ctx) => q.cohort(d, c.request, e.cohortId),
        educator: (e: EnrolmentView) => ref(e.educatorId),
        organization: (e: EnrolmentView) => ref(e.organizationId),
        municipality: (e: EnrolmentView) => ref(e.municipalityId),
        history: (e: EnrolmentView, _: Args, c: Ctx) => enrolmentHistory(d, c.request, e),
      },
      Educator: {
        enrolments: async (e: { id: string }, _: Args, c: Ctx) =>
          (await readableEducator(d, c.request, e.id)) === false ? [] : q.enrolmentsOfEducator(d, e.id),
      },
    };
  }
}
