/**
 * Phase 3 of the PD seeding: every planned enrolment driven from the status it has towards its
 * target (apply → approve or reject or withdraw → complete or mark not completed), so an
 * interrupted run is finished where it stopped. Cohort by cohort, step by step: a school's
 * nominees, a coordinator's approvals and a results sheet go as list commands.
 */
import { runGroupedPool, runPool, spreadByGroup } from '../../../runner/pool';
import type { EnrolmentPlan, EnrolmentTarget } from '../pd-plan';
import type { PdCommand } from '../seed-professional-development';
import { aborted, coordinator, fail, operator, ownerToken, PdSeedContext, readAll, REGION, send, tally, teacher } from './context';
import {
  APPLY_FOR_COHORT,
  APPROVE_ENROLMENTS,
  COMPLETE_ENROLMENTS,
  MARK_ENROLMENT_NOT_COMPLETED,
  NOMINATE_FOR_COHORT,
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
const listsOf = (runs: EnrolmentRun[], key: (r: EnrolmentRun) => string): EnrolmentRun[][] => {
  const groups = new Map<string, EnrolmentRun[]>();
  for (const r of runs) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.values()].flatMap((g) => Array.from({ length: Math.ceil(g.length / LIST_CHUNK) }, (_, i) => g.slice(i * LIST_CHUNK, (i + 1) * LIST_CHUNK)));
};

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

/**
 * One person's own acts (a teacher's application or withdrawal, a rejection, a non-completion),
 * one command each: one at a time per cohort (they write to its stream, where concurrent
 * commands only conflict), cohorts side by side.
 */
const oneByOne = (ctx: PdSeedContext, runs: EnrolmentRun[], act: (run: EnrolmentRun) => Promise<void>) => {
  const byCohort = (r: EnrolmentRun) => r.e.cohortKey;
  return runGroupedPool(spreadByGroup(runs, byCohort), byCohort, ctx.concurrency, 1, act, ctx.signal);
};

/** Lists side by side (each is one command). */
const inLists = (ctx: PdSeedContext, lists: EnrolmentRun[][], send: (list: EnrolmentRun[]) => Promise<void>) =>
  runPool(lists, ctx.concurrency, send, ctx.signal);

/** Applications: teachers one by one, each school's nominees for a cohort as the coordinator's list. */
const applyAll = async (ctx: PdSeedContext, runs: EnrolmentRun[]) => {
  const pending = runs.filter((r) => !r.id);
  await oneByOne(
    ctx,
    pending.filter((r) => r.e.appliedBy === 'SELF'),
    async (run) => {
      try {
        await applySelf(ctx, run);
      } catch (err) {
        run.failed = err;
      }
    },
  );
  const nominees = listsOf(
    pending.filter((r) => r.e.appliedBy === 'COORDINATOR'),
    (r) => `${r.e.cohortKey}|${r.e.organizationPlanId}`,
  );
  await inLists(ctx, nominees, async (list) => {
    const { e, cohortId } = list[0]!;
    const variables = { input: { cohortId, educatorIds: list.map((r) => r.educatorId) } };
    await sendList(
      ctx,
      list,
      'nominateForCohort',
      NOMINATE_FOR_COHORT,
      variables,
      await coordinator(ctx, e.municipalityId, e.organizationPlanId),
      async (run, o) => {
        if (o.error?.code !== 'ALREADY_ENROLLED') return false;
        await findEarlier(ctx, run);
        return true;
      },
    );
  });
};

/** From APPLIED: rejections and withdrawals one by one; a school's approvals (of every cohort) as its coordinator's list. */
const decideAll = async (ctx: PdSeedContext, runs: EnrolmentRun[]) => {
  const applied = live(runs, (r) => r.status === 'APPLIED' && r.e.target !== 'APPLIED');
  const coord = (e: EnrolmentPlan) => coordinator(ctx, e.municipalityId, e.organizationPlanId);
  await oneByOne(
    ctx,
    applied.filter((r) => r.e.target === 'REJECTED' || r.e.target === 'WITHDRAWN'),
    async (run) => {
      const { e, id } = run;
      if (e.target === 'REJECTED') return move(ctx, run, 'rejectEnrolment', REJECT_ENROLMENT, { input: { enrolmentId: id, reason: e.reason } }, await coord(e));
      const input = { enrolmentId: id, ...(e.reason ? { reason: e.reason } : {}) };
      await move(ctx, run, 'withdrawEnrolment', WITHDRAW_ENROLMENT, { input }, await teacher(ctx, e.municipalityId, e.organizationPlanId, e.educatorPlanId));
    },
  );
  const approvals = listsOf(
    applied.filter((r) => r.e.target !== 'REJECTED' && r.e.target !== 'WITHDRAWN'),
    (r) => r.e.organizationPlanId,
  );
  await inLists(ctx, approvals, async (list) =>
    sendList(ctx, list, 'approveEnrolments', APPROVE_ENROLMENTS, { enrolmentIds: list.map((r) => r.id) }, await coord(list[0]!.e)),
  );
};

/** Whose results sheet a completion is on: the cohort owner's (per cohort) or the learner's school coordinator's (every cohort). */
const sheetOf = (r: EnrolmentRun) => (r.e.resultBy === 'OWNER' ? `owner|${r.e.cohortKey}` : `school|${r.e.organizationPlanId}`);

/** From ENROLLED: non-completions one by one, certificates as each recorder's results sheet. */
const recordResults = async (ctx: PdSeedContext, runs: EnrolmentRun[]) => {
  const enrolled = live(runs, (r) => r.status === 'ENROLLED' && (r.e.target === 'COMPLETED' || r.e.target === 'NOT_COMPLETED'));
  const recorder = (e: EnrolmentPlan) =>
    e.resultBy === 'OWNER' ? ownerToken(ctx, ctx.cohortByKey.get(e.cohortKey)!.municipalityId) : coordinator(ctx, e.municipalityId, e.organizationPlanId);
  await oneByOne(
    ctx,
    enrolled.filter((r) => r.e.target === 'NOT_COMPLETED'),
    async (run) =>
      move(
        ctx,
        run,
        'markEnrolmentNotCompleted',
        MARK_ENROLMENT_NOT_COMPLETED,
        { input: { enrolmentId: run.id, reason: run.e.reason } },
        await recorder(run.e),
      ),
  );
  const sheets = listsOf(
    enrolled.filter((r) => r.e.target === 'COMPLETED'),
    sheetOf,
  );
  await inLists(ctx, sheets, async (list) => {
    const input = list.map(({ id, e }) => ({
      enrolmentId: id,
      certificateNumber: e.certificate!.number,
      hours: e.certificate!.hours,
      issuedOn: e.certificate!.issuedOn,
    }));
    await sendList(ctx, list, 'completeEnrolments', COMPLETE_ENROLMENTS, { input }, await recorder(list[0]!.e));
  });
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
  return { e, cohortId, educatorId, tenantId, id: row?.id, status: row?.status, step: 'nominateForCohort', sent: false };
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
