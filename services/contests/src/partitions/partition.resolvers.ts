import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import * as access from '../access/policy';
import { CONTESTS_DEPS, ContestsDeps } from '../contests.deps';
import { historyOf } from '../contests.history';
import { streams } from '../contests.streams';
import { student } from '../students/student.queries';
import { academicYearOf } from '../stages/academic-year';
import * as h from './partition.handlers';
import * as q from './partition.queries';
import type { PartitionView } from './partition.views';
import type { ProtocolRow } from './protocol';
import { normalizeCode } from '../entries/code-format';
import { workAudit } from './work-audit';
import { partitionRowId } from './partition.rows';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** Grade groups of a stage: jury assignment, scores, protocols, appeals, previews, public results. */
@GraphQLSlice()
@Injectable()
export class PartitionResolvers implements SliceResolvers {
  constructor(@Inject(CONTESTS_DEPS) private readonly d: ContestsDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        olympiadPartition: (_: unknown, a: Args, c: Ctx) => q.olympiadPartition(d, c.request, a['id']),
        myJuryWorks: (_: unknown, a: Args, c: Ctx) => q.myJuryWorks(d, c.request, a['stageId']),
        myJuryDuties: (_: unknown, _a: Args, c: Ctx) => q.myJuryDuties(d, c.request),
        myJuryAppeals: (_: unknown, a: Args, c: Ctx) => q.myJuryAppeals(d, c.request, a['stageId']),
        olympiadPartitionDraft: (_: unknown, a: Args, c: Ctx) => q.partitionDraft(d, c.request, a['partitionId']),
        olympiadQuotaPreview: (_: unknown, a: Args, c: Ctx) => q.quotaPreview(d, c.request, a['partitionId'], a['quotas']),
        olympiadPassingScorePreview: (_: unknown, a: Args, c: Ctx) => q.passingScorePreview(d, c.request, a['stageId'], a['groupId'], a['score']),
        olympiadAppealPreview: (_: unknown, a: Args, c: Ctx) => q.appealPreview(d, c.request, a as never),
        olympiadAdmissionList: (_: unknown, a: Args, c: Ctx) => q.admissionList(d, c.request, a['stageId']),
        olympiadPublicResults: (_: unknown, a: Args) => q.publicResults(d, a['stageId']),
      },
      Mutation: {
        assignOlympiadWorks: (_: unknown, a: Args, c: Ctx) => h.assignWorks(d, c.request, a['stageId']),
        recordOlympiadScore: async (_: unknown, a: Args, c: Ctx) => {
          const { stage, groupId } = await h.recordScore(d, c.request, a['input']);
          const works = await q.myJuryWorks(d, c.request, stage._id);
          const code = normalizeCode(String(a['input'].code));
          // The work as the juror sees it now; a work that left their list (another juror took the third check) still answers.
          return (
            works.find((w) => w.code === code && w.groupId === groupId) ?? {
              partitionId: `${stage._id}~${groupId}`,
              stageId: stage._id,
              groupId,
              code,
              tasks: [],
            }
          );
        },
        publishPreliminaryProtocol: (_: unknown, a: Args, c: Ctx) => h.publishPreliminary(d, c.request, a['partitionId']),
        publishPreliminaryProtocols: (_: unknown, a: Args, c: Ctx) => h.publishStagePreliminary(d, c.request, a['stageId']),
        fileOlympiadAppeal: async (_: unknown, a: Args, c: Ctx) => {
          const view = await h.fileAppeal(d, c.request, a['input']);
          return q.scopedPartition(c.request, { ...view, _id: view.id });
        },
        decideOlympiadAppeal: (_: unknown, a: Args, c: Ctx) => h.decideAppeal(d, c.request, a['input']),
        disqualifyOlympiadWork: (_: unknown, a: Args, c: Ctx) => h.disqualifyWork(d, c.request, a['input']),
        approveFinalProtocol: (_: unknown, a: Args, c: Ctx) => h.approveFinal(d, c.request, a['partitionId']),
      },
      OlympiadPartition: {
        assignments: (p: PartitionView, _: Args, c: Ctx) => (access.isOrganiserOf(c.request.user, p.tenantId) ? p.assignments : null),
        appeals: (p: PartitionView) => p.appeals.map((a) => ({ ...a, id: a.appealId, decided: a.status === 'DECIDED' })),
        history: (p: PartitionView, _: Args, c: Ctx) =>
          access.isOrganiserOf(c.request.user, p.tenantId) ? historyOf(d, p.tenantId, streams.partition(p.stageId, p.groupId)) : [],
        workAudit: async (p: PartitionView, a: Args, c: Ctx) => {
          if (!access.isOrganiserOf(c.request.user, p.tenantId)) return null;
          const { events } = await d.store.readStream(p.tenantId, streams.partition(p.stageId, p.groupId));
          return workAudit(events as never, a['code'] ? normalizeCode(String(a['code'])) : undefined);
        },
      },
      ProtocolRow: {
        student: (r: ProtocolRow, _: Args, c: Ctx) => student(d, c.request, r.studentId),
        school: (r: ProtocolRow) => ({ id: r.schoolId }),
        municipality: (r: ProtocolRow) => ({ id: r.municipalityId }),
      },
      PartitionDraft: {},
      Admission: {
        student: (a: { studentId: string }, _: Args, c: Ctx) => student(d, c.request, a.studentId),
        school: (a: { schoolId: string }) => ({ id: a.schoolId }),
      },
      PublicResultRow: {
        school: (r: { schoolId: string }) => ({ id: r.schoolId }),
      },
      EducationalOrganization: {
        olympiadResults: async (o: { id: string }, a: Args, c: Ctx) => {
          const year = a['academicYear'] ?? academicYearOf(d.clock.today());
          // Only the grade groups this school entered students in: equality and point reads, never the year's every protocol.
          const entered = await d.tables.entries.find({ schoolId: o.id, academicYear: year });
          const partitionIds = [...new Set(entered.map((e) => partitionRowId(e.stageId, e.groupId)))];
          const finals = (await d.tables.partitions.getMany(partitionIds)).filter((p) => p.status === 'FINAL');
          const byId = new Map((await d.tables.stages.getMany(finals.map((p) => p.stageId))).map((s) => [s._id, s]));
          return finals.flatMap((p) =>
            p.rows
              .filter((r) => r.schoolId === o.id && access.canReadStudent(c.request.user, { municipalityId: r.municipalityId, schoolId: r.schoolId }))
              .map((r) => ({
                stageId: p.stageId,
                subject: byId.get(p.stageId)!.subject,
                level: byId.get(p.stageId)!.level,
                grade: r.grade,
                score: r.score,
                status: r.status,
                studentId: r.studentId,
              })),
          );
        },
      },
      SchoolOlympiadResult: {
        student: (r: { studentId: string }, _: Args, c: Ctx) => student(d, c.request, r.studentId),
      },
    };
  }
}
