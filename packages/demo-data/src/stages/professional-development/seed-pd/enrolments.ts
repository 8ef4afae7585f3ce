/**
 * Phase 3 of the PD seeding: every planned enrolment driven from the status it has towards its
 * target (apply → approve or reject or withdraw → complete or mark not completed), so an
 * interrupted run is finished where it stopped. Cohort by cohort, step by step: a school's
 * nominees, a coordinator's approvals and a results sheet go as list commands.
 */
import { listsBy, runGroupedPool, spreadByGroup } from '../../../runner/pool';
import type { EnrolmentPlan } from '../pd-plan';
import { EnrolmentRow, ExistingEnrolments, pick, readEnrolments } from './enrolments-found';
import type { PdCommand } from '../seed-professional-development';
import { aborted, coordinator, fail, operator, ownerToken, PdSeedContext, readAll, REGION, send, tally, teacher } from './context';
import {
  APPLY_FOR_COHORT,
  APPLY_FOR_COHORTS,
  APPROVE_ENROLMENTS,
  COMPLETE_ENROLMENTS,
  MARK_ENROLMENT_NOT_COMPLETED,
  PD_ENROLMENTS,
  REJECT_ENROLMENT,
  WITHDRAW_ENROLMENT,
} from './documents';

/** One enrolment on its way: where it is, the step in progress (for the error report), whether anything was sent, and why it stopped. */
interface EnrolmentRun {
  e: EnrolmentPlan;
  cohortId: string;
  educatorId: string;
  tenantId: string;
  id: string | undefined;
  status: string | undefined;
  step: PdCommand;
  sent: boolean;
  failed?: unknown;
}

/** One entry's answer of a list command. */
interface ListOutcome {
  index: number;
  enrolment: { id: string; status: string } | null;
  error: { code: string; message: string; fields: string[] } | null;
}

/** Entries per list call (the service takes 500). */
const LIST_CHUNK = 500;

/** Runs grouped by a key, in plan order, each group cut into calls of at most LIST_CHUNK. */
const listsOf = (runs: EnrolmentRun[], key: (r: EnrolmentRun) => string): EnrolmentRun[][] => listsBy(runs, key, LIST_CHUNK);

/**
 * Sends one list command for the runs; each run takes its entry's status, or stops with the
 * entry's refusal (`onRefused` may still settle it: an application already made). The call
 * failing as a whole stops every run of it.
 */
const sendList = async (
  ctx: PdSeedContext,
  runs: EnrolmentRun[],
  command: PdCommand,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  onRefused?: (run: EnrolmentRun, o: ListOutcome) => Promise<boolean>,
) => {
  for (const run of runs) {
    run.step = command;
    run.sent = true;
  }
  let outcomes: ListOutcome[];
  try {
    outcomes = (await send<ListOutcome[]>(ctx, command, query, variables, token, runs[0]!.e.key, runs[0]!.tenantId))!;
  } catch (err) {
    for (const run of runs) run.failed = err;
    return;
  }
  for (const o of outcomes) {
    const run = runs[o.index]!;
    if (o.enrolment) {
      run.id = o.enrolment.id;
      run.status = o.enrolment.status;
      continue;
    }
    try {
      if (!(await onRefused?.(run, o))) run.failed = new Error(`${o.error!.code}: ${o.error!.message}`);
    } catch (err) {
      run.failed = err;
    }
  }
};

/** An application an earlier run made that the read side had not shown (ALREADY_ENROLLED): found by the educator's enrolments. */
const findEarlier = async (ctx: PdSeedContext, run: EnrolmentRun) => {
  const mine = await readAll<EnrolmentRow>(ctx, PD_ENROLMENTS, 'enrolmentsPage', { educatorId: run.educatorId }, await operator(ctx));
  const row = pick(
    mine.filter((x) => x.cohortId === run.cohortId),
    run.e.target,
  );
  if (!row) throw new Error(`ALREADY_ENROLLED in cohort ${run.cohortId}, but the enrolment is not visible`);
  run.id = row.id;
  run.status = row.status;
};

/** A teacher applies for themselves (one command: a person's own act). */
const applySelf = async (ctx: PdSeedContext, run: EnrolmentRun) => {
  const { e, cohortId, educatorId } = run;
  run.sent = true;
  const r = await send<{ id: string; status: string }>(
    ctx,
    'applyForCohort',
    APPLY_FOR_COHORT,
    { input: { cohortId, educatorId } },
    await teacher(ctx, e.municipalityId, e.organizationPlanId, e.educatorPlanId),
    e.key,
    run.tenantId,
    ['ALREADY_ENROLLED'],
  );
  if (!r) return findEarlier(ctx, run);
  run.id = r.id;
  run.status = r.status;
};

/** Runs not stopped and where the predicate says. */
const live = (runs: EnrolmentRun[], p: (r: EnrolmentRun) => boolean) => runs.filter((r) => !r.failed && p(r));

