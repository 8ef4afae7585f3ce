import type { RequestContext } from '@mms/auth';
import type { RowFilter } from '@mms/eventsourcing/core';
import { checked } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CompetenceArea } from '../competences/competence-areas';
import type { PdDeps } from '../pd.deps';
import type { CohortStatus, EnrolmentStatus } from './cohort.decider';
import type { EnrolmentRow } from './cohort.rows';
import { cohortRowView, CohortView, enrolmentRowView, EnrolmentView } from './cohort.views';

export interface CohortFilter {
  programmeId?: string | null;
  competence?: CompetenceArea | null;
  format?: string | null;
  level?: string | null;
  status?: CohortStatus | null;
  startsFrom?: string | null;
  startsTo?: string | null;
  withFreeSeats?: boolean | null;
}

export interface EnrolmentFilter {
  cohortId?: string | null;
  educatorId?: string | null;
  organizationId?: string | null;
  municipalityId?: string | null;
  status?: EnrolmentStatus | null;
}

/** Cohorts of the offer within the caller's reach (the region's and their municipality's), by start date. */
export const cohorts = async (d: PdDeps, req: RequestContext, filter: CohortFilter = {}): Promise<CohortView[]> => {
  checked('cohort filter', (c) => {
    c.date('startsFrom', filter.startsFrom);
    c.date('startsTo', filter.startsTo);
  });
  const startDate = { ...(filter.startsFrom ? { $gte: filter.startsFrom } : {}), ...(filter.startsTo ? { $lte: filter.startsTo } : {}) };
  const wanted: RowFilter = {
    ...(filter.competence ? { competences: filter.competence } : {}),
    ...(filter.programmeId ? { programmeId: filter.programmeId } : {}),
    ...(filter.format ? { format: filter.format } : {}),
    ...(filter.level ? { level: filter.level } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.withFreeSeats ? { free: { $gt: 0 } } : {}),
    ...(Object.keys(startDate).length ? { startDate } : {}),
  };
  const rows = await d.tables.cohorts.find({ $and: [access.offerScope(req.user, { drafts: false }), wanted] }, { sort: { startDate: 1, _id: 1 } });
  return rows.map(cohortRowView);
};

/** Cohorts are never drafts: whoever knows the id may see the offer. */
export const cohort = async (d: PdDeps, _req: RequestContext, id: string): Promise<CohortView | null> => {
  const row = await d.tables.cohorts.get(id);
  return row ? cohortRowView(row) : null;
};

/** Enrolment rows with their cohorts' titles and dates (one read of the cohorts they name). */
const withCohorts = async (d: PdDeps, rows: EnrolmentRow[]): Promise<EnrolmentView[]> => {
  const ids = [...new Set(rows.map((r) => r.cohortId))];
  const cohortRows = ids.length ? await d.tables.cohorts.find({ _id: { $in: ids } }) : [];
  const byId = new Map(cohortRows.map((c) => [c._id, c]));
  return rows.map((r) => enrolmentRowView(r, byId.get(r.cohortId)));
};

/** Enrolments within the caller's reach (access.readScope, by the learner's placement when applying), newest first. */
export const enrolments = async (d: PdDeps, req: RequestContext, filter: EnrolmentFilter = {}): Promise<EnrolmentView[]> => {
  const scope = access.readScope(req.user, filter);
  if (!scope) return [];
  const wanted: RowFilter = {
    ...(filter.educatorId ? { educatorId: filter.educatorId } : {}),
    ...(filter.cohortId ? { cohortId: filter.cohortId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  const rows = await d.tables.enrolments.find({ $and: [{ ...scope }, wanted] }, { sort: { appliedOn: -1, _id: 1 } });
  return withCohorts(d, rows);
};

/** An educator's enrolments, for whoever may read that educator (checked by the caller: educator fields). */
export const enrolmentsOfEducator = async (d: PdDeps, educatorId: string): Promise<EnrolmentView[]> =>
  withCohorts(d, await d.tables.enrolments.find({ educatorId }, { sort: { appliedOn: -1, _id: 1 } }));
