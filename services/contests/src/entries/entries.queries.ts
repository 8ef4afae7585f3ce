import type { RequestContext } from '@mms/auth';
import * as access from '../access/policy';
import type { ContestsDeps } from '../contests.deps';
import type { StageView } from '../stages/stage.views';
import { entryView, EntryView } from './entries.handlers';

/** Entries of a stage within the caller's reach: the organiser's all, a methodologist's municipality's, a coordinator's school's. */
export const entriesOfStage = async (d: ContestsDeps, req: RequestContext, stage: Pick<StageView, 'id' | 'tenantId'>): Promise<EntryView[]> => {
  const scope = access.stageReadScope(req.user, stage.tenantId);
  if (!scope) return [];
  const filter =
    'all' in scope
      ? { stageId: stage.id }
      : { stageId: stage.id, municipalityId: scope.municipalityId, ...(scope.schoolId ? { schoolId: scope.schoolId } : {}) };
  return (await d.tables.entries.find(filter, { sort: { schoolId: 1, grade: 1, _id: 1 } })).map(entryView);
};

/** A student's entries (the caller may read the student: checked by the caller). */
export const entriesOfStudent = async (d: ContestsDeps, studentId: string): Promise<EntryView[]> =>
  (await d.tables.entries.find({ studentId }, { sort: { academicYear: -1, _id: 1 } })).map(entryView);

/** A school's entries in an academic year, for whoever may read the school's students. */
export const entriesOfSchool = async (d: ContestsDeps, req: RequestContext, schoolId: string, academicYear: string): Promise<EntryView[]> => {
  const rows = await d.tables.entries.find({ schoolId, academicYear }, { sort: { stageId: 1, _id: 1 } });
  return rows.filter((r) => access.canReadStudent(req.user, { municipalityId: r.municipalityId, schoolId: r.schoolId })).map(entryView);
};
