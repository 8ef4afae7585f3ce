import { Decider, DomainEvent, invalidFields, refuse, requireExisting } from '@mms/eventsourcing/core';
import { isIsoDate } from '@mms/contracts/dates';
import { GradeGroup, LEVEL_GRADES, levelAdmits, StageLevel } from './grades';
import { settingsProblems, StageSettings } from './stage.settings';

/** The reserved tenant of regional streams (as in professional development). */
export const REGION_TENANT = 'region';

export interface Olympiad {
  /** VSOSH: the all-Russian school olympiad; LOCAL: an olympiad of the municipality or the region. */
  kind: 'VSOSH' | 'LOCAL';
  title: string;
}

export interface JuryMember {
  /** The educator's id, or an external expert's id (the `subject` of their juror token). */
  jurorId: string;
  educatorId: string | null;
  /** Their school (no work from it is theirs to score); null for an external expert. */
  organizationId: string | null;
  chair: boolean;
  appealCommission: boolean;
}

export interface StagePlan {
  olympiad: Olympiad;
  /** "2026/2027". */
  academicYear: string;
  /** A ВсОШ subject code, or a local olympiad's own. */
  subject: string;
  level: StageLevel;
  startsOn: string;
  endsOn: string;
  registrationFrom: string;
  registrationTo: string;
  groups: GradeGroup[];
}

export type StageState =
  | { status: 'none' }
  | (StagePlan & {
      status: 'SCHEDULED' | 'CANCELLED';
      stageId: string;
      settings: StageSettings;
      jury: JuryMember[];
      /** Scores into this stage from the previous one, per grade group (set by this stage's organiser). */
      passingScores: Record<string, number>;
      cancelReason?: string;
    });

type Id = { stageId: string };
export type StageEvent =
  | DomainEvent<'StageScheduled', Id & StagePlan & { settings: StageSettings }>
  | DomainEvent<'StagePlanChanged', Id & StagePlan>
  | DomainEvent<'StageSettingsChanged', Id & { settings: StageSettings }>
  | DomainEvent<'JuryAppointed', Id & { members: JuryMember[] }>
  | DomainEvent<'PassingScoresSet', Id & { passingScores: Record<string, number> }>
  | DomainEvent<'StageCancelled', Id & { reason: string }>;

