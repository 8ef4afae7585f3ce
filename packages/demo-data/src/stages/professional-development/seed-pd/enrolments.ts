/**
 * Phase 3 of the PD seeding: every planned enrolment driven from the status it has towards its
 * target (apply → approve or reject or withdraw → complete or mark not completed), so an
 * interrupted run is finished where it stopped.
 */
import { runGroupedPool, runPool, spreadByGroup } from '../../../runner/pool';
import type { EnrolmentPlan, EnrolmentTarget } from '../pd-plan';
import type { PdCommand } from '../seed-professional-development';
import { aborted, coordinator, fail, operator, ownerToken, PdSeedContext, readAll, REGION, send, tally, teacher } from './context';
import {
  APPLY_FOR_COHORT,
  APPROVE_ENROLMENT,
  COMPLETE_ENROLMENT,
  MARK_ENROLMENT_NOT_COMPLETED,
  PD_ENROLMENTS,
  PD_ENROLMENTS_OF_COHORT,
  REJECT_ENROLMENT,
  WITHDRAW_ENROLMENT,
} from './documents';

const SEAT_HOLDING = new Set(['APPLIED', 'ENROLLED']);

interface EnrolmentRow {
  id: string;
  cohortId: string;
  status: string;
  educator: { id: string };
}

/** What the platform already has, and where that could not be read. */
interface ExistingEnrolments {
  /** `<cohort id>|<educator id>` → the enrolments found. */
  known: Map<string, EnrolmentRow[]>;
  /** Municipalities whose list could not be read (their cohorts were read one by one instead). */
  unreadMunicipalities: Set<string>;
  /** Cohort keys whose list could not be read either → the error. */
  unreadable: Map<string, unknown>;
}

/** Adds a row found by a read, once. */
const remember = (existing: ExistingEnrolments, row: EnrolmentRow) => {
  const key = `${row.cohortId}|${row.educator.id}`;
  const list = existing.known.get(key) ?? [];
  if (!list.some((r) => r.id === row.id)) list.push(row);
  existing.known.set(key, list);
};

/**
 * What exists, per municipality of the learners; where that read fails, per cohort. Planned
 * enrolments whose existing state could not be read are not written (a blind application
 * could duplicate a finished one) and count as failed.
 */
const readEnrolments = async (ctx: PdSeedContext, token: string): Promise<ExistingEnrolments> => {
  const existing: ExistingEnrolments = { known: new Map(), unreadMunicipalities: new Set(), unreadable: new Map() };
  await runPool(
    ctx.municipalityIds,
    Math.min(ctx.concurrency, 8),
    async (m) => {
      try {
        for (const row of await readAll<EnrolmentRow>(ctx, PD_ENROLMENTS, 'enrolmentsPage', { municipalityId: m }, token)) remember(existing, row);
      } catch (err) {
        if (aborted(ctx)) return;
        existing.unreadMunicipalities.add(m);
      }
    },
    ctx.signal,
  );
  const cohortsToRead = [...new Set(ctx.pd.enrolments.filter((e) => existing.unreadMunicipalities.has(e.municipalityId)).map((e) => e.cohortKey))];
  await runPool(cohortsToRead, Math.min(ctx.concurrency, 8), (key) => readCohortEnrolments(ctx, existing, key, token), ctx.signal);
  return existing;
};

/** One cohort's enrolments (the fallback when its learners' municipality could not be read). */
const readCohortEnrolments = async (ctx: PdSeedContext, existing: ExistingEnrolments, key: string, token: string) => {
  const cohortId = ctx.out.cohortIds[key];
  if (!cohortId) return;
  try {
    for (const row of await readAll<EnrolmentRow>(ctx, PD_ENROLMENTS_OF_COHORT, 'enrolmentsPage', { cohortId }, token)) remember(existing, row);
  } catch (err) {
    if (aborted(ctx)) return;
    existing.unreadable.set(key, err);
    fail(ctx, { command: 'read', phase: 'enrolments', planId: key, tenantId: ctx.cohortByKey.get(key)!.municipalityId ?? REGION }, err);
  }
};

