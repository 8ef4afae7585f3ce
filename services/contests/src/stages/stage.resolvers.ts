import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { CONTESTS_DEPS, ContestsDeps } from '../contests.deps';
import { historyOf } from '../contests.history';
import { streams } from '../contests.streams';
import { entriesOfStage } from '../entries/entries.queries';
import { conflictsOf } from '../partitions/assignment';
import { partitionsOfStage } from '../partitions/partition.queries';
import * as h from './stage.handlers';
import * as q from './stage.queries';
import { stageFields, stageView, StageView } from './stage.views';
import { olympiadSubjects } from './subjects';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

const ref = (id: string | null | undefined) => (id ? { id } : null);

/** Olympiad stages: schedule, settings, jury, passing scores. */
@GraphQLSlice()
@Injectable()
export class StageResolvers implements SliceResolvers {
  constructor(@Inject(CONTESTS_DEPS) private readonly d: ContestsDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    const internal =
      <T>(f: (s: StageView) => T) =>
      (s: StageView, _: Args, c: Ctx) =>
        q.seesStageInternals(c.request, s) ? f(s) : null;
    return {
      Query: {
        olympiadStages: (_: unknown, a: Args, c: Ctx) => q.olympiadStages(d, c.request, a['filter'] ?? {}),
        olympiadStage: (_: unknown, a: Args) => q.olympiadStage(d, a['id']),
        olympiadSubjects: () => olympiadSubjects(),
      },
      Mutation: {
        scheduleOlympiadStage: (_: unknown, a: Args, c: Ctx) => h.scheduleStage(d, c.request, a['input']),
        changeOlympiadStagePlan: (_: unknown, a: Args, c: Ctx) => h.changeStagePlan(d, c.request, a['input']),
        changeOlympiadStageSettings: (_: unknown, a: Args, c: Ctx) => h.changeStageSettings(d, c.request, a['input']),
        appointOlympiadJury: (_: unknown, a: Args, c: Ctx) => h.appointJury(d, c.request, a['input']),
        setOlympiadPassingScores: (_: unknown, a: Args, c: Ctx) => h.setPassingScores(d, c.request, a['input']),
        cancelOlympiadStage: (_: unknown, a: Args, c: Ctx) => h.cancelStage(d, c.request, a['input']),
      },
      OlympiadStage: {
        ...stageFields,
        settings: internal((s) => s.settings),
        jury: internal((s) => s.jury.map((j) => ({ ...j, educator: ref(j.educatorId), organization: ref(j.organizationId) }))),
        passingScores: internal(stageFields.passingScores),
        juryConflicts: async (s: StageView, _: Args, c: Ctx) => {
          if (!q.seesStageInternals(c.request, s)) return null;
          // Every entered student, coded or not, a work each: from the stage's school rows (one find of a few packed rows).
          const works = (await d.tables.schoolEntries.find({ stageId: s.id })).flatMap((school) =>
            school.entries.filter((e) => e.status === 'ENTERED').map((e) => ({ code: e.studentId, schoolId: school.schoolId })),
          );
          return Object.entries(conflictsOf(s.jury, works)).map(([jurorId, conflicts]) => ({ jurorId, conflicts }));
        },
        partitions: (s: StageView, _: Args, c: Ctx) => partitionsOfStage(d, c.request, s.id),
        entries: (s: StageView, _: Args, c: Ctx) => entriesOfStage(d, c.request, s),
        history: (s: StageView, _: Args, c: Ctx) => (q.seesStageInternals(c.request, s) ? historyOf(d, s.tenantId, streams.stage(s.id)) : []),
      },
      Educator: {
        juryDuties: (e: { id: string }, _: Args, c: Ctx) => q.juryDutiesOf(d, c.request, e.id),
      },
      Municipality: {
        olympiadStages: async (m: { id: string }, a: Args) =>
          (
            await d.tables.stages.find({ tenantId: m.id, ...(a['academicYear'] ? { academicYear: a['academicYear'] } : {}) }, { sort: { startsOn: 1, _id: 1 } })
          ).map(stageView),
      },
    };
  }
}