/** Sends one transition of the enrolment and takes the status the platform answers with; a failure stops the run. */
const move = async (ctx: PdSeedContext, run: EnrolmentRun, command: PdCommand, query: string, variables: Record<string, unknown>, token: string) => {
  run.step = command;
  run.sent = true;
  try {
    const r = await send<{ status: string }>(ctx, command, query, variables, token, run.e.key, run.tenantId);
    run.status = r!.status;
  } catch (err) {
    run.failed = err;
  }
};

/** One command of a step: a person's own act on one enrolment, or a list over several; the cohorts it writes to. */
interface Task {
  cohorts: string[];
  go: () => Promise<void>;
}

/** A person's own acts (a teacher's application or withdrawal, a rejection, a non-completion), one command each. */
const singles = (runs: EnrolmentRun[], act: (run: EnrolmentRun) => Promise<void>): Task[] =>
  spreadByGroup(runs, (r) => r.e.cohortKey).map((run) => ({ cohorts: [run.e.cohortKey], go: () => act(run) }));

/** Lists, each one command over its entries' cohorts. */
const lists = (of: EnrolmentRun[][], send: (list: EnrolmentRun[]) => Promise<void>): Task[] =>
  of.map((list) => ({ cohorts: list.map((r) => r.e.cohortKey), go: () => send(list) }));

/**
 * A step's commands side by side, never two on one cohort at once: they write to its stream,
 * where concurrent commands only conflict (a school's approvals touch many cohorts; measured at
 * scale 0.1 with lists sent freely: the PD stage 50 % slower, and a list entry out of retries).
 */
const runStep = (ctx: PdSeedContext, tasks: Task[]) =>
  runGroupedPool(
    tasks,
    (t) => t.cohorts,
    ctx.concurrency,
    1,
    (t) => t.go(),
    ctx.signal,
  );

/** Applications: teachers one by one, each school's (for every cohort) as its coordinator's list. */
const applyAll = async (ctx: PdSeedContext, runs: EnrolmentRun[]) => {
  const pending = runs.filter((r) => !r.id);
  const nominees = listsOf(
    pending.filter((r) => r.e.appliedBy === 'COORDINATOR'),
    (r) => r.e.organizationPlanId,
  );
  const nominate = async (list: EnrolmentRun[]) => {
    const { e } = list[0]!;
    const variables = { input: list.map((r) => ({ cohortId: r.cohortId, educatorId: r.educatorId })) };
    const token = await coordinator(ctx, e.municipalityId, e.organizationPlanId);
    await sendList(ctx, list, 'applyForCohorts', APPLY_FOR_COHORTS, variables, token, async (run, o) => {
      if (o.error?.code !== 'ALREADY_ENROLLED') return false;
      await findEarlier(ctx, run);
      return true;
    });
  };
  const own = async (run: EnrolmentRun) => {
    try {
      await applySelf(ctx, run);
    } catch (err) {
      run.failed = err;
    }
  };
  await runStep(ctx, [
    ...lists(nominees, nominate),
    ...singles(
      pending.filter((r) => r.e.appliedBy === 'SELF'),
      own,
    ),
  ]);
};

/** From APPLIED: rejections and withdrawals one by one; a school's approvals (of every cohort) as its coordinator's list. */
const decideAll = async (ctx: PdSeedContext, runs: EnrolmentRun[]) => {
  const applied = live(runs, (r) => r.status === 'APPLIED' && r.e.target !== 'APPLIED');
  const coord = (e: EnrolmentPlan) => coordinator(ctx, e.municipalityId, e.organizationPlanId);
  const alone = async (run: EnrolmentRun) => {
    const { e, id } = run;
    if (e.target === 'REJECTED') return move(ctx, run, 'rejectEnrolment', REJECT_ENROLMENT, { input: { enrolmentId: id, reason: e.reason } }, await coord(e));
    const input = { enrolmentId: id, ...(e.reason ? { reason: e.reason } : {}) };
    await move(ctx, run, 'withdrawEnrolment', WITHDRAW_ENROLMENT, { input }, await teacher(ctx, e.municipalityId, e.organizationPlanId, e.educatorPlanId));
  };
  const approvals = listsOf(
    applied.filter((r) => r.e.target !== 'REJECTED' && r.e.target !== 'WITHDRAWN'),
    (r) => r.e.organizationPlanId,
  );
  const approve = async (list: EnrolmentRun[]) =>
    sendList(ctx, list, 'approveEnrolments', APPROVE_ENROLMENTS, { enrolmentIds: list.map((r) => r.id) }, await coord(list[0]!.e));
  await runStep(ctx, [
    ...lists(approvals, approve),
    ...singles(
      applied.filter((r) => r.e.target === 'REJECTED' || r.e.target === 'WITHDRAWN'),
      alone,
    ),
  ]);
};

