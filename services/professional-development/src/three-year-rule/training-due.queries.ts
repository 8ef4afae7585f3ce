import type { RequestContext } from '@mms/auth';
import { isYoungTeacher, youngCareerStartFrom } from '@mms/contracts/dates';
import type { RowFilter } from '@mms/eventsourcing/core';
import { checked, compareKeys, Page, PageArgs, pageSorted, withinLimit } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { readableEducator } from '../educators/educator.queries';
import type { EducatorRow } from '../educators/educator.rows';
import type { PdDeps } from '../pd.deps';
import { daysBetween, DueBasis, dueDateOf, dueStatus, MAX_WITHIN_DAYS, summarise, TrainingSummary } from './training-due';

export interface TrainingDueView {
  educatorId: string;
  organizationId: string | null;
  municipalityId: string | null;
  dueDate: string;
  basis: DueBasis;
  lastCompletedOn: string | null;
  status: 'OVERDUE' | 'DUE_SOON';
  daysLeft: number;
}

type Reach = { organizationId?: string | null; municipalityId?: string | null };

/** Active educators within the caller's reach: one school, one municipality, or (operator) the region. */
const activeInScope = async (d: PdDeps, req: RequestContext, args: Reach, extra: RowFilter = {}): Promise<EducatorRow[]> => {
  const scope = access.readScope(req.user, args);
  if (!scope) return [];
  const { educatorId, ...placement } = scope;
  return d.tables.educators.find({ ...placement, ...(educatorId ? { _id: educatorId } : {}), active: true, ...extra });
};

export type TrainingDueArgs = Reach & { withinDays?: number | null; overdueOnly?: boolean | null; asOf?: string | null };

/**
 * The three-year rule's list, computed at query time from the educators read model
 * (placement from the directory, last completion from this context) for `asOf` (default:
 * the region's today), in no particular order.
 */
const dueList = async (d: PdDeps, req: RequestContext, args: TrainingDueArgs): Promise<TrainingDueView[]> => {
  checked('training due query', (c) => {
    c.id('organizationId', args.organizationId);
    c.id('municipalityId', args.municipalityId);
    c.int('withinDays', args.withinDays, 1, MAX_WITHIN_DAYS);
    c.date('asOf', args.asOf);
  });
  const asOf = args.asOf ?? d.clock.today();
  const within = args.withinDays ?? 90;
  const out: TrainingDueView[] = [];
  for (const e of await activeInScope(d, req, args)) {
    const due = dueDateOf(e);
    if (!due) continue;
    const status = dueStatus(due.dueDate, asOf, within);
    if (status === 'OK' || (args.overdueOnly && status !== 'OVERDUE')) continue;
    out.push({
      educatorId: e._id,
      organizationId: e.organizationId ?? null,
      municipalityId: e.municipalityId ?? null,
      dueDate: due.dueDate,
      basis: due.basis,
      lastCompletedOn: e.lastCompletedOn ?? null,
      status,
      daysLeft: daysBetween(asOf, due.dueDate),
    });
  }
  return out;
};

/** The list's order (the same for the whole list and its pages): by due date, then educator. */
const dueKey = (t: TrainingDueView) => [t.dueDate, t.educatorId];

/** The whole list, soonest first (deprecated field): LIST_TOO_LARGE beyond MAX_LIST_ROWS. */
export const trainingDue = async (d: PdDeps, req: RequestContext, args: TrainingDueArgs): Promise<TrainingDueView[]> =>
  withinLimit(await dueList(d, req, args), { field: 'trainingDue', use: 'trainingDuePage' }).sort((a, b) => compareKeys(dueKey(a), dueKey(b)));

/**
 * The list a page at a time, soonest first, the cursor on (due date, educator). Each page
 * computes the list again from the read model (it depends on asOf and moves with every
 * completion), so a page is as fresh as its request.
 */
export const trainingDuePage = async (d: PdDeps, req: RequestContext, args: TrainingDueArgs & PageArgs): Promise<Page<TrainingDueView>> =>
  pageSorted(await dueList(d, req, args), { key: dueKey }, args, (t) => t);

type YoungArgs = Reach & { asOf?: string | null };

/** Young teachers (the published rule) with no active mentor, within the caller's reach, in no particular order. */
const youngList = async (d: PdDeps, req: RequestContext, args: YoungArgs): Promise<EducatorRow[]> => {
  checked('young teachers query', (c) => {
    c.id('organizationId', args.organizationId);
    c.id('municipalityId', args.municipalityId);
    c.date('asOf', args.asOf);
  });
  const asOf = args.asOf ?? d.clock.today();
  const rows = await activeInScope(d, req, args, { careerStartDate: { $gte: youngCareerStartFrom(asOf) }, activeMentor: null });
  return rows.filter((e) => e.careerStartDate && isYoungTeacher(e.careerStartDate, asOf));
};

/** Newest to the profession last: by career start, then id. */
const youngKey = (e: EducatorRow) => [e.careerStartDate ?? '', e._id];

/** The whole list (deprecated field): LIST_TOO_LARGE beyond MAX_LIST_ROWS. */
export const youngTeachersWithoutMentor = async (d: PdDeps, req: RequestContext, args: YoungArgs): Promise<Array<{ id: string }>> =>
  withinLimit(await youngList(d, req, args), { field: 'youngTeachersWithoutMentor', use: 'youngTeachersWithoutMentorPage' })
    .sort((a, b) => compareKeys(youngKey(a), youngKey(b)))
    .map((e) => ({ id: e._id }));

/** The list a page at a time, the cursor on (career start, id). */
export const youngTeachersWithoutMentorPage = async (d: PdDeps, req: RequestContext, args: YoungArgs & PageArgs): Promise<Page<{ id: string }>> =>
  pageSorted(await youngList(d, req, args), { key: youngKey }, args, (e) => ({ id: e._id }));

const asOfOrToday = (d: PdDeps, asOf: string | null | undefined) => {
  checked('asOf', (c) => c.date('asOf', asOf));
  return asOf ?? d.clock.today();
};

/** For the school's coordinator, its municipality's methodologist and the operator; null for others. */
export const organizationSummary = async (d: PdDeps, req: RequestContext, organizationId: string, asOf?: string | null): Promise<TrainingSummary | null> => {
  const scope = access.schoolSummaryScope(req.user, organizationId);
  if (!scope) return null;
  return summarise(await d.tables.educators.find({ ...scope, active: true }), asOfOrToday(d, asOf));
};

/** For the municipality's methodologist and the operator; null for others. */
export const municipalitySummary = async (d: PdDeps, req: RequestContext, municipalityId: string, asOf?: string | null): Promise<TrainingSummary | null> => {
  const scope = access.municipalitySummaryScope(req.user, municipalityId);
  if (!scope) return null;
  return summarise(await d.tables.educators.find({ ...scope, active: true }), asOfOrToday(d, asOf));
};

/** The educator's due date, for whoever may read them. */
export const trainingDueDate = async (d: PdDeps, req: RequestContext, educatorId: string): Promise<string | null> => {
  const row = await readableEducator(d, req, educatorId);
  return row ? (dueDateOf(row)?.dueDate ?? null) : null;
};