export type StageCommand =
  | ({ type: 'ScheduleStage'; stageId: string; settings: StageSettings } & StagePlan)
  | ({ type: 'ChangeStagePlan'; stageId: string; today: string; scoringStarted: boolean } & StagePlan)
  | { type: 'ChangeStageSettings'; stageId: string; settings: StageSettings; scoringStarted: boolean }
  | { type: 'AppointJury'; stageId: string; members: JuryMember[] }
  | { type: 'SetPassingScores'; stageId: string; passingScores: Record<string, number> }
  | { type: 'CancelStage'; stageId: string; reason: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const planOf = (s: StagePlan): StagePlan => ({
  olympiad: s.olympiad,
  academicYear: s.academicYear,
  subject: s.subject,
  level: s.level,
  startsOn: s.startsOn,
  endsOn: s.endsOn,
  registrationFrom: s.registrationFrom,
  registrationTo: s.registrationTo,
  groups: s.groups,
});

/** Dates in order, the year's label, grade groups inside the level, tasks with points: every problem by field. */
export const planProblems = (p: StagePlan): { field: string; message: string }[] => {
  const problems: { field: string; message: string }[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!/^\d{4}\/\d{4}$/.test(p.academicYear) || Number(p.academicYear.slice(5)) !== Number(p.academicYear.slice(0, 4)) + 1)
    add('academicYear', 'must look like 2026/2027');
  for (const f of ['startsOn', 'endsOn', 'registrationFrom', 'registrationTo'] as const) if (!isIsoDate(p[f])) add(f, 'must be an ISO date');
  if (!problems.length) {
    if (p.endsOn < p.startsOn) add('endsOn', 'must not be before startsOn');
    if (p.registrationTo < p.registrationFrom) add('registrationTo', 'must not be before registrationFrom');
    if (p.registrationTo > p.startsOn) add('registrationTo', 'registration must close by the stage’s first day');
  }
  if (!p.groups.length) add('groups', 'a stage needs at least one grade group');
  const seenGrades = new Set<number>();
  const seenGroups = new Set<string>();
  p.groups.forEach((g, i) => {
    const at = `groups[${i}]`;
    if (!/^[A-Za-z0-9-]{1,20}$/.test(g.groupId) || seenGroups.has(g.groupId)) add(`${at}.groupId`, 'must be a unique short id (letters, digits, -)');
    seenGroups.add(g.groupId);
    if (!g.grades.length) add(`${at}.grades`, 'a group needs at least one grade');
    for (const grade of g.grades) {
      if (!Number.isInteger(grade) || !levelAdmits(p.level, grade)) {
        const { min, max } = LEVEL_GRADES[p.level];
        add(`${at}.grades`, `the ${p.level.toLowerCase()} stage admits grades ${min}–${max} (got ${grade})`);
      } else if (seenGrades.has(grade)) add(`${at}.grades`, `grade ${grade} is in two groups`);
      seenGrades.add(grade);
    }
    if (!g.tasks.length) add(`${at}.tasks`, 'a group needs at least one task');
    const taskIds = new Set<string>();
    g.tasks.forEach((t, j) => {
      if (!/^[A-Za-z0-9-]{1,20}$/.test(t.taskId) || taskIds.has(t.taskId)) add(`${at}.tasks[${j}].taskId`, 'must be a unique short id');
      taskIds.add(t.taskId);
      if (!(t.maxPoints > 0 && t.maxPoints <= 1000) || Math.round(t.maxPoints * 100) !== t.maxPoints * 100)
        add(`${at}.tasks[${j}].maxPoints`, 'must be 0 < points ≤ 1000 with at most two decimals');
      if (!(t.thirdCheckThreshold > 0 && t.thirdCheckThreshold <= t.maxPoints))
        add(`${at}.tasks[${j}].thirdCheckThreshold`, 'must be above 0 and at most the task’s points');
    });
  });
  return problems;
};

const juryProblems = (members: JuryMember[]) => {
  const problems: { field: string; message: string }[] = [];
  if (!members.length) problems.push({ field: 'members', message: 'a jury needs at least one member' });
  if (members.filter((m) => m.chair).length !== 1) problems.push({ field: 'members', message: 'a jury has exactly one chair' });
  const ids = new Set<string>();
  members.forEach((m, i) => {
    if (ids.has(m.jurorId)) problems.push({ field: `members[${i}].jurorId`, message: 'is listed twice' });
    ids.add(m.jurorId);
  });
  return problems;
};

const scheduled = (s: StageState) => {
  const st = requireExisting(s, 'stage', 'stageId');
  if (st.status === 'CANCELLED') refuse('STAGE_CANCELLED', `stage ${st.stageId} was cancelled`);
  return st;
};

export const stageDecider: Decider<StageState, StageCommand, StageEvent> = {
  streamType: 'stage',
  initialState: () => ({ status: 'none' }),
  evolve: (s, e) => {
    switch (e.type) {
      case 'StageScheduled': {
        const { stageId, settings, ...plan } = e.data;
        return { status: 'SCHEDULED', stageId, settings, jury: [], passingScores: {}, ...planOf(plan) };
      }
      case 'StagePlanChanged':
        return s.status === 'none' ? s : { ...s, ...planOf(e.data) };
      case 'StageSettingsChanged':
        return s.status === 'none' ? s : { ...s, settings: e.data.settings };
      case 'JuryAppointed':
        return s.status === 'none' ? s : { ...s, jury: e.data.members };
      case 'PassingScoresSet':
        return s.status === 'none' ? s : { ...s, passingScores: e.data.passingScores };
      case 'StageCancelled':
        return s.status === 'none' ? s : { ...s, status: 'CANCELLED', cancelReason: e.data.reason };
    }
  },
  decide: (c, s, stream) => {
    switch (c.type) {
      case 'ScheduleStage': {
        const plan = planOf(c);
        if (s.status !== 'none') {
          if (same(planOf(s), plan) && same(s.settings, c.settings)) return [];
          return refuse('STAGE_EXISTS', `stage ${c.stageId} already exists with other data`);
        }
        if ((c.level === 'REGIONAL') !== (stream.tenantId === REGION_TENANT))
          refuse('WRONG_ORGANISER', 'the regional stage is the region’s; school and municipal stages are a municipality’s', { field: 'level' });
        invalidFields('stage', [...planProblems(plan), ...settingsProblems(c.settings)]);
        return [{ type: 'StageScheduled', data: { stageId: c.stageId, ...plan, settings: c.settings } }];
      }
      case 'ChangeStagePlan': {
        const st = scheduled(s);
        const plan = planOf(c);
        if (same(planOf(st), plan)) return [];
        if (plan.level !== st.level || plan.subject !== st.subject || plan.academicYear !== st.academicYear)
          refuse('STAGE_IDENTITY_FIXED', 'the level, subject and year of a stage cannot change; cancel it and schedule another', { field: 'level' });
        if (c.scoringStarted && !same(plan.groups, st.groups))
          refuse('SCORING_STARTED', 'tasks and grade groups cannot change once scores are recorded', { field: 'groups' });
        invalidFields('stage', planProblems(plan));
        return [{ type: 'StagePlanChanged', data: { stageId: st.stageId, ...plan } }];
      }
      case 'ChangeStageSettings': {
        const st = scheduled(s);
        if (same(st.settings, c.settings)) return [];
        if (c.scoringStarted && (st.settings.scoringMode !== c.settings.scoringMode || st.settings.agreeingFinal !== c.settings.agreeingFinal))
          refuse('SCORING_STARTED', 'the scoring mode cannot change once scores are recorded', { field: 'scoringMode' });
        invalidFields('settings', settingsProblems(c.settings));
        return [{ type: 'StageSettingsChanged', data: { stageId: st.stageId, settings: c.settings } }];
      }
      case 'AppointJury': {
        const st = scheduled(s);
        if (same(st.jury, c.members)) return [];
        invalidFields('jury', juryProblems(c.members));
        return [{ type: 'JuryAppointed', data: { stageId: st.stageId, members: c.members } }];
      }
      case 'SetPassingScores': {
        const st = scheduled(s);
        if (same(st.passingScores, c.passingScores)) return [];
        const problems = Object.entries(c.passingScores)
          .filter(([groupId, v]) => !st.groups.some((g) => g.groupId === groupId) || !(v >= 0 && v <= 1000))
          .map(([groupId]) => ({ field: `passingScores.${groupId}`, message: 'must name a grade group of this stage, with a score 0–1000' }));
        invalidFields('passing scores', problems);
        return [{ type: 'PassingScoresSet', data: { stageId: st.stageId, passingScores: c.passingScores } }];
      }
      case 'CancelStage': {
        const st = requireExisting(s, 'stage', 'stageId');
        if (st.status === 'CANCELLED') return [];
        if (!c.reason.trim()) refuse('REASON_REQUIRED', 'cancelling a stage needs a reason', { field: 'reason' });
        return [{ type: 'StageCancelled', data: { stageId: st.stageId, reason: c.reason.trim() } }];
      }
    }
  },
};
