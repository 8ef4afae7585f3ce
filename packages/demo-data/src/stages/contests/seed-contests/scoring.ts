/**
 * Per level, phases "assignment", "scores" and "third-checks" of the contests seeding: the
 * organiser hands the coded works to the jury (`assignOlympiadWorks`: the service's rule, never
 * a juror of the work's school), uploads the stage's score file through the gateway's upload
 * route (one file per stage: the jurors' scores, and in double scoring the juror column and most
 * third checks), and the few third checks left to the jurors' own hand are recorded by the
 * juror the service designates (`recordOlympiadScore`). A re-run sends nothing for a stage whose
 * protocols hold every planned score or are published.
 */
import { createHash } from 'node:crypto';
import { runPool } from '../../../runner/pool';
import { ContestLevel, OlympiadStagePlan, ParticipantPlan, scoreFileCsv, scoreFileLines } from '../contests-plan';
import { aborted, ContestsSeedContext, fail, juror, organiser, read, send, sleep, StageLive, tally, upload } from './context';
import { ASSIGN_WORKS, CONTESTS_ASSIGNMENTS, MY_JURY_WORKS, RECORD_SCORE, SCORE_IMPORT } from './documents';
import { codesSettled, phaseOf, protocolGroups, stagesAt } from './entries';
import { refreshStage } from './stages';

type Assigned = { id: string; groupId: string; assignments: { code: string; jurorIds: string[] }[] | null };

/** The jurors of each work, and the protocols the assignment opened (the read model shows them a moment later). */
const rememberAssignments = (live: StageLive, partitions: readonly Assigned[]) => {
  for (const p of partitions) {
    for (const a of p.assignments ?? []) live.assignments.set(a.code, [...a.jurorIds].sort());
    if (!live.partitions.has(p.groupId))
      live.partitions.set(p.groupId, { id: p.id, groupId: p.groupId, status: 'SCORING', marks: 0, appealsUntil: null, appeals: [] });
  }
};

/** The participant's code, as the platform issued it. */
export const codeOf = (ctx: ContestsSeedContext, live: StageLive, p: ParticipantPlan) => live.entries.get(ctx.out.studentIds[p.studentKey] ?? '')?.code ?? null;

/** Codes of the planned participants (absent ones too: their works are assigned, never scored). */
const plannedCodes = (ctx: ContestsSeedContext, s: OlympiadStagePlan, live: StageLive) =>
  s.participants.map((p) => codeOf(ctx, live, p)).filter((c): c is string => !!c);

/** Every coded work to the jury; the service reads the codes from its read model, so a work it does not see yet is asked for again. */
export const seedAssignment = async (ctx: ContestsSeedContext, level: ContestLevel) => {
  const phase = phaseOf(level, 'assignment');
  await runPool(
    stagesAt(ctx, level),
    Math.min(ctx.concurrency, 8),
    async (s) => {
      const live = ctx.live.get(s.key);
      const codes = live ? plannedCodes(ctx, s, live) : [];
      if (!live || !codes.length) {
        tally(ctx, phase, 'skipped');
        return;
      }
      try {
        // The service assigns the coded works its read model shows: wait until it shows this run's codes.
        await codesSettled(ctx, s, live);
        const r = await read<{ olympiadStage: { partitions: Assigned[] } | null }>(ctx, CONTESTS_ASSIGNMENTS, { id: live.id }, await organiser(ctx, s));
        rememberAssignments(live, r.olympiadStage?.partitions ?? []);
        if (codes.every((c) => live.assignments.has(c))) {
          tally(ctx, phase, 'existing');
          return;
        }
        const t0 = performance.now();
        for (;;) {
          const a = await send<Assigned[]>(ctx, 'assignOlympiadWorks', ASSIGN_WORKS, { stageId: live.id }, await organiser(ctx, s), s.key, s.organiser);
          rememberAssignments(live, a!);
          const left = codes.filter((c) => !live.assignments.has(c));
          if (!left.length) break;
          if (performance.now() - t0 > ctx.settleMs || aborted(ctx))
            throw new Error(`${left.length} coded work(s) still not assigned (e.g. ${left.slice(0, 3).join(', ')})`);
          await sleep(ctx, ctx.pollMs);
        }
        tally(ctx, phase, 'created');
      } catch (err) {
        if (aborted(ctx)) return;
        fail(ctx, { command: 'assignOlympiadWorks', phase, planId: s.key, tenantId: s.organiser }, err);
        tally(ctx, phase, 'failed');
      }
    },
    ctx.signal,
  );
};