/** Whose results sheet a completion is on: the cohort owner's (per cohort) or the learner's school coordinator's (every cohort). */
const sheetOf = (r: EnrolmentRun) => (r.e.resultBy === 'OWNER' ? `owner|${r.e.cohortKey}` : `school|${r.e.organizationPlanId}`);

/** From ENROLLED: non-completions one by one, certificates as each recorder's results sheet. */
const recordResults = async (ctx: PdSeedContext, runs: EnrolmentRun[]) => {
  const enrolled = live(runs, (r) => r.status === 'ENROLLED' && (r.e.target === 'COMPLETED' || r.e.target === 'NOT_COMPLETED'));
  const recorder = (e: EnrolmentPlan) =>
    e.resultBy === 'OWNER' ? ownerToken(ctx, ctx.cohortByKey.get(e.cohortKey)!.municipalityId) : coordinator(ctx, e.municipalityId, e.organizationPlanId);
  const notCompleted = async (run: EnrolmentRun) =>
    move(ctx, run, 'markEnrolmentNotCompleted', MARK_ENROLMENT_NOT_COMPLETED, { input: { enrolmentId: run.id, reason: run.e.reason } }, await recorder(run.e));
  const sheets = listsOf(
    enrolled.filter((r) => r.e.target === 'COMPLETED'),
    sheetOf,
  );
  const complete = async (list: EnrolmentRun[]) => {
    const input = list.map(({ id, e }) => ({
      enrolmentId: id,
      certificateNumber: e.certificate!.number,
      hours: e.certificate!.hours,
      issuedOn: e.certificate!.issuedOn,
    }));
    await sendList(ctx, list, 'completeEnrolments', COMPLETE_ENROLMENTS, { input }, await recorder(list[0]!.e));
  };
  await runStep(ctx, [
    ...lists(sheets, complete),
    ...singles(
      enrolled.filter((r) => r.e.target === 'NOT_COMPLETED'),
      notCompleted,
    ),
  ]);
};

/** Where each run ended: its id kept, counted as created, existing or failed (a different final status counts as diverged). */
const settle = (ctx: PdSeedContext, runs: EnrolmentRun[]) => {
  for (const run of runs) {
    if (run.id) ctx.out.enrolmentIds[run.e.key] = run.id;
    if (run.failed) {
      if (aborted(ctx)) continue;
      fail(ctx, { command: run.step, phase: 'enrolments', planId: run.e.key, tenantId: run.tenantId }, run.failed);
      tally(ctx, 'enrolments', 'failed');
      continue;
    }
    if (run.status !== run.e.target) ctx.out.enrolmentsDiverged++;
    tally(ctx, 'enrolments', run.sent ? 'created' : 'existing');
  }
};

/**
 * A planned enrolment's run, or null when it is skipped: its cohort, educator or school is
 * missing, what exists could not be read, or the cohort ended before today with no enrolment yet.
 */
const runOf = (ctx: PdSeedContext, existing: ExistingEnrolments, closedReported: Set<string>, todayIso: string, e: EnrolmentPlan): EnrolmentRun | null => {
  const cohort = ctx.cohortByKey.get(e.cohortKey)!;
  const cohortId = ctx.out.cohortIds[e.cohortKey];
  const educatorId = ctx.ids.educators[e.educatorPlanId];
  const tenantId = cohort.municipalityId ?? REGION;
  if (!cohortId || !educatorId || !ctx.ids.organizations[e.organizationPlanId]) {
    tally(ctx, 'enrolments', 'skipped');
    return null;
  }
  if (existing.unreadable.has(e.cohortKey) && existing.unreadMunicipalities.has(e.municipalityId)) {
    tally(ctx, 'enrolments', 'failed');
    return null;
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
    return null;
  }
  return { e, cohortId, educatorId, tenantId, id: row?.id, status: row?.status, step: 'applyForCohorts', sent: false };
};

/**
 * Phase 3: reads what exists, then drives every planned enrolment from where it is towards its
 * target, step by step over the whole plan (applications, then decisions, then results): what
 * people do in bulk (a school's nominees, a coordinator's approvals, a results sheet) goes as
 * one list command, what each person decides alone one by one.
 */
export const seedEnrolments = async (ctx: PdSeedContext) => {
  const existing = await readEnrolments(ctx, await operator(ctx));
  const closedReported = new Set<string>();
  const todayIso = ctx.today();
  const runs = ctx.pd.enrolments.map((e) => runOf(ctx, existing, closedReported, todayIso, e)).filter((r): r is EnrolmentRun => r !== null);
  await applyAll(ctx, runs);
  if (!aborted(ctx)) await decideAll(ctx, runs);
  if (!aborted(ctx)) await recordResults(ctx, runs);
  settle(ctx, runs);
};
