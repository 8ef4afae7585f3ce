/**
 * Per level, phases "publication", "appeals" and "finals" of the contests seeding: the
 * organiser publishes each grade group's preliminary protocol; the participant's school
 * coordinator files the planned appeals and a member of the appeal commission decides each
 * after its preview; the organiser approves the final protocols. Approval needs the appeals
 * deadline passed (23:59 of the day after publication, the contests service's clock): before
 * it, the protocols wait (reported, not a failure) for a later run with the same plan.
 */
import { runPool } from '../../../runner/pool';
import type { AppealPlan, ContestLevel, OlympiadStagePlan } from '../contests-plan';
import {
  aborted,
  codeOf as errorCode,
  ContestsSeedContext,
  coordinator,
  fail,
  idempotencyKey,
  juror,
  organiser,
  PartitionLive,
  read,
  send,
  StageLive,
  tally,
  wait,
} from './context';
import { APPEAL_PREVIEW, APPROVE_FINAL, DECIDE_APPEAL, FILE_APPEAL, PUBLISH_PROTOCOLS } from './documents';
import { phaseOf, protocolGroups, readEntries, stagesAt } from './entries';
import { codeOf } from './scoring';
import { refreshStage } from './stages';

/** Every stage of the level the platform has, read afresh (protocols and appeals). */
const refreshed = async (ctx: ContestsSeedContext, level: ContestLevel, phase: ReturnType<typeof phaseOf>) => {
  const out: { s: OlympiadStagePlan; live: StageLive }[] = [];
  await runPool(
    stagesAt(ctx, level).filter((s) => ctx.live.has(s.key) && protocolGroups(s).length),
    Math.min(ctx.concurrency, 8),
    async (s) => {
      try {
        out.push({ s, live: await refreshStage(ctx, s) });
      } catch (err) {
        if (!aborted(ctx)) fail(ctx, { command: 'read', phase, planId: s.key, tenantId: s.organiser }, err);
      }
    },
    ctx.signal,
  );
  return out;
};

/** Publication: the organiser publishes each stage's grade groups with works at once (a group refused is this group's failure). */
export const seedPublication = async (ctx: ContestsSeedContext, level: ContestLevel) => {
  const phase = phaseOf(level, 'publication');
  await runPool(
    await refreshed(ctx, level, phase),
    ctx.concurrency,
    async ({ s, live }) => {
      const waiting: string[] = [];
      for (const g of protocolGroups(s)) {
        const p = live.partitions.get(g);
        if (!p) tally(ctx, phase, 'skipped');
        else if (p.status !== 'SCORING') tally(ctx, phase, 'existing');
        else waiting.push(g);
      }
      if (!waiting.length) return;
      const failed = (g: string, err: unknown) => {
        fail(ctx, { command: 'publishPreliminaryProtocols', phase, planId: `${s.key}/${g}`, tenantId: s.organiser }, err);
        tally(ctx, phase, 'failed');
      };
      try {
        const r = await send<{
          partitions: { groupId: string; status: PartitionLive['status']; appealsUntil: string }[];
          refused: { groupId: string; error: { code: string; message: string } }[];
        }>(ctx, 'publishPreliminaryProtocols', PUBLISH_PROTOCOLS, { stageId: live.id }, await organiser(ctx, s), s.key, s.organiser);
        for (const g of waiting) {
          const got = r!.partitions.find((x) => x.groupId === g && x.status !== 'SCORING');
          if (!got) {
            const why = r!.refused.find((x) => x.groupId === g)?.error;
            failed(g, new Error(why ? `${why.code}: ${why.message}` : `grade group ${g} was not published`));
            continue;
          }
          const p = live.partitions.get(g)!;
          p.status = got.status;
          p.appealsUntil = got.appealsUntil;
          tally(ctx, phase, 'created');
        }
      } catch (err) {
        if (aborted(ctx)) return;
        for (const g of waiting) failed(g, err);
      }
    },
    ctx.signal,
  );
};

type Filed = { appeals: PartitionLive['appeals'] };

/** Files the appeal (the coordinator) unless it is on the protocol already; answers its id, or null when it can no longer be filed. */
const filedAppeal = async (ctx: ContestsSeedContext, live: StageLive, a: AppealPlan, p: PartitionLive, code: string, phase: ReturnType<typeof phaseOf>) => {
  const on = p.appeals.find((x) => x.code === code && x.taskId === a.taskId);
  if (on) return on;
  if (p.status !== 'PRELIMINARY') {
    wait(ctx, { phase, items: 1, reason: `the protocol was ${p.status === 'FINAL' ? 'final' : 'not published'} before the appeal was filed` });
    return null;
  }
  const input = { stageId: live.id, studentId: ctx.out.studentIds[a.studentKey]!, taskId: a.taskId, kind: a.kind, statement: a.statement };
  try {
    const r = await send<Filed>(
      ctx,
      'fileOlympiadAppeal',
      FILE_APPEAL,
      { input },
      await coordinator(ctx, a.municipalityId, a.organizationPlanId),
      a.key,
      a.municipalityId,
      {
        idempotencyKey: idempotencyKey(ctx, `appeal|${a.key}`),
      },
    );
    const filed = r!.appeals.find((x) => x.code === code && x.taskId === a.taskId)!;
    p.appeals.push(filed);
    return filed;
  } catch (err) {
    if (!errorCode(err, 'APPEALS_CLOSED')) throw err;
    wait(ctx, { phase, items: 1, reason: `appeals closed (${p.appealsUntil}) before the appeal was filed` });
    return null;
  }
};

