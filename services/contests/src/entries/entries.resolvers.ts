import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { CONTESTS_DEPS, ContestsDeps } from '../contests.deps';
import { student } from '../students/student.queries';
import { academicYearOf } from '../stages/academic-year';
import * as h from './entries.handlers';
import type { EntryView } from './entries.handlers';
import { entriesOfSchool } from './entries.queries';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** A school's entries for stages, and the participant codes it prints. */
@GraphQLSlice()
@Injectable()
export class EntriesResolvers implements SliceResolvers {
  constructor(@Inject(CONTESTS_DEPS) private readonly d: ContestsDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Mutation: {
        enterStudentForStage: (_: unknown, a: Args, c: Ctx) => h.enterStudent(d, c.request, a['input']),
        enterStudentsForStage: (_: unknown, a: Args, c: Ctx) => h.enterStudents(d, c.request, a['input']),
        withdrawStageEntry: (_: unknown, a: Args, c: Ctx) => h.withdrawEntry(d, c.request, a['input']),
        issueParticipantCodes: (_: unknown, a: Args, c: Ctx) => h.issueCodes(d, c.request, a['stageId']),
      },
      OlympiadEntry: {
        student: (e: EntryView, _: Args, c: Ctx) => student(d, c.request, e.studentId),
        school: (e: EntryView) => ({ id: e.schoolId }),
      },
      EducationalOrganization: {
        olympiadParticipation: (o: { id: string }, a: Args, c: Ctx) =>
          entriesOfSchool(d, c.request, o.id, a['academicYear'] ?? academicYearOf(d.clock.today())),
      },
    };
  }
}
