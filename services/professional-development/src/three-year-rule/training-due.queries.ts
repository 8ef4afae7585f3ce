import type { RequestContext } from '@mms/auth';
import { isYoungTeacher, youngCareerStartFrom } from '@mms/contracts/dates';
import type { RowFilter } from '@mms/eventsourcing/core';
import { checked } from '@mms/service-kit/core';
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

/**
 * The three-year rule's list, computed at query time from the educators read model
 * (placement from the directory, last completion from this context) for `asOf` (default:
 * the region's today).
 */
export const trainingDue = async (
  d: PdDeps,
  req: RequestContext,
  args: Reach & { withinDays?: number | null; overdueOnly?: boolean | null; asOf?: string | null },
): Promise<TrainingDueView[]> => {
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
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.educatorId.localeCompare(b.educatorId));
};

/** Young teachers (the published rule) with no active mentor, within the caller's reach. */
export const youngTeachersWithoutMentor = async (d: PdDeps, req: RequestContext, args: Reach & { asOf?: string | null }): Promise<Array<{ id: string }>> => {
  checked('young teachers query', (c) => {
    c.id('organizationId', args.organizationId);
    c.id('municipalityId', args.municipalityId);
    c.date('asOf', args.asOf);
  });
  const asOf = args.asOf ?? d.clock.today();
  const rows = await activeInScope(d, req, args, { careerStartDate: { $gte: youngCareerStartFrom(asOf) }, activeMentor: null });
  return rows
    .filter((e) => e.careerStartDate && isYoungTeacher(e.careerStartDate, asOf))
    .sort((a, b) => (a.careerStartDate ?? '').localeCompare(b.careerStartDate ?? '') || a._id.localeCompare(b._id))
    .map((e) => ({ id: e._id }));
};

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
