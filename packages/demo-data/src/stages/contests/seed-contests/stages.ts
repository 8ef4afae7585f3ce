/**
 * Phases 2–4 of the contests seeding: every stage of the year scheduled by its organiser (a
 * municipality's methodologist, the regional operator), its jury appointed, and the passing
 * scores into the municipal and regional stages set. A re-run finds a stage by organiser,
 * level, subject and title, and sends a jury or passing scores only when they differ.
 */
import { runPool } from '../../../runner/pool';
import { GraphQLRequestError } from '../../../runner/graphql-client';
import type { OlympiadStagePlan } from '../contests-plan';
import { aborted, ContestsSeedContext, fail, idempotencyKey, organiser, PartitionLive, read, REGION, send, sleep, StageLive, tally } from './context';
import { APPOINT_JURY, CONTESTS_STAGE, CONTESTS_STAGES, SCHEDULE_STAGE, SET_PASSING_SCORES } from './documents';

interface StageRow {
  id: string;
  title: string;
  level: string;
  subject: string;
  status: string;
}

const naturalKey = (level: string, subject: string, title: string) => `${level}|${subject}|${title}`;

/** The organiser's stages of the year by natural key (scheduled ones; the first by id). */
const readOrganiserStages = async (ctx: ContestsSeedContext, sample: OlympiadStagePlan): Promise<Map<string, string>> => {
  const rows = (await read<{ olympiadStages: StageRow[] }>(ctx, CONTESTS_STAGES, { year: ctx.plan.academicYear }, await organiser(ctx, sample))).olympiadStages;
  const found = new Map<string, string>();
  for (const r of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1)))
    if (r.status === 'SCHEDULED' && !found.has(naturalKey(r.level, r.subject, r.title))) found.set(naturalKey(r.level, r.subject, r.title), r.id);
  return found;
};

/** The stages whose organiser the platform has (the region always). */
export const seedableStages = (ctx: ContestsSeedContext) => ctx.plan.stages.filter((s) => s.organiser === REGION || ctx.ids.municipalities[s.organiser]);

/** Phase 2: every stage, found or scheduled. */
export const seedStageSchedule = async (ctx: ContestsSeedContext) => {
  const stages = seedableStages(ctx);
  tally(ctx, 'stages', 'skipped', ctx.plan.stages.length - stages.length);
  const byOrganiser = new Map<string, OlympiadStagePlan[]>();
  for (const s of stages) (byOrganiser.get(s.organiser) ?? byOrganiser.set(s.organiser, []).get(s.organiser)!).push(s);
  await runPool(
    [...byOrganiser.values()],
    Math.min(ctx.concurrency, 8),
    async (list) => {
      let found: Map<string, string>;
      try {
        found = await readOrganiserStages(ctx, list[0]!);
      } catch (err) {
        if (aborted(ctx)) return;
        fail(ctx, { command: 'read', phase: 'stages', planId: list[0]!.organiser, tenantId: list[0]!.organiser }, err);
        tally(ctx, 'stages', 'failed', list.length);
        return;
      }
      for (const s of list) {
        if (aborted(ctx)) return;
        const id = found.get(naturalKey(s.level, s.subject, s.input.title));
        if (id) {
          ctx.out.stageIds[s.key] = id;
          tally(ctx, 'stages', 'existing');
          continue;
        }
        try {
          const r = await send<{ id: string }>(ctx, 'scheduleOlympiadStage', SCHEDULE_STAGE, { input: s.input }, await organiser(ctx, s), s.key, s.organiser, {
            idempotencyKey: idempotencyKey(ctx, `stage|${s.key}`),
          });
          ctx.out.stageIds[s.key] = r!.id;
          tally(ctx, 'stages', 'created');
        } catch (err) {
          if (aborted(ctx)) return;
          fail(ctx, { command: 'scheduleOlympiadStage', phase: 'stages', planId: s.key, tenantId: s.organiser }, err);
          tally(ctx, 'stages', 'failed');
        }
      }
    },
    ctx.signal,
  );
};

interface StageDetail {
  id: string;
  consentDeadline: string;
  registrationTo: string;
  jury: StageLive['jury'] | null;
  passingScores: StageLive['passingScores'] | null;
  partitions: PartitionLive[];
}

const STATUS_RANK: Record<PartitionLive['status'], number> = { SCORING: 0, PRELIMINARY: 1, FINAL: 2 };

/**
 * A protocol as read, with what this run's own commands answered: the read model follows the
 * commands a moment later, so a publication, an approval, an appeal or marks this run already
 * saw are never taken back by an older read.
 */
const merged = (known: PartitionLive | undefined, read: PartitionLive): PartitionLive => {
  if (!known) return read;
  const ahead = STATUS_RANK[known.status] > STATUS_RANK[read.status];
  const appeals = read.appeals.map((a) => ({ ...a, decided: a.decided || !!known.appeals.find((k) => k.id === a.id)?.decided }));
  for (const a of known.appeals) if (!appeals.some((x) => x.id === a.id)) appeals.push(a);
  return {
    ...read,
    status: ahead ? known.status : read.status,
    appealsUntil: ahead ? known.appealsUntil : read.appealsUntil,
    marks: Math.max(known.marks, read.marks),
    appeals,
  };
};