const seedAppeal = async (ctx: ContestsSeedContext, s: OlympiadStagePlan, live: StageLive, a: AppealPlan, phase: ReturnType<typeof phaseOf>) => {
  const participant = s.participants.find((x) => x.studentKey === a.studentKey)!;
  const code = codeOf(ctx, live, participant);
  const p = live.partitions.get(a.groupId);
  if (!code || !p || !ctx.out.studentIds[a.studentKey]) {
    tally(ctx, phase, 'skipped');
    return;
  }
  try {
    const filed = await filedAppeal(ctx, live, a, p, code, phase);
    if (!filed) {
      tally(ctx, phase, 'skipped');
      return;
    }
    if (filed.decided) {
      tally(ctx, phase, 'existing');
      return;
    }
    const member = s.jury.find((j) => j.educatorPlanId === a.decidedBy)!;
    const token = await juror(ctx, member.municipalityId, member.educatorPlanId);
    // The commission sees who would move before it decides, as its page does.
    await read(ctx, APPEAL_PREVIEW, { partitionId: p.id, appealId: filed.id, decision: a.decision, score: a.to }, token);
    const input = { partitionId: p.id, appealId: filed.id, decision: a.decision, score: a.to, reason: a.reason };
    await send(ctx, 'decideOlympiadAppeal', DECIDE_APPEAL, { input }, token, a.key, s.organiser);
    filed.decided = true;
    tally(ctx, phase, 'created');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'decideOlympiadAppeal', phase, planId: a.key, tenantId: a.municipalityId }, err);
    tally(ctx, phase, 'failed');
  }
};

/** Appeals: filed and decided, one partition's at a time (they share its stream). */
export const seedAppeals = async (ctx: ContestsSeedContext, level: ContestLevel) => {
  const phase = phaseOf(level, 'appeals');
  const stages = await refreshed(ctx, level, phase);
  for (const s of stagesAt(ctx, level)) if (!stages.some((x) => x.s.key === s.key)) tally(ctx, phase, 'skipped', s.appeals.length);
  await runPool(
    stages.filter(({ s }) => s.appeals.length),
    Math.min(ctx.concurrency, 8),
    async ({ s, live }) => {
      try {
        if (!live.entries.size) await readEntries(ctx, s, live);
      } catch (err) {
        if (!aborted(ctx)) fail(ctx, { command: 'read', phase, planId: s.key, tenantId: s.organiser }, err);
        tally(ctx, phase, 'failed', s.appeals.length);
        return;
      }
      for (const a of s.appeals) if (!aborted(ctx)) await seedAppeal(ctx, s, live, a, phase);
    },
    ctx.signal,
  );
};

/**
 * Finals: every published protocol, earliest deadline first. Once the service answers that
 * appeals are still open until X, every protocol whose deadline is X or later waits too (the
 * same clock): nothing more is sent for them.
 */
export const seedFinals = async (ctx: ContestsSeedContext, level: ContestLevel) => {
  const phase = phaseOf(level, 'finals');
  const items = (await refreshed(ctx, level, phase)).flatMap(({ s, live }) => protocolGroups(s).map((g) => ({ s, p: live.partitions.get(g), g })));
  let openUntil: string | null = null;
  const order = [...items].sort((a, b) => ((a.p?.appealsUntil ?? '') < (b.p?.appealsUntil ?? '') ? -1 : 1));
  for (const { s, p, g } of order) {
    if (aborted(ctx)) return;
    if (!p || p.status === 'SCORING') {
      tally(ctx, phase, 'skipped');
      if (p) wait(ctx, { phase, items: 1, reason: 'the protocol is not published' });
      continue;
    }
    if (p.status === 'FINAL') {
      tally(ctx, phase, 'existing');
      continue;
    }
    if (openUntil !== null && p.appealsUntil! >= openUntil) {
      tally(ctx, phase, 'skipped');
      wait(ctx, { phase, items: 1, until: p.appealsUntil!, reason: 'appeals are open until the deadline (the contests service’s clock)' });
      continue;
    }
    try {
      const r = await send<{ status: PartitionLive['status'] }>(
        ctx,
        'approveFinalProtocol',
        APPROVE_FINAL,
        { id: p.id },
        await organiser(ctx, s),
        `${s.key}/${g}`,
        s.organiser,
      );
      p.status = r!.status;
      tally(ctx, phase, 'created');
    } catch (err) {
      if (aborted(ctx)) return;
      if (errorCode(err, 'APPEALS_OPEN')) {
        openUntil = p.appealsUntil;
        tally(ctx, phase, 'skipped');
        wait(ctx, { phase, items: 1, until: p.appealsUntil!, reason: 'appeals are open until the deadline (the contests service’s clock)' });
        continue;
      }
      fail(ctx, { command: 'approveFinalProtocol', phase, planId: `${s.key}/${g}`, tenantId: s.organiser }, err);
      tally(ctx, phase, 'failed');
    }
  }
};