/** The enrolment to continue from: one already at the target, else one holding a seat, else one that ended otherwise. */
const pick = (rows: EnrolmentRow[] | undefined, target: EnrolmentTarget): EnrolmentRow | undefined =>
  rows?.find((r) => r.status === target) ?? rows?.find((r) => SEAT_HOLDING.has(r.status)) ?? rows?.[0];

/** One enrolment on its way: where it is, the step in progress (for the error report) and whether anything was sent. */
interface EnrolmentRun {
  e: EnrolmentPlan;
  cohortId: string;
  educatorId: string;
  tenantId: string;
  id: string | undefined;
  status: string | undefined;
  step: PdCommand;
  sent: boolean;
}

/** Applies (as the teacher or the coordinator) when the platform has no enrolment yet; ALREADY_ENROLLED: finds the earlier one. */
const apply = async (ctx: PdSeedContext, run: EnrolmentRun) => {
  const { e, cohortId, educatorId } = run;
  const token =
    e.appliedBy === 'SELF'
      ? await teacher(ctx, e.municipalityId, e.organizationPlanId, e.educatorPlanId)
      : await coordinator(ctx, e.municipalityId, e.organizationPlanId);
  run.sent = true;
  const r = await send<{ id: string; status: string }>(
    ctx,
    'applyForCohort',
    APPLY_FOR_COHORT,
    { input: { cohortId, educatorId } },
    token,
    e.key,
    run.tenantId,
    ['ALREADY_ENROLLED'],
  );
  if (r) {
    run.id = r.id;
    run.status = r.status;
    return;
  }
  // Applied by an earlier run the read side had not shown: find it.
  const mine = await readAll<EnrolmentRow>(ctx, PD_ENROLMENTS, 'enrolmentsPage', { educatorId }, await operator(ctx));
  const row = pick(
    mine.filter((x) => x.cohortId === cohortId),
    e.target,
  );
  if (!row) throw new Error(`ALREADY_ENROLLED in cohort ${cohortId}, but the enrolment is not visible`);
  run.id = row.id;
  run.status = row.status;
};

/** Sends one transition of the enrolment and takes the status the platform answers with. */
const move = async (ctx: PdSeedContext, run: EnrolmentRun, command: PdCommand, query: string, variables: Record<string, unknown>, token: string) => {
  run.step = command;
  run.sent = true;
  const r = await send<{ status: string }>(ctx, command, query, variables, token, run.e.key, run.tenantId);
  run.status = r!.status;
};

/** From APPLIED towards another target: the coordinator rejects or approves, or the teacher withdraws. */
const decide = async (ctx: PdSeedContext, run: EnrolmentRun) => {
  const { e, id } = run;
  const coord = () => coordinator(ctx, e.municipalityId, e.organizationPlanId);
  if (e.target === 'REJECTED') await move(ctx, run, 'rejectEnrolment', REJECT_ENROLMENT, { input: { enrolmentId: id, reason: e.reason } }, await coord());
  else if (e.target === 'WITHDRAWN') {
    const input = { enrolmentId: id, ...(e.reason ? { reason: e.reason } : {}) };
    await move(ctx, run, 'withdrawEnrolment', WITHDRAW_ENROLMENT, { input }, await teacher(ctx, e.municipalityId, e.organizationPlanId, e.educatorPlanId));
  } else await move(ctx, run, 'approveEnrolment', APPROVE_ENROLMENT, { enrolmentId: id }, await coord());
};

/** From ENROLLED: the coordinator or the cohort's owner records the result (a certificate, or not completed). */
const recordResult = async (ctx: PdSeedContext, run: EnrolmentRun) => {
  const { e, id } = run;
  const cohort = ctx.cohortByKey.get(e.cohortKey)!;
  const token = e.resultBy === 'OWNER' ? await ownerToken(ctx, cohort.municipalityId) : await coordinator(ctx, e.municipalityId, e.organizationPlanId);
  if (e.target === 'COMPLETED') {
    const c = e.certificate!;
    const input = { enrolmentId: id, certificateNumber: c.number, hours: c.hours, issuedOn: c.issuedOn };
    await move(ctx, run, 'completeEnrolment', COMPLETE_ENROLMENT, { input }, token);
  } else await move(ctx, run, 'markEnrolmentNotCompleted', MARK_ENROLMENT_NOT_COMPLETED, { input: { enrolmentId: id, reason: e.reason } }, token);
};