/** Marks a group's protocol holds once the score file (and the jurors' third checks) are in. */
const expectedMarks = (s: OlympiadStagePlan, groupId: string, withJurorThirds: boolean) =>
  s.participants
    .filter((p) => p.groupId === groupId && !p.absent)
    .reduce(
      (a, p) =>
        a + p.marks.reduce((b, m) => b + Math.min(2, m.scores.length) + (m.thirdBy === 'FILE' || (withJurorThirds && m.thirdBy === 'JUROR') ? 1 : 0), 0),
      0,
    );

/** The jury as the score file names it: the directory's ids of each member and of their school. */
const juryIds = (ctx: ContestsSeedContext, s: OlympiadStagePlan) =>
  s.jury
    .filter((j) => ctx.ids.educators[j.educatorPlanId] && ctx.ids.organizations[j.organizationPlanId])
    .map((j) => ({ jurorId: ctx.ids.educators[j.educatorPlanId]!, schoolId: ctx.ids.organizations[j.organizationPlanId]! }));

interface UploadAnswer {
  import?: { status: string; receivedLines: number; applied: number; rejected: number };
  rerun?: boolean;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Reports the lines the service refused (the first three), as one failure of the file. */
const reportRejected = async (ctx: ContestsSeedContext, s: OlympiadStagePlan, importId: string, rejected: number, phase: ReturnType<typeof phaseOf>) => {
  const r = await read<{ olympiadScoreImport: { problems: { line: number; message: string }[] } | null }>(
    ctx,
    SCORE_IMPORT,
    { id: importId },
    await organiser(ctx, s),
  );
  const first = (r.olympiadScoreImport?.problems ?? [])
    .slice(0, 3)
    .map((p) => `line ${p.line}: ${p.message}`)
    .join('; ');
  fail(ctx, { command: 'uploadScores', phase, planId: s.key, tenantId: s.organiser }, new Error(`${rejected} line(s) of ${importId} refused: ${first}`));
};

const uploadStage = async (ctx: ContestsSeedContext, s: OlympiadStagePlan, live: StageLive, phase: ReturnType<typeof phaseOf>) => {
  const orgIdOf = (p: ParticipantPlan) => ctx.ids.organizations[p.organizationPlanId]!;
  const { lines, missing } = scoreFileLines(
    s,
    (p) => {
      const code = codeOf(ctx, live, p);
      const jurorIds = code ? live.assignments.get(code) : undefined;
      return code && jurorIds ? { code, jurorIds, schoolId: orgIdOf(p) } : null;
    },
    juryIds(ctx, s),
  );
  ctx.out.scores.missingWorks += missing;
  if (missing)
    ctx.out.warnings.push(`${s.key}: ${missing} planned work(s) or third check(s) cannot go into the score file (no code, assignment or eligible third juror)`);
  if (!lines.length) {
    tally(ctx, phase, 'skipped');
    return;
  }
  const csv = scoreFileCsv(lines, s.scoringMode === 'DOUBLE');
  const importId = `scores-${ctx.plan.planTag}-${createHash('sha256').update(`${s.key}\n${csv}`).digest('hex').slice(0, 16)}`;
  const r = await upload(ctx, { stageId: live.id, importId, wait: 'true' }, csv, await organiser(ctx, s), s.key, s.organiser);
  const body = r.body as UploadAnswer;
  if (r.status !== 200 || !body.import) {
    const message = body.errors?.map((e) => `[${e.extensions?.code ?? r.status}] ${e.message}`).join('; ') ?? `HTTP ${r.status}`;
    throw new Error(`score file ${importId}: ${message}`);
  }
  const { applied, rejected, receivedLines } = body.import;
  ctx.out.scores.files++;
  ctx.out.scores.lines += receivedLines;
  ctx.out.scores.applied += applied;
  ctx.out.scores.rejected += rejected;
  if (body.rerun) ctx.out.scores.reruns++;
  if (rejected) await reportRejected(ctx, s, importId, rejected, phase);
  tally(ctx, phase, body.rerun ? 'existing' : 'created');
};

/** One score file per stage whose protocols still wait for planned scores. */
export const seedScores = async (ctx: ContestsSeedContext, level: ContestLevel) => {
  const phase = phaseOf(level, 'scores');
  await runPool(
    stagesAt(ctx, level),
    Math.min(ctx.concurrency, 8),
    async (s) => {
      const live = ctx.live.get(s.key);
      const groups = protocolGroups(s);
      if (!live || !groups.length || !plannedCodes(ctx, s, live).length) {
        tally(ctx, phase, 'skipped');
        return;
      }
      try {
        await refreshStage(ctx, s);
        const done = groups.every((g) => {
          const p = live.partitions.get(g);
          return p && (p.status !== 'SCORING' || p.marks >= expectedMarks(s, g, false));
        });
        if (done) tally(ctx, phase, 'existing');
        else await uploadStage(ctx, s, ctx.live.get(s.key)!, phase);
      } catch (err) {
        if (aborted(ctx)) return;
        fail(ctx, { command: 'uploadScores', phase, planId: s.key, tenantId: s.organiser }, err);
        tally(ctx, phase, 'failed');
      }
    },
    ctx.signal,
  );
};

interface JuryWork {
  code: string;
  tasks: { taskId: string; thirdCheck: boolean }[];
}

/** `9-ABC234` → `9`: a code names its grade group. */
const groupOfCode = (code: string) => code.slice(0, code.lastIndexOf('-'));

/**
 * Who the service asks for a third check: a juror of the stage not of the work's school and
 * not one of its two jurors, the least loaded in its grade group first (partitions/third-checks.ts).
 * The seeder asks the candidates in that order whether the check is on their list
 * (`myJuryWorks`, with their own token), as a juror would see it.
 */
const designatedJuror = async (ctx: ContestsSeedContext, s: OlympiadStagePlan, live: StageLive, p: ParticipantPlan, code: string, taskId: string) => {
  const assigned = live.assignments.get(code) ?? [];
  const group = groupOfCode(code);
  const load = (jurorId: string) => [...live.assignments].filter(([c, js]) => groupOfCode(c) === group && js.includes(jurorId)).length;
  const candidates = s.jury
    .filter(
      (j) => ctx.ids.educators[j.educatorPlanId] && j.organizationPlanId !== p.organizationPlanId && !assigned.includes(ctx.ids.educators[j.educatorPlanId]!),
    )
    .map((j) => ({ j, id: ctx.ids.educators[j.educatorPlanId]! }))
    .sort((a, b) => load(a.id) - load(b.id) || (a.id < b.id ? -1 : 1));
  for (const { j } of candidates) {
    const token = await juror(ctx, j.municipalityId, j.educatorPlanId);
    const works = (await read<{ myJuryWorks: JuryWork[] }>(ctx, MY_JURY_WORKS, { stageId: live.id }, token)).myJuryWorks;
    if (works.some((w) => w.code === code && w.tasks.some((t) => t.taskId === taskId && t.thirdCheck))) return token;
  }
  return null;
};

/** The third checks planned for the jurors' own hand, each recorded by the juror the service designates at that moment. */
export const seedThirdChecks = async (ctx: ContestsSeedContext, level: ContestLevel) => {
  const phase = phaseOf(level, 'third-checks');
  await runPool(
    stagesAt(ctx, level),
    Math.min(ctx.concurrency, 4),
    async (s) => {
      const planned = s.participants.flatMap((p) => p.marks.filter((m) => m.thirdBy === 'JUROR').map((m) => ({ p, m })));
      if (!planned.length) return;
      const live = ctx.live.get(s.key);
      if (!live) {
        tally(ctx, phase, 'skipped', planned.length);
        return;
      }
      try {
        await refreshStage(ctx, s);
        const scoring = (p: ParticipantPlan) => live.partitions.get(p.groupId)?.status === 'SCORING';
        const open = planned.filter(({ p }) => scoring(p) && codeOf(ctx, live, p));
        tally(ctx, phase, 'existing', planned.filter(({ p }) => live.partitions.has(p.groupId) && !scoring(p)).length);
        tally(ctx, phase, 'skipped', planned.filter(({ p }) => !live.partitions.has(p.groupId) || (scoring(p) && !codeOf(ctx, live, p))).length);
        // One at a time: a recorded third check changes the loads, and so who is asked for the next one.
        for (const { p, m } of open) {
          if (aborted(ctx)) return;
          const code = codeOf(ctx, live, p)!;
          const token = await designatedJuror(ctx, s, live, p, code, m.taskId);
          if (!token) {
            // Nobody is asked for it: recorded before (or its first scores are not in; the publication says so).
            tally(ctx, phase, 'existing');
            continue;
          }
          const input = { code, taskId: m.taskId, score: m.scores[2]! };
          await send(ctx, 'recordOlympiadScore', RECORD_SCORE, { input }, token, `${s.key}/${p.studentKey}/${m.taskId}`, s.organiser);
          tally(ctx, phase, 'created');
        }
      } catch (err) {
        if (aborted(ctx)) return;
        fail(ctx, { command: 'recordOlympiadScore', phase, planId: s.key, tenantId: s.organiser }, err);
        tally(ctx, phase, 'failed');
      }
    },
    ctx.signal,
  );
};
