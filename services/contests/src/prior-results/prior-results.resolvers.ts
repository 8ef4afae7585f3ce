import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { CONTESTS_DEPS, ContestsDeps } from '../contests.deps';
import { historyOf } from '../contests.history';
import { student } from '../students/student.queries';
import * as h from './prior-results.handlers';
import type { PriorResultsRow } from './prior-results.rows';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** Winners and prize-winners of stages held before the platform: recorded by the organiser, read by the admission lists. */
@GraphQLSlice()
@Injectable()
export class PriorResultsResolvers implements SliceResolvers {
  constructor(@Inject(CONTESTS_DEPS) private readonly d: ContestsDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        priorOlympiadResults: (_: unknown, a: Args, c: Ctx) => h.priorResultsOf(d, c.request, a as never),
      },
      Mutation: {
        recordPriorOlympiadResults: (_: unknown, a: Args, c: Ctx) => h.recordPriorResults(d, c.request, a['input']),
      },
      PriorOlympiadResults: {
        id: (r: PriorResultsRow) => r._id,
        rows: (r: PriorResultsRow) => r.rows,
        history: (r: PriorResultsRow) => historyOf(d, r.tenantId, r._id),
      },
      PriorResult: {
        student: (r: { studentId: string }, _: Args, c: Ctx) => student(d, c.request, r.studentId),
      },
    };
  }
}
