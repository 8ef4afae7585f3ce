import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '@mms/auth';
import * as access from '../access/policy';
import { EducatorRow } from '../read-model/rows';
import { daysBetween, DueBasis, dueDateOf, dueStatus, isYoungTeacher, MAX_WITHIN_DAYS, summarise, TrainingSummary } from '../three-year-rule/training-due';
import { today } from './common';
import { ReadModels } from './read-models';
import { Checks } from './validation';

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

/**
 * The three-year rule's lists and counts, computed at query time from the educators read
 * model (placement from the directory, last completion from this context) for `asOf`.
 */
@Injectable()
export class TrainingDueService {
  constructor(@Inject(ReadModels) private readonly rm: ReadModels) {}

  async trainingDue(
    req: RequestContext,
    args: { organizationId?: string | null; municipalityId?: string | null; withinDays?: number | null; overdueOnly?: boolean | null; asOf?: string | null },
  ): Promise<TrainingDueView[]> {
    const c = new Checks();
    c.id('organizationId', args.organizationId);
    c.id('municipalityId', args.municipalityId);
    c.int('withinDays', args.withinDays, 1, MAX_WITHIN_DAYS);
    c.date('asOf', args.asOf);
    c.done('training due query');
    const asOf = args.asOf ?? today();
    const within = args.withinDays ?? 90;
    const out: TrainingDueView[] = [];
    for (const e of await this.activeInScope(req, args)) {
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
  }

  async youngTeachersWithoutMentor(
    req: RequestContext,
    args: { organizationId?: string | null; municipalityId?: string | null; asOf?: string | null },
  ): Promise<Array<{ id: string }>> {
    const c = new Checks();
    c.id('organizationId', args.organizationId);
    c.id('municipalityId', args.municipalityId);
    c.date('asOf', args.asOf);
    c.done('young teachers query');
    const asOf = args.asOf ?? today();
    return (await this.activeInScope(req, args))
      .filter((e) => e.careerStartDate && isYoungTeacher(e.careerStartDate, asOf) && !e.activeMentor)
      .sort((a, b) => (a.careerStartDate ?? '').localeCompare(b.careerStartDate ?? '') || a._id.localeCompare(b._id))
      .map((e) => ({ id: e._id }));
  }

  /** For the school's coordinator, its municipality's methodologist and the operator; null for others. */
  async organizationSummary(req: RequestContext, organizationId: string, asOf?: string | null): Promise<TrainingSummary | null> {
    const u = req.user;
    const allowed =
      u?.role === 'regional_operator' ||
      u?.role === 'municipal_methodologist' ||
      (u?.role === 'school_coordinator' && u.organizationId === organizationId);
    if (!u || !allowed) return null;
    const rows = (await (await this.rm.educators()).find({ organizationId }).toArray()) as EducatorRow[];
    // Municipal users count only their municipality's educators (an id is no proof the school is theirs).
    const mine = rows.filter((e) => e.active && (u.role === 'regional_operator' || e.municipalityId === u.municipalityId));
    return summarise(mine, this.asOf(asOf));
  }

  /** For the municipality's methodologist and the operator; null for others. */
  async municipalitySummary(req: RequestContext, municipalityId: string, asOf?: string | null): Promise<TrainingSummary | null> {
    const u = req.user;
    if (!(u?.role === 'regional_operator' || (u?.role === 'municipal_methodologist' && u.municipalityId === municipalityId))) return null;
    const rows = (await (await this.rm.educators()).find({ municipalityId }).toArray()) as EducatorRow[];
    return summarise(rows.filter((e) => e.active), this.asOf(asOf));
  }

  private asOf(asOf: string | null | undefined) {
    const c = new Checks();
    c.date('asOf', asOf);
    c.done('asOf');
    return asOf ?? today();
  }

  /** Active educators within the caller's reach: one school, one municipality, or (operator) the region. */
  private async activeInScope(req: RequestContext, args: { organizationId?: string | null; municipalityId?: string | null }) {
    const scope = access.readScope(req.user, args);
    if (!scope) return [];
    const coll = await this.rm.educators();
    const query = scope.educatorId
      ? { _id: scope.educatorId }
      : scope.organizationId
        ? { organizationId: scope.organizationId }
        : scope.municipalityId
          ? { municipalityId: scope.municipalityId }
          : {};
    const rows = (await coll.find(query).toArray()) as EducatorRow[];
    return rows.filter((e) => e.active && access.inScope(scope, { educatorId: e._id, municipalityId: e.municipalityId, organizationId: e.organizationId }));
  }
}
