import { Inject, Injectable } from '@nestjs/common';
import { RequestContext, UserClaims } from '@mms/auth';
import { CommandHandler, DomainError, NotFoundError, REGION_TENANT } from '@mms/eventsourcing';
import * as access from '../access/policy';
import { Cohort, cohortDecider, CohortCommand, CohortState, Enrolment, EnrolmentStatus } from '../cohorts/cohort';
import { EnrolmentRow } from '../read-model/rows';
import { childId, commandContext, parentOf, PD_COMMANDS, streams, today } from './common';
import { placementOf, ReadModels } from './read-models';
import { Checks } from './validation';
import { enrolmentRowView, EnrolmentView, enrolmentView } from './views';

export interface EnrolmentFilter {
  cohortId?: string | null;
  educatorId?: string | null;
  organizationId?: string | null;
  municipalityId?: string | null;
  status?: EnrolmentStatus | null;
}

/** Enrolment lives inside the cohort stream: seats are counted where they are taken. */
@Injectable()
export class EnrolmentService {
  constructor(
    @Inject(PD_COMMANDS) private readonly commands: CommandHandler,
    @Inject(ReadModels) private readonly rm: ReadModels,
  ) {}

  /**
   * A cohort lives in its owner's tenant: the region or one municipality. The read model
   * knows which; right after scheduling it may not yet, so the candidates are tried.
   */
  private async locateCohort(cohortId: string, candidates: Array<string | null | undefined>): Promise<{ tenantId: string; cohort: Cohort }> {
    const row = await (await this.rm.cohorts()).findOne({ _id: cohortId });
    const tenants = row ? [row.tenantId] : [...new Set(candidates.filter((t): t is string => !!t))];
    for (const tenantId of tenants) {
      const { state } = await this.commands.load(cohortDecider, tenantId, streams.cohort(cohortId));
      if (state.status !== 'none') return { tenantId, cohort: state };
    }
    throw new NotFoundError(`cohort ${cohortId} not found`, { field: 'cohortId' });
  }

  private async locateEnrolment(req: RequestContext, enrolmentId: string) {
    const cohortId = parentOf(enrolmentId, 'enrolmentId');
    const { tenantId, cohort } = await this.locateCohort(cohortId, [REGION_TENANT, req.user?.municipalityId]);
    const enrolment = cohort.enrolments[enrolmentId];
    if (!enrolment) throw new NotFoundError(`enrolment ${enrolmentId} not found`, { field: 'enrolmentId' });
    return { tenantId, cohort, enrolment };
  }

  async applyForCohort(req: RequestContext, input: { cohortId: string; educatorId?: string | null }): Promise<EnrolmentView> {
    const c = new Checks();
    c.id('cohortId', input.cohortId);
    c.id('educatorId', input.educatorId);
    const educatorId = input.educatorId ?? (req.user?.role === 'teacher' ? req.user.educatorId : null);
    if (!educatorId) c.problem('educatorId', 'is required');
    c.done('application');
    const learner = await this.rm.placedEducator(educatorId!, 'educatorId');
    const { appliedBy, user } = access.applicant(req.user, placementOf(learner));
    const { tenantId, cohort } = await this.locateCohort(input.cohortId, [REGION_TENANT, learner.municipalityId]);
    // A municipality's own offer is for its own educators; the regional offer is for all.
    if (tenantId !== REGION_TENANT && tenantId !== learner.municipalityId) {
      throw new DomainError('COHORT_NOT_OPEN_TO_EDUCATOR', `cohort ${input.cohortId} is open to educators of ${tenantId} only`, {
        field: 'cohortId',
      });
    }
    const enrolmentId = childId(cohort.cohortId);
    const on = today();
    const { state } = await this.commands.handle(
      cohortDecider,
      streams.cohort(cohort.cohortId),
      {
        type: 'ApplyForCohort',
        cohortId: cohort.cohortId,
        enrolmentId,
        appliedBy,
        on,
        educatorId: learner._id,
        municipalityId: learner.municipalityId,
        organizationId: learner.organizationId,
      },
      commandContext(req, tenantId, user),
    );
    return this.viewAfter(tenantId, state, enrolmentId, { statusOn: on });
  }

  async approveEnrolment(req: RequestContext, enrolmentId: string) {
    return this.change(req, enrolmentId, undefined, (e) => ({
      user: access.enrolmentApprover(req.user, e),
      command: { type: 'ApproveEnrolment', cohortId: e.cohortId, enrolmentId },
    }));
  }

  async rejectEnrolment(req: RequestContext, input: { enrolmentId: string; reason: string }) {
    const reason = this.reason(input.reason, true);
    return this.change(req, input.enrolmentId, reason, (e) => ({
      user: access.enrolmentApprover(req.user, e),
      command: { type: 'RejectEnrolment', cohortId: e.cohortId, enrolmentId: input.enrolmentId, reason: reason! },
    }));
  }