/** Reads the stage as its organiser sees it into `ctx.live` (updated in place; entries and assignments kept; see `merged`). */
export const refreshStage = async (ctx: ContestsSeedContext, s: OlympiadStagePlan): Promise<StageLive> => {
  const d = (await read<{ olympiadStage: StageDetail | null }>(ctx, CONTESTS_STAGE, { id: ctx.out.stageIds[s.key] }, await organiser(ctx, s))).olympiadStage;
  if (!d) throw new Error(`stage ${s.key} (${ctx.out.stageIds[s.key]}) is not in the platform's read model yet`);
  const live = ctx.live.get(s.key);
  const fresh = {
    id: d.id,
    consentDeadline: d.consentDeadline,
    registrationTo: d.registrationTo,
    jury: d.jury ?? [],
    passingScores: d.passingScores ?? [],
    partitions: new Map(d.partitions.map((p) => [p.groupId, merged(live?.partitions.get(p.groupId), p)])),
  };
  for (const [g, p] of live?.partitions ?? []) if (!fresh.partitions.has(g)) fresh.partitions.set(g, p);
  // The same object all along: phases hold on to it; entries and assignments are read elsewhere.
  if (live) return Object.assign(live, fresh);
  const created: StageLive = { ...fresh, entries: new Map(), assignments: new Map() };
  ctx.live.set(s.key, created);
  return created;
};

/** The stage in `ctx.live`, read once the read model has it (a stage just scheduled may take a moment). */
export const liveStage = async (ctx: ContestsSeedContext, s: OlympiadStagePlan): Promise<StageLive> => {
  const known = ctx.live.get(s.key);
  if (known) return known;
  const t0 = performance.now();
  for (;;) {
    try {
      return await refreshStage(ctx, s);
    } catch (err) {
      if (err instanceof GraphQLRequestError || performance.now() - t0 > ctx.settleMs || aborted(ctx)) throw err;
      await sleep(ctx, ctx.pollMs);
    }
  }
};

/** The directory has not told contests about an educator yet (it follows the directory's events). */
const unknownEducator = (err: unknown) => err instanceof GraphQLRequestError && JSON.stringify(err.errors).includes('not an active educator');

const sameJury = (live: StageLive['jury'], planned: { jurorId: string; chair: boolean; appealCommission: boolean }[]) =>
  live.length === planned.length &&
  planned.every((p) => live.some((l) => l.jurorId === p.jurorId && l.chair === p.chair && l.appealCommission === p.appealCommission));

const seedJury = async (ctx: ContestsSeedContext, s: OlympiadStagePlan) => {
  try {
    const live = await liveStage(ctx, s);
    const members = s.jury.filter((j) => ctx.ids.educators[j.educatorPlanId]);
    if (members.length < s.jury.length) ctx.out.warnings.push(`${s.key}: ${s.jury.length - members.length} juror(s) not in the directory`);
    const planned = members.map((j) => ({ jurorId: ctx.ids.educators[j.educatorPlanId]!, chair: j.chair, appealCommission: j.appealCommission }));
    if (sameJury(live.jury, planned)) {
      tally(ctx, 'juries', 'existing');
      return;
    }
    const input = { stageId: live.id, members: planned.map((p) => ({ educatorId: p.jurorId, chair: p.chair, appealCommission: p.appealCommission })) };
    const t0 = performance.now();
    for (;;) {
      try {
        await send(ctx, 'appointOlympiadJury', APPOINT_JURY, { input }, await organiser(ctx, s), s.key, s.organiser);
        break;
      } catch (err) {
        if (!unknownEducator(err) || performance.now() - t0 > ctx.settleMs || aborted(ctx)) throw err;
        await sleep(ctx, ctx.pollMs);
      }
    }
    live.jury = planned;
    tally(ctx, 'juries', 'created');
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'appointOlympiadJury', phase: 'juries', planId: s.key, tenantId: s.organiser }, err);
    tally(ctx, 'juries', 'failed');
  }
};

/** Phase 3: every scheduled stage's jury (contests learns the educators from the directory's events: refused ones are tried again for a while). */
export const seedJuries = async (ctx: ContestsSeedContext) => {
  const stages = ctx.plan.stages.filter((s) => ctx.out.stageIds[s.key]);
  tally(ctx, 'juries', 'skipped', ctx.plan.stages.length - stages.length);
  await runPool(stages, ctx.concurrency, (s) => seedJury(ctx, s), ctx.signal);
};

const samePassing = (a: readonly { groupId: string; score: number }[], b: readonly { groupId: string; score: number }[]) =>
  a.length === b.length && b.every((x) => a.some((y) => y.groupId === x.groupId && y.score === x.score));

/** Phase 4: the passing scores into each municipal and regional stage, by its organiser. */
export const seedPassingScores = async (ctx: ContestsSeedContext) => {
  const stages = ctx.plan.stages.filter((s) => s.passingScores.length);
  const known = stages.filter((s) => ctx.out.stageIds[s.key]);
  tally(ctx, 'passing-scores', 'skipped', stages.length - known.length);
  await runPool(
    known,
    ctx.concurrency,
    async (s) => {
      try {
        const live = await liveStage(ctx, s);
        if (samePassing(live.passingScores, s.passingScores)) {
          tally(ctx, 'passing-scores', 'existing');
          return;
        }
        await send(
          ctx,
          'setOlympiadPassingScores',
          SET_PASSING_SCORES,
          { input: { stageId: live.id, scores: s.passingScores } },
          await organiser(ctx, s),
          s.key,
          s.organiser,
        );
        live.passingScores = s.passingScores;
        tally(ctx, 'passing-scores', 'created');
      } catch (err) {
        if (aborted(ctx)) return;
        fail(ctx, { command: 'setOlympiadPassingScores', phase: 'passing-scores', planId: s.key, tenantId: s.organiser }, err);
        tally(ctx, 'passing-scores', 'failed');
      }
    },
    ctx.signal,
  );
};
