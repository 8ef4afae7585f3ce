import { DomainError, NotFoundError, ValidationError } from '@mms/eventsourcing/core';
import { deciderSpec } from '@mms/testing';
import { REGION_TENANT, StageCommand, stageDecider, StageEvent, StagePlan } from './stage.decider';
import { DEFAULT_SETTINGS } from './stage.settings';
import { workingDaysBefore } from './working-days';

const spec = deciderSpec(stageDecider);

const plan: StagePlan = {
  olympiad: { kind: 'VSOSH', title: 'ВсОШ по математике' },
  academicYear: '2026/2027',
  subject: 'MATHEMATICS',
  level: 'SCHOOL',
  startsOn: '2026-10-06',
  endsOn: '2026-10-06',
  registrationFrom: '2026-09-01',
  registrationTo: '2026-10-01',
  groups: [
    { groupId: '7-8', grades: [7, 8], tasks: [{ taskId: 't1', maxPoints: 7, thirdCheckThreshold: 2 }] },
    { groupId: '9', grades: [9], tasks: [{ taskId: 't1', maxPoints: 10, thirdCheckThreshold: 2 }] },
  ],
};
const schedule: StageCommand = { type: 'ScheduleStage', stageId: 'st1', settings: DEFAULT_SETTINGS, ...plan };
const scheduled: StageEvent = { type: 'StageScheduled', data: { stageId: 'st1', ...plan, settings: DEFAULT_SETTINGS } };

describe('stage', () => {
  it('a municipality schedules its school stage; the same command again changes nothing', () => {
    spec.given([], { tenantId: 'mun-a' }).when(schedule).then([scheduled]);
    spec.given([scheduled], { tenantId: 'mun-a' }).when(schedule).then([]);
  });

  it('the regional stage is the region’s; a municipality cannot hold one, nor the region a school stage', () => {
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ ...schedule, level: 'REGIONAL', groups: [plan.groups[1]!] })
      .thenThrows(DomainError, 'WRONG_ORGANISER');
    spec.given([], { tenantId: REGION_TENANT }).when(schedule).thenThrows(DomainError, 'WRONG_ORGANISER');
  });

  it('grade groups stay inside the level’s grades, each grade in one group, each with tasks', () => {
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ ...schedule, level: 'MUNICIPAL', groups: [{ groupId: '5', grades: [5], tasks: [{ taskId: 't1', maxPoints: 7, thirdCheckThreshold: 2 }] }] })
      .thenThrows(ValidationError);
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ ...schedule, groups: [...plan.groups, { groupId: 'x', grades: [9], tasks: plan.groups[0]!.tasks }] })
      .thenThrows(ValidationError);
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ ...schedule, groups: [{ groupId: 'g', grades: [9], tasks: [] }] })
      .thenThrows(ValidationError);
  });

  it('registration closes by the first day; dates in order; the year looks like 2026/2027', () => {
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ ...schedule, registrationTo: '2026-10-07' })
      .thenThrows(ValidationError);
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ ...schedule, endsOn: '2026-10-01' })
      .thenThrows(ValidationError);
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ ...schedule, academicYear: '2026/2028' })
      .thenThrows(ValidationError);
  });

  it('settings are checked: winners cannot outnumber the awarded share', () => {
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ ...schedule, settings: { ...DEFAULT_SETTINGS, quotas: { ...DEFAULT_SETTINGS.quotas, winnerShare: 0.5 } } })
      .thenThrows(ValidationError);
  });

  it('tasks cannot change once scores are recorded; the level never', () => {
    const changed = { ...plan, groups: [{ ...plan.groups[0]!, tasks: [{ taskId: 't1', maxPoints: 8, thirdCheckThreshold: 2 }] }, plan.groups[1]!] };
    spec
      .given([scheduled])
      .when({ type: 'ChangeStagePlan', stageId: 'st1', today: '2026-09-10', scoringStarted: true, ...changed })
      .thenThrows(DomainError, 'SCORING_STARTED');
    spec
      .given([scheduled])
      .when({ type: 'ChangeStagePlan', stageId: 'st1', today: '2026-09-10', scoringStarted: false, ...changed })
      .then([{ type: 'StagePlanChanged', data: { stageId: 'st1', ...changed } }]);
    spec
      .given([scheduled])
      .when({ type: 'ChangeStagePlan', stageId: 'st1', today: '2026-09-10', scoringStarted: false, ...plan, level: 'MUNICIPAL' })
      .thenThrows(DomainError, 'STAGE_IDENTITY_FIXED');
  });

  it('a jury has exactly one chair and no one twice', () => {
    const m = (jurorId: string, chair = false) => ({ jurorId, educatorId: jurorId, organizationId: 'school-1', chair, appealCommission: chair });
    spec
      .given([scheduled])
      .when({ type: 'AppointJury', stageId: 'st1', members: [m('a'), m('b')] })
      .thenThrows(ValidationError);
    spec
      .given([scheduled])
      .when({ type: 'AppointJury', stageId: 'st1', members: [m('a', true), m('a')] })
      .thenThrows(ValidationError);
    spec
      .given([scheduled])
      .when({ type: 'AppointJury', stageId: 'st1', members: [m('a', true), m('b')] })
      .then([{ type: 'JuryAppointed', data: { stageId: 'st1', members: [m('a', true), m('b')] } }]);
  });

  it('passing scores name the stage’s own grade groups', () => {
    spec
      .given([scheduled])
      .when({ type: 'SetPassingScores', stageId: 'st1', passingScores: { '11': 5 } })
      .thenThrows(ValidationError);
    spec
      .given([scheduled])
      .when({ type: 'SetPassingScores', stageId: 'st1', passingScores: { '9': 5.5 } })
      .then([{ type: 'PassingScoresSet', data: { stageId: 'st1', passingScores: { '9': 5.5 } } }]);
  });

  it('an unknown stage is NOT_FOUND; a cancelled one takes no more changes', () => {
    spec.given([]).when({ type: 'CancelStage', stageId: 'st1', reason: 'x' }).thenThrows(NotFoundError);
    const cancelled: StageEvent = { type: 'StageCancelled', data: { stageId: 'st1', reason: 'перенос' } };
    spec.given([scheduled, cancelled]).when({ type: 'SetPassingScores', stageId: 'st1', passingScores: {} }).thenThrows(DomainError, 'STAGE_CANCELLED');
    spec.given([scheduled, cancelled]).when({ type: 'CancelStage', stageId: 'st1', reason: 'again' }).then([]);
  });
});

describe('working days before a stage', () => {
  it('counts back Mon–Fri, skipping weekends and holidays; the stage’s own day does not count', () => {
    // Tuesday 6 Oct 2026: ten working days back is Tuesday 22 Sep.
    expect(workingDaysBefore('2026-10-06', 10)).toBe('2026-09-22');
    // Monday 9 Nov 2026: 4 Nov (Wednesday) is a holiday, so the tenth working day back is 23 Oct.
    expect(workingDaysBefore('2026-11-09', 10)).toBe('2026-10-23');
    expect(workingDaysBefore('2026-10-06', 0)).toBe('2026-10-06');
  });
});
