import type { RequestContext } from '@mms/auth';
import { CommandContext, invalid } from '@mms/eventsourcing/core';
import { actorContext, checked, Checks, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { ContestsDeps } from '../contests.deps';
import { LOCATED, streams } from '../contests.streams';
import { GradeGroup, LEVELS, StageLevel } from './grades';
import { JuryMember, Olympiad, StageCommand, stageDecider, StagePlan, StageState } from './stage.decider';
import { DEFAULT_SETTINGS, StageSettings } from './stage.settings';
import type { StageView } from './stage.views';
import { isVsoshSubject } from './subjects';

interface GroupInput {
  groupId: string;
  grades: number[];
  tasks: { taskId: string; maxPoints: number; thirdCheckThreshold?: number | null }[];
}
type SettingsInput = Partial<Omit<StageSettings, 'quotas'>> & { quotas?: StageSettings['quotas'] | null };

const groupsOf = (groups: GroupInput[]): GradeGroup[] =>
  groups.map((g) => ({
    groupId: String(g.groupId).trim(),
    grades: g.grades,
    tasks: g.tasks.map((t) => ({ taskId: String(t.taskId).trim(), maxPoints: t.maxPoints, thirdCheckThreshold: t.thirdCheckThreshold ?? 2 })),
  }));

/** Settings given over the current ones (defaults for a new stage); nulls keep what is there. */
export const settingsOver = (base: StageSettings, input: SettingsInput | null | undefined): StageSettings => {
  const i = input ?? {};
  return {
    consentLeadWorkingDays: i.consentLeadWorkingDays ?? base.consentLeadWorkingDays,
    holidays: i.holidays ?? base.holidays,
    scoringMode: i.scoringMode ?? base.scoringMode,
    agreeingFinal: i.agreeingFinal ?? base.agreeingFinal,
    quotas: i.quotas ?? base.quotas,
    appealDays: i.appealDays ?? base.appealDays,
  };
};

const checkTitle = (c: Checks, title: string | null | undefined) => c.text('title', title, { max: 300, required: true })!;

export interface ScheduleInput {
  kind: Olympiad['kind'];
  title: string;
  academicYear: string;
  subject: string;
  level: StageLevel;
  startsOn: string;
  endsOn: string;
  registrationFrom: string;
  registrationTo: string;
  groups: GroupInput[];
  settings?: SettingsInput | null;
}

/** A stage of an olympiad, by its organiser (the level says whose): the rules are the decider's. */
export const scheduleStage = async (d: ContestsDeps, req: RequestContext, input: ScheduleInput): Promise<StageView> => {
  const { user, tenantId } = access.stageScheduler(req.user, input.level);
  const plan = checked('stage', (c): StagePlan => {
    const title = checkTitle(c, input.title);
    c.pattern('subject', input.subject, /^[\p{L}\p{N} _().,«»"-]{2,80}$/u, 'must be a ВсОШ subject code or a short name (letters, digits, spaces; at most 80)');
    if (input.kind === 'VSOSH' && !isVsoshSubject(input.subject)) c.problem('subject', 'must be one of the 24 ВсОШ subjects for an all-Russian olympiad stage');
    if (!LEVELS.includes(input.level)) c.problem('level', 'must be SCHOOL, MUNICIPAL or REGIONAL');
    for (const f of ['startsOn', 'endsOn', 'registrationFrom', 'registrationTo'] as const) c.date(f, input[f]);
    return {
      olympiad: { kind: input.kind, title },
      academicYear: input.academicYear,
      subject: input.subject,
      level: input.level,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      registrationFrom: input.registrationFrom,
      registrationTo: input.registrationTo,
      groups: groupsOf(input.groups),
    };
  });
  const stageId = newEntityId(req, 'stage');
  const settings = settingsOver(DEFAULT_SETTINGS, input.settings);
  const { state } = await d.commands.handle(
    stageDecider,
    streams.stage(stageId),
    { type: 'ScheduleStage', stageId, settings, ...plan },
    { tenantId, ...actorContext(req, user) },
  );
  return viewOf(state, tenantId);
};

export const viewOf = (state: StageState, tenantId: string): StageView => {
  if (state.status === 'none') throw new Error('stage missing after a successful command');
  const { status, stageId, settings, jury, passingScores, cancelReason, ...plan } = state;
  return { id: stageId, tenantId, ...plan, settings, jury, jurorIds: jury.map((j) => j.jurorId), passingScores, status, cancelReason: cancelReason ?? null };
};

/** A command on an existing stage, by its organiser as the stage's own stream says (re-checked on every attempt). */
export const onStage = async (
  d: ContestsDeps,
  req: RequestContext,
  stageId: string,
  what: string,
  command: (s: Exclude<StageState, { status: 'none' }>) => StageCommand | Promise<StageCommand>,
) => {
  checked('stage', (c) => c.id('stageId', stageId));
  const pre = await d.commands.load(stageDecider, LOCATED, streams.stage(stageId));
  if (pre.state.status === 'none') return invalid('stageId', 'no such stage');
  const user = access.organiser(req.user, pre.tenantId!, what);
  // Facts from other streams (are scores recorded?) are read once, before the attempts.
  const cmd = await command(pre.state);
  const { state, tenantId } = await d.commands.handle(
    stageDecider,
    streams.stage(stageId),
    (_s, stream) => {
      access.organiser(req.user, stream.tenantId, what);
      return cmd;
    },
    actorContext(req, user) as Omit<CommandContext, 'tenantId'>,
    LOCATED,
  );
  return viewOf(state, tenantId);
};

const scoringStarted = async (d: ContestsDeps, stageId: string) => (await d.tables.partitions.count({ stageId, marks: { $gt: 0 } })) > 0;

export const changeStagePlan = (
  d: ContestsDeps,
  req: RequestContext,
  input: {
    stageId: string;
    title?: string | null;
    startsOn?: string | null;
    endsOn?: string | null;
    registrationFrom?: string | null;
    registrationTo?: string | null;
    groups?: GroupInput[] | null;
  },
) =>
  onStage(d, req, input.stageId, 'change the stage', async (s) => {
    const title = checked('stage', (c) => {
      for (const f of ['startsOn', 'endsOn', 'registrationFrom', 'registrationTo'] as const) c.date(f, input[f]);
      return input.title == null ? s.olympiad.title : checkTitle(c, input.title);
    });
    return {
      type: 'ChangeStagePlan',
      stageId: s.stageId,
      today: d.clock.today(),
      scoringStarted: await scoringStarted(d, s.stageId),
      olympiad: { ...s.olympiad, title },
      academicYear: s.academicYear,
      subject: s.subject,
      level: s.level,
      startsOn: input.startsOn ?? s.startsOn,
      endsOn: input.endsOn ?? s.endsOn,
      registrationFrom: input.registrationFrom ?? s.registrationFrom,
      registrationTo: input.registrationTo ?? s.registrationTo,
      groups: input.groups ? groupsOf(input.groups) : s.groups,
    };
  });

export const changeStageSettings = (d: ContestsDeps, req: RequestContext, input: { stageId: string; settings: SettingsInput }) =>
  onStage(d, req, input.stageId, 'change the stage’s settings', async (s) => ({
    type: 'ChangeStageSettings',
    stageId: s.stageId,
    settings: settingsOver(s.settings, input.settings),
    scoringStarted: await scoringStarted(d, s.stageId),
  }));

/**
 * The jury: educators (their school from the directory: no work from it is theirs) and
 * external experts (optionally with a school). Exactly one chair (the decider's rule).
 */
export const appointJury = (
  d: ContestsDeps,
  req: RequestContext,
  input: {
    stageId: string;
    members: {
      educatorId?: string | null;
      expertId?: string | null;
      organizationId?: string | null;
      chair?: boolean | null;
      appealCommission?: boolean | null;
    }[];
  },
) =>
  onStage(d, req, input.stageId, 'appoint the jury', async (s) => {
    const members: JuryMember[] = [];
    const problems = new Checks();
    for (const [i, m] of input.members.entries()) {
      const field = `members[${i}]`;
      if (!!m.educatorId === !!m.expertId) {
        problems.problem(field, 'give either educatorId or expertId');
        continue;
      }
      let organizationId: string | null = m.organizationId ?? null;
      if (m.educatorId) {
        problems.id(`${field}.educatorId`, m.educatorId);
        const educator = await d.tables.educators.get(m.educatorId);
        if (!educator || !educator.active) {
          problems.problem(`${field}.educatorId`, 'is not an active educator of the directory');
          continue;
        }
        organizationId = educator.organizationId;
      } else problems.id(`${field}.expertId`, m.expertId);
      members.push({
        jurorId: (m.educatorId ?? m.expertId)!,
        educatorId: m.educatorId ?? null,
        organizationId,
        chair: !!m.chair,
        appealCommission: !!m.appealCommission || !!m.chair,
      });
    }
    problems.done('jury');
    return { type: 'AppointJury', stageId: s.stageId, members };
  });

export const setPassingScores = (d: ContestsDeps, req: RequestContext, input: { stageId: string; scores: { groupId: string; score: number }[] }) =>
  onStage(d, req, input.stageId, 'set passing scores', (s) => ({
    type: 'SetPassingScores',
    stageId: s.stageId,
    passingScores: Object.fromEntries(input.scores.map((x) => [x.groupId, x.score])),
  }));

export const cancelStage = (d: ContestsDeps, req: RequestContext, input: { stageId: string; reason: string }) =>
  onStage(d, req, input.stageId, 'cancel the stage', (s) => ({
    type: 'CancelStage',
    stageId: s.stageId,
    reason: checked('cancellation', (c) => c.text('reason', input.reason, { max: 2000, required: true, multiline: true })!),
  }));
