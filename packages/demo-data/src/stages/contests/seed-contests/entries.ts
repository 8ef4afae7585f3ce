/**
 * Per level, phases "entries" and "codes" of the contests seeding: each school's coordinator
 * enters its participants for the stage (`enterStudentsForStage`, a class in one commit) and
 * prints their codes (`issueParticipantCodes`). A later level waits until the protocols that
 * admit to it are final, and enters the planned participants the admission list holds. A re-run
 * reads the stage's entries and sends only what is missing.
 */
import { runPool } from '../../../runner/pool';
import type { ContestLevel, OlympiadStagePlan, ParticipantPlan } from '../contests-plan';
import type { ContestsPhase, LevelStep } from '../seed-contests';
import { aborted, codeOf, ContestsSeedContext, coordinator, fail, organiser, read, send, sleep, StageLive, tally, wait } from './context';
import { ADMISSION_LIST, CONTESTS_ENTRIES, ENTER_STUDENTS, ISSUE_CODES } from './documents';
import { liveStage, refreshStage } from './stages';

type EntryAnswer = { id: string; code: string | null; groupId: string; status: string };

/** `<stageId>~<studentId>`: the entry's id names its student. */
const studentOfEntry = (id: string) => id.slice(id.indexOf('~') + 1);

const remember = (live: StageLive, entries: readonly EntryAnswer[]) => {
  for (const e of entries) live.entries.set(studentOfEntry(e.id), { code: e.code, groupId: e.groupId, status: e.status });
};

/** The stage's entries as the read model has them, into `live.entries`. */
export const readEntries = async (ctx: ContestsSeedContext, s: OlympiadStagePlan, live: StageLive) => {
  const r = await read<{ olympiadStage: { entries: EntryAnswer[] } | null }>(ctx, CONTESTS_ENTRIES, { id: live.id }, await organiser(ctx, s));
  live.entries = new Map();
  remember(live, r.olympiadStage?.entries ?? []);
};

export const stagesAt = (ctx: ContestsSeedContext, level: ContestLevel) => ctx.plan.stages.filter((s) => s.level === level && ctx.out.stageIds[s.key]);

export const phaseOf = (level: ContestLevel, step: LevelStep): ContestsPhase => `${level.toLowerCase() as Lowercase<ContestLevel>}-${step}`;

/** Planned groups with a protocol (someone sat the olympiad in them). */
export const protocolGroups = (s: OlympiadStagePlan) => [...new Set(s.participants.filter((p) => !p.absent).map((p) => p.groupId))];

/** Every protocol of the stages that admit to `s` is final (as this run last saw them). */
const feedersFinal = async (ctx: ContestsSeedContext, s: OlympiadStagePlan): Promise<boolean> => {
  for (const key of s.feeders) {
    const feeder = ctx.stageByKey.get(key)!;
    if (!ctx.out.stageIds[key]) return false;
    const live = ctx.live.get(key) ?? (await refreshStage(ctx, feeder));
    if (!protocolGroups(feeder).every((g) => live.partitions.get(g)?.status === 'FINAL')) return false;
  }
  return true;
};

/** The admission list once it holds every planned entrant (the read model follows the finals a moment later), or whatever it holds after `settleMs`. */
const admitted = async (ctx: ContestsSeedContext, s: OlympiadStagePlan, live: StageLive): Promise<Set<string>> => {
  const wanted = s.participants.map((p) => ctx.out.studentIds[p.studentKey]).filter((id): id is string => !!id);
  const t0 = performance.now();
  for (;;) {
    const list = (await read<{ olympiadAdmissionList: { studentId: string }[] }>(ctx, ADMISSION_LIST, { id: live.id }, await organiser(ctx, s)))
      .olympiadAdmissionList;
    const ids = new Set(list.map((a) => a.studentId));
    if (wanted.every((id) => ids.has(id)) || performance.now() - t0 > ctx.settleMs || aborted(ctx)) return ids;
    await sleep(ctx, ctx.pollMs);
  }
};

interface SchoolEntries {
  s: OlympiadStagePlan;
  live: StageLive;
  org: string;
  municipalityId: string;
  studentIds: string[];
}

/** What a school still has to enter for the stage; counts what is entered already and what cannot be. */
const pendingOf = (ctx: ContestsSeedContext, s: OlympiadStagePlan, live: StageLive, admittedIds: Set<string> | null, phase: ContestsPhase): SchoolEntries[] => {
  const bySchool = new Map<string, ParticipantPlan[]>();
  for (const p of s.participants) (bySchool.get(p.organizationPlanId) ?? bySchool.set(p.organizationPlanId, []).get(p.organizationPlanId)!).push(p);
  const out: SchoolEntries[] = [];
  for (const [org, list] of bySchool) {
    const ids: string[] = [];
    for (const p of list) {
      const id = ctx.out.studentIds[p.studentKey];
      const consent = ctx.studentByKey.get(p.studentKey)!.input.consent;
      if (!id || !ctx.ids.organizations[org]) tally(ctx, phase, 'skipped');
      else if (live.entries.get(id)?.status === 'ENTERED') tally(ctx, phase, 'existing');
      else if (admittedIds && !admittedIds.has(id)) {
        ctx.out.notAdmitted++;
        tally(ctx, phase, 'skipped');
      } else if (!consent || consent.signedOn > live.consentDeadline) {
        fail(
          ctx,
          { command: 'precondition', phase, planId: p.studentKey, tenantId: p.municipalityId },
          new Error(`consent dated after the stage's deadline ${live.consentDeadline}`),
        );
        tally(ctx, phase, 'failed');
      } else ids.push(id);
    }
    if (ids.length) out.push({ s, live, org, municipalityId: list[0]!.municipalityId, studentIds: ids });
  }
  return out;
};