  async withdrawEnrolment(req: RequestContext, input: { enrolmentId: string; reason?: string | null }) {
    const reason = this.reason(input.reason, false);
    return this.change(req, input.enrolmentId, reason, (e) => {
      const { by, user } = access.enrolmentWithdrawer(req.user, e);
      return { user, command: { type: 'WithdrawEnrolment', cohortId: e.cohortId, enrolmentId: input.enrolmentId, by, reason } };
    });
  }

  async completeEnrolment(req: RequestContext, input: { enrolmentId: string; certificateNumber: string; hours: number; issuedOn: string }) {
    const c = new Checks();
    c.id('enrolmentId', input.enrolmentId);
    const number = c.text('certificateNumber', input.certificateNumber, { max: 100, required: true });
    c.int('hours', input.hours, 1, 2000);
    c.date('issuedOn', input.issuedOn);
    c.done('completion');
    return this.change(
      req,
      input.enrolmentId,
      null,
      (e, tenantId) => ({
        user: access.enrolmentResultRecorder(req.user, e, tenantId),
        command: {
          type: 'CompleteEnrolment',
          cohortId: e.cohortId,
          enrolmentId: input.enrolmentId,
          certificate: { number: number!, hours: input.hours, issuedOn: input.issuedOn },
        },
      }),
      input.issuedOn,
    );
  }

  async markEnrolmentNotCompleted(req: RequestContext, input: { enrolmentId: string; reason: string }) {
    const reason = this.reason(input.reason, true);
    return this.change(req, input.enrolmentId, reason, (e, tenantId) => ({
      user: access.enrolmentResultRecorder(req.user, e, tenantId),
      command: { type: 'MarkEnrolmentNotCompleted', cohortId: e.cohortId, enrolmentId: input.enrolmentId, reason: reason! },
    }));
  }

  private reason(value: string | null | undefined, required: boolean) {
    const c = new Checks();
    const reason = c.text('reason', value, { max: 1000, required });
    c.done('reason');
    return reason;
  }

  /** Authorises against the enrolment's own record (the learner's school when applying), then decides. */
  private async change(
    req: RequestContext,
    enrolmentId: string,
    reason: string | null | undefined,
    decide: (e: Enrolment & { cohortId: string }, cohortTenantId: string) => { user: UserClaims; command: CohortCommand },
    statusOn: string = today(),
  ): Promise<EnrolmentView> {
    const c = new Checks();
    c.id('enrolmentId', enrolmentId);
    c.done('enrolment');
    const { tenantId, cohort, enrolment } = await this.locateEnrolment(req, enrolmentId);
    const { user, command } = decide({ ...enrolment, cohortId: cohort.cohortId }, tenantId);
    const { state } = await this.commands.handle(cohortDecider, streams.cohort(cohort.cohortId), command, commandContext(req, tenantId, user));
    return this.viewAfter(tenantId, state, enrolmentId, { statusOn, reason });
  }

  private viewAfter(tenantId: string, state: CohortState, enrolmentId: string, change: { statusOn: string; reason?: string | null }) {
    const e = state.status === 'none' ? undefined : state.enrolments[enrolmentId];
    if (state.status === 'none' || !e) throw new Error('enrolment missing after a successful command');
    return enrolmentView(tenantId, state, e, change);
  }

  // ---- queries --------------------------------------------------------------

  async enrolments(req: RequestContext, filter: EnrolmentFilter = {}): Promise<EnrolmentView[]> {
    const scope = access.readScope(req.user, filter);
    if (!scope) return [];
    const coll = await this.rm.enrolments();
    // The narrowest equality the caller gave or the scope implies serves the query.
    const educatorId = filter.educatorId ?? scope.educatorId;
    const query: Record<string, unknown> = educatorId
      ? { educatorId }
      : filter.cohortId
        ? { cohortId: filter.cohortId }
        : scope.municipalityId
          ? { municipalityId: scope.municipalityId }
          : {};
    const rows = (await coll.find(query as never).toArray()) as EnrolmentRow[];
    return rows
      .filter((r) => access.inScope(scope, r) && (!filter.educatorId || r.educatorId === filter.educatorId))
      .filter((r) => (!filter.cohortId || r.cohortId === filter.cohortId) && (!filter.status || r.status === filter.status))
      .sort((a, b) => b.appliedOn.localeCompare(a.appliedOn) || a._id.localeCompare(b._id))
      .map(enrolmentRowView);
  }

  /** An educator's enrolments, for whoever may read that educator (checked by the caller). */
  async enrolmentsOfEducator(educatorId: string): Promise<EnrolmentView[]> {
    const rows = (await (await this.rm.enrolments()).find({ educatorId }).toArray()) as EnrolmentRow[];
    return rows.sort((a, b) => b.appliedOn.localeCompare(a.appliedOn)).map(enrolmentRowView);
  }

  /**
   * A cohort's enrolments within the caller's reach. The owner of a municipal cohort is its
   * methodologist, whose scope covers every learner (municipal cohorts take only their own
   * municipality's educators); the regional operator sees all.
   */
  async enrolmentsOfCohort(req: RequestContext, cohortId: string): Promise<EnrolmentView[]> {
    return this.enrolments(req, { cohortId });
  }
}
