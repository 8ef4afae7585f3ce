import type { RequestContext } from '@mms/auth';
import type { RowFilter } from '@mms/eventsourcing/core';
import { checked, emptyPage, findWithinLimit, ListLimit, Page, PageArgs, pageBy, pageSize } from '@mms/service-kit/core';
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

/** Cohorts of the offer within the caller's reach (the region's and their municipality's) that the filter asks for. */
const cohortFilter = (req: RequestContext, filter: CohortFilter): RowFilter => {
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
  return { $and: [access.offerScope(req.user, { drafts: false }), wanted] };
};

const BY_START = { startDate: 1, _id: 1 } as const;

/** Cohorts by start date, whole (the deprecated field and a programme's cohorts): LIST_TOO_LARGE beyond the limit. */
export const cohorts = async (
  d: PdDeps,
  req: RequestContext,
  filter: CohortFilter = {},
  limit: ListLimit = { field: 'cohorts', use: 'cohortsPage' },
): Promise<CohortView[]> => (await findWithinLimit(d.tables.cohorts, cohortFilter(req, filter), { sort: BY_START }, limit)).map(cohortRowView);

/** Cohorts by start date, a page at a time. */
export const cohortsPage = async (d: PdDeps, req: RequestContext, filter: CohortFilter = {}, args: PageArgs = {}): Promise<Page<CohortView>> =>
  pageBy(d.tables.cohorts, cohortFilter(req, filter), BY_START, args, (rows) => rows.map(cohortRowView));

/** Cohorts are never drafts: whoever knows the id may see the offer. */
export const cohort = async (d: PdDeps, _req: RequestContext, id: string): Promise<CohortView | null> => {
  const row = await d.tables.cohorts.get(id);
  return row ? cohortRowView(row) : null;
};

/** Enrolment rows with their cohorts' titles and dates (one read of the cohorts they name). */
const withCohorts = async (d: PdDeps, rows: EnrolmentRow[]): Promise<EnrolmentView[]> => {
  const ids = [...new Set(rows.map((r) => r.cohortId))];
  const cohortRows = await d.tables.cohorts.getMany(ids);
  const byId = new Map(cohortRows.map((c) => [c._id, c]));
  return rows.map((r) => enrolmentRowView(r, byId.get(r.cohortId)));
};

/** Enrolments within the caller's reach (access.readScope, by the learner's placement when applying) that the filter asks for; null: none. */
const enrolmentFilter = (req: RequestContext, filter: EnrolmentFilter): RowFilter | null => {
  const scope = access.readScope(req.user, filter);
  if (!scope) return null;
  const wanted: RowFilter = {
    ...(filter.educatorId ? { educatorId: filter.educatorId } : {}),
    ...(filter.cohortId ? { cohortId: filter.cohortId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  return { $and: [{ ...scope }, wanted] };
};

const NEWEST_FIRST = { appliedOn: -1, _id: 1 } as const;

/** Enrolments newest first, whole (the deprecated field and a cohort's enrolments): LIST_TOO_LARGE beyond the limit. */
export const enrolments = async (
  d: PdDeps,
  req: RequestContext,
  filter: EnrolmentFilter = {},
  limit: ListLimit = { field: 'enrolments', use: 'enrolmentsPage' },
): Promise<EnrolmentView[]> => {
  const wanted = enrolmentFilter(req, filter);
  return wanted ? withCohorts(d, await findWithinLimit(d.tables.enrolments, wanted, { sort: NEWEST_FIRST }, limit)) : [];
};

/** Enrolments newest first, a page at a time (keyset on the day applied and the id). */
export const enrolmentsPage = async (d: PdDeps, req: RequestContext, filter: EnrolmentFilter = {}, args: PageArgs = {}): Promise<Page<EnrolmentView>> => {
  const wanted = enrolmentFilter(req, filter);
  if (!wanted) return (pageSize(args.first), emptyPage());
  return pageBy(d.tables.enrolments, wanted, NEWEST_FIRST, args, (rows) => withCohorts(d, rows));
};

/** One enrolment, for whoever may read it (the same reach as the lists); null otherwise. */
export const enrolment = async (d: PdDeps, req: RequestContext, id: string): Promise<EnrolmentView | null> => {
  checked('enrolment', (c) => c.id('id', id));
  const wanted = enrolmentFilter(req, {});
  if (!wanted) return null;
  const rows = await d.tables.enrolments.find({ $and: [wanted, { _id: id }] }, { limit: 1 });
  return rows.length ? (await withCohorts(d, rows))[0]! : null;
};

/** An educator's enrolments, for whoever may read that educator (checked by the caller: educator fields). */
export const enrolmentsOfEducator = async (d: PdDeps, educatorId: string): Promise<EnrolmentView[]> =>
  withCohorts(d, await d.tables.enrolments.find({ educatorId }, { sort: { appliedOn: -1, _id: 1 } }));