const enterSchool = async (ctx: ContestsSeedContext, w: SchoolEntries, phase: ContestsPhase) => {
  try {
    const token = await coordinator(ctx, w.municipalityId, w.org);
    for (let i = 0; i < w.studentIds.length && !aborted(ctx); i += 1000) {
      const studentIds = w.studentIds.slice(i, i + 1000);
      const r = await send<EntryAnswer[]>(
        ctx,
        'enterStudentsForStage',
        ENTER_STUDENTS,
        { input: { stageId: w.live.id, studentIds } },
        token,
        `${w.s.key}/${w.org}`,
        w.municipalityId,
      );
      remember(w.live, r!);
      tally(ctx, phase, 'created', studentIds.length);
    }
  } catch (err) {
    if (aborted(ctx)) return;
    if (codeOf(err, 'REGISTRATION_CLOSED')) {
      tally(ctx, phase, 'skipped', w.studentIds.length);
      wait(ctx, { phase, items: w.studentIds.length, reason: `registration closed on ${w.live.registrationTo} before these entries were made` });
      return;
    }
    fail(ctx, { command: 'enterStudentsForStage', phase, planId: `${w.s.key}/${w.org}`, tenantId: w.municipalityId }, err);
    tally(ctx, phase, 'failed', w.studentIds.length);
  }
};

/** Entries of a level: a later level only once the protocols admitting to it are final. */
export const seedEntries = async (ctx: ContestsSeedContext, level: ContestLevel) => {
  const phase = phaseOf(level, 'entries');
  const work: SchoolEntries[] = [];
  await runPool(
    stagesAt(ctx, level),
    Math.min(ctx.concurrency, 8),
    async (s) => {
      try {
        const live = await liveStage(ctx, s);
        let ids: Set<string> | null = null;
        if (level !== 'SCHOOL') {
          if (!(await feedersFinal(ctx, s))) {
            tally(ctx, phase, 'skipped', s.participants.length);
            wait(ctx, { phase, items: s.participants.length, reason: 'the previous level’s protocols are not final yet' });
            return;
          }
          ids = await admitted(ctx, s, live);
        }
        await readEntries(ctx, s, live);
        work.push(...pendingOf(ctx, s, live, ids, phase));
      } catch (err) {
        if (aborted(ctx)) return;
        fail(ctx, { command: 'read', phase, planId: s.key, tenantId: s.organiser }, err);
        tally(ctx, phase, 'failed', s.participants.length);
      }
    },
    ctx.signal,
  );
  await runPool(work, ctx.concurrency, (w) => enterSchool(ctx, w, phase), ctx.signal);
};

/** The planned participants of the stage who are entered, by school. */
const enteredBySchool = (ctx: ContestsSeedContext, s: OlympiadStagePlan, live: StageLive) => {
  const by = new Map<string, { municipalityId: string; coded: number; waiting: number }>();
  for (const p of s.participants) {
    const e = live.entries.get(ctx.out.studentIds[p.studentKey] ?? '');
    if (e?.status !== 'ENTERED') continue;
    const b =
      by.get(p.organizationPlanId) ?? by.set(p.organizationPlanId, { municipalityId: p.municipalityId, coded: 0, waiting: 0 }).get(p.organizationPlanId)!;
    if (e.code) b.coded++;
    else b.waiting++;
  }
  return by;
};

/** Until the read model shows every code this run knows of (assignment and score files read it), or `settleMs`. */
export const codesSettled = async (ctx: ContestsSeedContext, s: OlympiadStagePlan, live: StageLive) => {
  const known = new Map([...live.entries].filter(([, e]) => e.code));
  const t0 = performance.now();
  for (;;) {
    await readEntries(ctx, s, live);
    const missing = [...known].filter(([id, e]) => live.entries.get(id)?.code !== e.code);
    if (!missing.length || performance.now() - t0 > ctx.settleMs || aborted(ctx)) {
      for (const [id, e] of missing) live.entries.set(id, e);
      return;
    }
    await sleep(ctx, ctx.pollMs);
  }
};

/** Codes for every entered participant, school by school (the assignment waits for the read model to show them). */
export const seedCodes = async (ctx: ContestsSeedContext, level: ContestLevel) => {
  const phase = phaseOf(level, 'codes');
  const work: { s: OlympiadStagePlan; live: StageLive; org: string; municipalityId: string; waiting: number }[] = [];
  for (const s of stagesAt(ctx, level)) {
    const live = ctx.live.get(s.key);
    const by = live ? enteredBySchool(ctx, s, live) : new Map();
    let counted = 0;
    for (const [org, b] of by) {
      tally(ctx, phase, 'existing', b.coded);
      counted += b.coded + b.waiting;
      if (b.waiting) work.push({ s, live: live!, org, municipalityId: b.municipalityId, waiting: b.waiting });
    }
    tally(ctx, phase, 'skipped', s.participants.length - counted);
  }
  await runPool(
    work,
    ctx.concurrency,
    async (w) => {
      try {
        const r = await send<EntryAnswer[]>(
          ctx,
          'issueParticipantCodes',
          ISSUE_CODES,
          { stageId: w.live.id },
          await coordinator(ctx, w.municipalityId, w.org),
          `${w.s.key}/${w.org}`,
          w.municipalityId,
        );
        remember(w.live, r!);
        tally(ctx, phase, 'created', w.waiting);
      } catch (err) {
        if (aborted(ctx)) return;
        fail(ctx, { command: 'issueParticipantCodes', phase, planId: `${w.s.key}/${w.org}`, tenantId: w.municipalityId }, err);
        tally(ctx, phase, 'failed', w.waiting);
      }
    },
    ctx.signal,
  );
};
