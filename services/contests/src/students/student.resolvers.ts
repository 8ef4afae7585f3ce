import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import * as access from '../access/policy';
import { CONTESTS_DEPS, ContestsDeps } from '../contests.deps';
import { historyOf } from '../contests.history';
import { streams } from '../contests.streams';
import { entriesOfStudent } from '../entries/entries.queries';
import * as h from './student.handlers';
import * as q from './student.queries';
import type { StudentView } from './student.views';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** Students (minors): the coordinator's school registers them and records their parents' consents. */
@GraphQLSlice()
@Injectable()
export class StudentResolvers implements SliceResolvers {
  constructor(@Inject(CONTESTS_DEPS) private readonly d: ContestsDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        studentsPage: (_: unknown, a: Args, c: Ctx) => q.studentsPage(d, c.request, a['organizationId'], a),
        student: (_: unknown, a: Args, c: Ctx) => q.student(d, c.request, a['id']),
      },
      Mutation: {
        registerStudent: (_: unknown, a: Args, c: Ctx) => h.registerStudent(d, c.request, a['input']),
        registerStudents: (_: unknown, a: Args, c: Ctx) => h.registerStudents(d, c.request, a['input']),
        changeStudent: (_: unknown, a: Args, c: Ctx) => h.changeStudent(d, c.request, a['input']),
        recordParentalConsent: (_: unknown, a: Args, c: Ctx) => h.recordConsent(d, c.request, a['input']),
        withdrawParentalConsent: (_: unknown, a: Args, c: Ctx) => h.withdrawConsent(d, c.request, a['studentId']),
        eraseStudent: (_: unknown, a: Args, c: Ctx) => h.eraseStudent(d, c.request, a['studentId']),
      },
      Student: {
        school: (s: StudentView) => ({ id: s.schoolId }),
        entries: (s: StudentView) => entriesOfStudent(d, s.id),
        history: (s: StudentView, _: Args, c: Ctx) =>
          access.canReadStudent(c.request.user, { municipalityId: s.tenantId, schoolId: s.schoolId }) ? historyOf(d, s.tenantId, streams.student(s.id)) : [],
      },
    };
  }
}
