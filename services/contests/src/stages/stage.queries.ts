import type { RequestContext } from '@mms/auth';
import { isRegionalOperator } from '@mms/auth';
import type { RowFilter } from '@mms/eventsourcing/core';
import * as access from '../access/policy';
import type { ContestsDeps } from '../contests.deps';
import { REGION_TENANT } from './stage.decider';
import { stageView, StageView } from './stage.views';

export interface StageFilter {
  academicYear?: string | null;
  level?: string | null;
  subject?: string | null;
  mine?: boolean | null;
}

/** The schedule of olympiad stages is public; `mine` narrows to the stages the caller organises. */
export const olympiadStages = async (d: ContestsDeps, req: RequestContext, filter: StageFilter = {}): Promise<StageView[]> => {
  const wanted: RowFilter = {
    ...(filter.academicYear ? { academicYear: filter.academicYear } : {}),
    ...(filter.level ? { level: filter.level } : {}),
    ...(filter.subject ? { subject: filter.subject } : {}),
  };
  if (filter.mine) {
    const u = req.user;
    if (isRegionalOperator(u)) wanted['tenantId'] = REGION_TENANT;
    else if (u?.role === 'municipal_methodologist' && u.municipalityId) wanted['tenantId'] = u.municipalityId;
    else return [];
  }
  const rows = await d.tables.stages.find(wanted, { sort: { startsOn: 1, _id: 1 }, limit: 1000 });
  return rows.map(stageView);
};

export const olympiadStage = async (d: ContestsDeps, id: string): Promise<StageView | null> => {
  const row = await d.tables.stages.get(id);
  return row ? stageView(row) : null;
};

/** Settings, jury and passing scores: the organiser's and the operator's. */
export const seesStageInternals = (req: RequestContext, s: StageView) => isRegionalOperator(req.user) || access.isOrganiserOf(req.user, s.tenantId);

/** Stages whose jury lists this educator (the educator themselves, their organisers and the operator). */
export const juryDutiesOf = async (d: ContestsDeps, req: RequestContext, educatorId: string): Promise<StageView[]> => {
  const rows = await d.tables.stages.find({ jurorIds: educatorId }, { sort: { startsOn: 1 } });
  const u = req.user;
  const self = (u?.role === 'juror' || u?.role === 'teacher') && u.educatorId === educatorId;
  return rows.filter((r) => self || isRegionalOperator(u) || access.isOrganiserOf(u, r.tenantId)).map(stageView);
};