/** Drives one enrolment from where it is (found or not) to its target; a different final status counts as diverged. */
const driveEnrolment = async (ctx: PdSeedContext, run: EnrolmentRun) => {
  const { e } = run;
  try {
    if (!run.id) await apply(ctx, run);
    ctx.out.enrolmentIds[e.key] = run.id!;
    if (run.status === 'APPLIED' && e.target !== 'APPLIED') await decide(ctx, run);
    if (run.status === 'ENROLLED' && (e.target === 'COMPLETED' || e.target === 'NOT_COMPLETED')) await recordResult(ctx, run);
    if (run.status !== e.target) ctx.out.enrolmentsDiverged++;
    tally(ctx, 'enrolments', run.sent ? 'created' : 'existing');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: run.step, phase: 'enrolments', planId: e.key, tenantId: run.tenantId }, err);
    tally(ctx, 'enrolments', 'failed');
  }
};

/**
 * One planned enrolment: skipped when its cohort, educator or school is missing or the cohort has ended; else driven.
 * Not async itself (it hands back the drive's promise): no extra turn of the pool per enrolment, so a concurrent run keeps its order.
 */
const seedEnrolment = (ctx: PdSeedContext, existing: ExistingEnrolments, closedReported: Set<string>, todayIso: string, e: EnrolmentPlan): Promise<void> => {
  const cohort = ctx.cohortByKey.get(e.cohortKey)!;
  const cohortId = ctx.out.cohortIds[e.cohortKey];
  const educatorId = ctx.ids.educators[e.educatorPlanId];
  const tenantId = cohort.municipalityId ?? REGION;
  if (!cohortId || !educatorId || !ctx.ids.organizations[e.organizationPlanId]) {
    tally(ctx, 'enrolments', 'skipped');
    return Promise.resolve();
  }
  if (existing.unreadable.has(e.cohortKey) && existing.unreadMunicipalities.has(e.municipalityId)) {
    tally(ctx, 'enrolments', 'failed');
    return Promise.resolve();
  }
  const row = pick(existing.known.get(`${cohortId}|${educatorId}`), e.target);
  if (!row && todayIso > cohort.endDate) {
    if (!closedReported.has(e.cohortKey)) {
      closedReported.add(e.cohortKey);
      fail(
        ctx,
        { command: 'precondition', phase: 'enrolments', planId: e.cohortKey, tenantId },
        new Error(`cohort ${e.cohortKey} ended on ${cohort.endDate}, before today (${todayIso}): no more applications (seed with --as-of today)`),
      );
    }
    tally(ctx, 'enrolments', 'skipped');
    return Promise.resolve();
  }
  return driveEnrolment(ctx, { e, cohortId, educatorId, tenantId, id: row?.id, status: row?.status, step: 'applyForCohort', sent: false });
};

/** Phase 3: reads what exists, then drives every planned enrolment. */
export const seedEnrolments = async (ctx: PdSeedContext) => {
  const existing = await readEnrolments(ctx, await operator(ctx));
  const closedReported = new Set<string>();
  const todayIso = ctx.today();
  // An enrolment lives in its cohort's stream: each cohort's enrolments are spread over the run and
  // handled one at a time (measured: two at a time per cohort only conflict — 11 vs 14 cmd/s).
  const byCohort = (e: EnrolmentPlan) => e.cohortKey;
  await runGroupedPool(
    spreadByGroup(ctx.pd.enrolments, byCohort),
    byCohort,
    ctx.concurrency,
    1,
    (e: EnrolmentPlan) => seedEnrolment(ctx, existing, closedReported, todayIso, e),
    ctx.signal,
  );
};
