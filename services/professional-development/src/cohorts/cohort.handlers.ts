import type { RequestContext, UserClaims } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { actorContext, checked, Checks, commandContext, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { programmeDecider } from '../catalogue/programme.decider';
import { PlacedEducator, placedEducator, placementOf } from '../educators/educator.queries';
import type { PdDeps } from '../pd.deps';
import { childId, parentOf, streams } from '../pd.streams';
import { AppliedBy, Certificate, Cohort, cohortDecider, CohortCommand, CohortState, Enrolment, ProgrammeFacts } from './cohort.decider';
import { cohortView, CohortView, enrolmentView, EnrolmentView } from './cohort.views';

// ---- cohorts ------------------------------------------------------------------

/** For a published programme of the scheduler's own offer: the programme stream (not the read model) says so. */
export const scheduleCohort = async (
  d: PdDeps,
  req: RequestContext,
  input: { programmeId: string; startDate: string; endDate: string; seats: number },
): Promise<CohortView> => {
  const { tenantId, user } = access.catalogueWriter(req.user);
  checked('cohort', (c) => {
    c.id('programmeId', input.programmeId);
    c.date('startDate', input.startDate);
    c.date('endDate', input.endDate);
    c.int('seats', input.seats, 1, 1000);
  });
  const { state: p } = await d.commands.load(programmeDecider, tenantId, streams.programme(input.programmeId));
  const programme: ProgrammeFacts =
    p.status === 'none'
      ? { status: 'none', programmeId: input.programmeId }
      : {
          status: p.status,
          programmeId: p.programmeId,
          title: p.title,
          hours: p.hours,
          competences: p.competences,
          level: p.level,
          format: p.format,
          ownerMunicipalityId: p.ownerMunicipalityId,
        };
  const cohortId = newEntityId(req, 'cohort');
  const { state } = await d.commands.handle(
    cohortDecider,
    streams.cohort(cohortId),
    { type: 'ScheduleCohort', cohortId, programme, startDate: input.startDate, endDate: input.endDate, seats: input.seats },
    commandContext(req, tenantId, user),
    { tenantId, fresh: true },
  );
  return cohortView(tenantId, existing(state));
};

export const changeCohortSeats = async (d: PdDeps, req: RequestContext, input: { id: string; seats: number }): Promise<CohortView> => {
  const { tenantId, user } = access.catalogueWriter(req.user);
  checked('seats', (c) => {
    c.id('id', input.id);
    c.int('seats', input.seats, 1, 1000);
  });
  const { state } = await d.commands.handle(
    cohortDecider,
    streams.cohort(input.id),
    { type: 'ChangeCohortSeats', cohortId: input.id, seats: input.seats },
    commandContext(req, tenantId, user),
  );
  return cohortView(tenantId, existing(state));
};

export const cancelCohort = async (d: PdDeps, req: RequestContext, input: { id: string; reason?: string | null }): Promise<CohortView> => {
  const { tenantId, user } = access.catalogueWriter(req.user);
  const reason = checked('cancellation', (c) => {
    c.id('id', input.id);
    return c.text('reason', input.reason, { max: 1000, multiline: true });
  });
  const { state } = await d.commands.handle(
    cohortDecider,
    streams.cohort(input.id),
    { type: 'CancelCohort', cohortId: input.id, reason },
    commandContext(req, tenantId, user),
  );
  return cohortView(tenantId, existing(state), reason);
};

// ---- enrolment (inside the cohort stream: seats are counted where they are taken) ----

/**
 * A teacher for themselves, a coordinator for an educator of their school. The cohort is
 * found wherever it lives (the region's offer or a municipality's); whether it is open to
 * the learner, full, closed on the region's today, is the decider's.
 */
export const applyForCohort = async (d: PdDeps, req: RequestContext, input: { cohortId: string; educatorId?: string | null }): Promise<EnrolmentView> => {
  const educatorId = checked('application', (c) => {
    c.id('cohortId', input.cohortId);
    c.id('educatorId', input.educatorId);
    const id = input.educatorId ?? (req.user?.role === 'teacher' ? req.user.educatorId : null);
    return c.required('educatorId', id);
  })!;
  const learner = await placedEducator(d, educatorId, 'educatorId');
  const { appliedBy, user } = access.applicant(req.user, placementOf(learner));
  const enrolmentId = childId(input.cohortId, newEntityId(req, 'enrolment'));
  const on = d.clock.today();
  const { state, tenantId } = await d.commands.handle(
    cohortDecider,
    streams.cohort(input.cohortId),
    application(input.cohortId, enrolmentId, appliedBy, on, learner),
    actorContext(req, user),
    { locate: true, fixed: true },
  );
  return viewAfter(tenantId, state, enrolmentId, { statusOn: on });
};

/** The application of a learner as the directory last placed them (their school and municipality at the time). */
export const application = (cohortId: string, enrolmentId: string, appliedBy: AppliedBy, on: string, learner: PlacedEducator): CohortCommand => ({
  type: 'ApplyForCohort',
  cohortId,
  enrolmentId,
  appliedBy,
  on,
  educatorId: learner._id,
  municipalityId: learner.municipalityId,
  organizationId: learner.organizationId,
});

export const approveEnrolment = async (d: PdDeps, req: RequestContext, enrolmentId: string) =>
  change(d, req, enrolmentId, { reason: undefined }, (e) => {
    access.enrolmentApprover(req.user, e);
    return { type: 'ApproveEnrolment', cohortId: e.cohortId, enrolmentId };
  });

export const rejectEnrolment = async (d: PdDeps, req: RequestContext, input: { enrolmentId: string; reason: string }) => {
  const reason = checkedReason(input.reason, true)!;
  return change(d, req, input.enrolmentId, { reason }, (e) => {
    access.enrolmentApprover(req.user, e);
    return { type: 'RejectEnrolment', cohortId: e.cohortId, enrolmentId: input.enrolmentId, reason };
  });
};

export const withdrawEnrolment = async (d: PdDeps, req: RequestContext, input: { enrolmentId: string; reason?: string | null }) => {
  const reason = checkedReason(input.reason, false);
  return change(d, req, input.enrolmentId, { reason }, (e) => {
    const { by } = access.enrolmentWithdrawer(req.user, e);
    return { type: 'WithdrawEnrolment', cohortId: e.cohortId, enrolmentId: input.enrolmentId, by, reason };
  });
};

export const completeEnrolment = async (
  d: PdDeps,
  req: RequestContext,
  input: { enrolmentId: string; certificateNumber: string; hours: number; issuedOn: string },
) => {
  const certificate = checked('completion', (c) => {
    c.id('enrolmentId', input.enrolmentId);
    return completionOf(c, input);
  });
  return change(d, req, input.enrolmentId, { reason: null, statusOn: input.issuedOn }, (e, cohortTenantId) => {
    access.enrolmentResultRecorder(req.user, e, cohortTenantId);
    return { type: 'CompleteEnrolment', cohortId: e.cohortId, enrolmentId: input.enrolmentId, certificate };
  });
};

/** A completion's certificate as checked input (`at` names a list's entry: `input.3.`). */
export const completionOf = (c: Checks, input: { certificateNumber: string; hours: number; issuedOn: string }, at = ''): Certificate => {
  const number = c.text(`${at}certificateNumber`, input.certificateNumber, { max: 100, required: true });
  c.int(`${at}hours`, input.hours, 1, 2000);
  c.date(`${at}issuedOn`, input.issuedOn);
  return { number: number!, hours: input.hours, issuedOn: input.issuedOn };
};

export const markEnrolmentNotCompleted = async (d: PdDeps, req: RequestContext, input: { enrolmentId: string; reason: string }) => {
  const reason = checkedReason(input.reason, true)!;
  return change(d, req, input.enrolmentId, { reason }, (e, cohortTenantId) => {
    access.enrolmentResultRecorder(req.user, e, cohortTenantId);
    return { type: 'MarkEnrolmentNotCompleted', cohortId: e.cohortId, enrolmentId: input.enrolmentId, reason };
  });
};

const checkedReason = (value: string | null | undefined, required: boolean) =>
  checked('reason', (c) => c.text('reason', value, { max: 1000, required, multiline: true }));

/**
 * A change of one enrolment: the id names its cohort's stream, found wherever it lives; who
 * may act is checked against the enrolment's own record (the learner's school when
 * applying), freshly read on every attempt. An enrolment not in the stream reaches the
 * decider, which says NOT_FOUND.
 */
const change = async (
  d: PdDeps,
  req: RequestContext,
  enrolmentId: string,
  outcome: { reason: string | null | undefined; statusOn?: string },
  plan: (e: Enrolment & { cohortId: string }, cohortTenantId: string) => CohortCommand,
): Promise<EnrolmentView> => {
  checked('enrolment', (c) => c.id('enrolmentId', enrolmentId));
  const cohortId = parentOf(enrolmentId, 'enrolmentId');
  const user: UserClaims = requireUser(req.user);
  const { state, tenantId } = await d.commands.handle(
    cohortDecider,
    streams.cohort(cohortId),
    (s, stream): CohortCommand => {
      const e = s.status === 'none' ? undefined : s.enrolments[enrolmentId];
      // Unknown enrolment: the decider refuses it (NOT_FOUND) with no one authorised to anything.
      return e ? plan({ ...e, cohortId }, stream.tenantId) : { type: 'ApproveEnrolment', cohortId, enrolmentId };
    },
    actorContext(req, user),
    { locate: true, fixed: true },
  );
  return viewAfter(tenantId, state, enrolmentId, { statusOn: outcome.statusOn ?? d.clock.today(), reason: outcome.reason });
};

const existing = (state: CohortState): Cohort => {
  if (state.status === 'none') throw new Error('cohort state missing after a successful command');
  return state;
};

export const viewAfter = (tenantId: string, state: CohortState, enrolmentId: string, change: { statusOn: string; reason?: string | null }) => {
  const cohort = existing(state);
  const e = cohort.enrolments[enrolmentId];
  if (!e) throw new Error('enrolment missing after a successful command');
  return enrolmentView(tenantId, cohort, e, change);
};
