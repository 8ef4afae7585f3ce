import { DomainError, NotFoundError, ValidationError } from '@mms/eventsourcing/core';
import { deciderSpec } from '@mms/testing';
import { CommunityCharter, CommunityCommand, communityDecider, CommunityEvent, overdueTasks } from './community.decider';

const spec = deciderSpec(communityDecider);
const id = { communityId: 'c1' };
const TODAY = '2026-10-01';
const order = { number: '123-од', date: '2026-09-15', issuer: 'Управление образования' };
const shmo: CommunityCharter = {
  kind: 'SCHOOL_ASSOCIATION',
  level: 'SCHOOL',
  name: 'ШМО учителей математики',
  subject: 'MATHEMATICS',
  direction: null,
  hostOrganizationId: 'school-1',
  term: null,
  task: null,
};
const group: CommunityCharter = {
  kind: 'WORKING_GROUP',
  level: 'MUNICIPAL',
  name: 'Рабочая группа по функциональной грамотности',
  subject: null,
  direction: 'функциональная грамотность',
  hostOrganizationId: null,
  term: { from: '2026-09-01', to: '2027-05-31' },
  task: 'банк заданий для 5–9 классов',
};
const proposed = (charter = shmo): CommunityEvent => ({ type: 'CommunityProposed', data: { ...id, ...charter } });
const approved: CommunityEvent = { type: 'CommunityApproved', data: { ...id, order } };
const joined = (educatorId: string, role: 'HEAD' | 'MEMBER' = 'MEMBER'): CommunityEvent => ({
  type: 'MemberJoined',
  data: { ...id, educatorId, role, on: TODAY },
});
const started: CommunityEvent = { type: 'CommunityStarted', data: { ...id, on: TODAY } };
const add = (
  educatorId: string,
  role: 'HEAD' | 'MEMBER' = 'MEMBER',
  memberSchoolId: string | null = 'school-1',
  memberMunicipalityId = 'm-test',
): CommunityCommand => ({
  ...id,
  type: 'AddMember',
  educatorId,
  role,
  today: TODAY,
  memberSchoolId,
  memberMunicipalityId,
});

describe('lifecycle', () => {
  it('proposed → approved by an order → active once its head is named', () => {
    spec
      .given([])
      .when({ ...id, type: 'ProposeCommunity', charter: shmo })
      .then([proposed()]);
    spec
      .given([proposed()])
      .when({ ...id, type: 'ApproveCommunity', order })
      .then([approved]);
    spec
      .given([proposed(), approved])
      .when({ ...id, type: 'StartCommunity', today: TODAY })
      .thenThrows(DomainError, 'HEAD_REQUIRED');
    spec
      .given([proposed(), approved, joined('e1', 'HEAD')])
      .when({ ...id, type: 'StartCommunity', today: TODAY })
      .then([started]);
    spec
      .given([proposed()])
      .when({ ...id, type: 'StartCommunity', today: TODAY })
      .thenThrows(DomainError, 'NOT_APPROVED');
    spec
      .given([proposed()])
      .when({ ...id, type: 'ApproveCommunity', order: { ...order, number: ' ' } })
      .thenThrows(ValidationError);
  });

  it('a ШМО is of one school at the school level; a network structure has a term and a task', () => {
    spec
      .given([])
      .when({ ...id, type: 'ProposeCommunity', charter: { ...shmo, hostOrganizationId: null } })
      .thenThrows(ValidationError);
    spec
      .given([])
      .when({ ...id, type: 'ProposeCommunity', charter: { ...group, term: null } })
      .thenThrows(ValidationError);
    spec
      .given([])
      .when({ ...id, type: 'ProposeCommunity', charter: { ...group, task: '' } })
      .thenThrows(ValidationError);
    spec
      .given([])
      .when({ ...id, type: 'ProposeCommunity', charter: { ...shmo, term: group.term } })
      .thenThrows(ValidationError);
    spec
      .given([])
      .when({ ...id, type: 'ProposeCommunity', charter: group })
      .then([proposed(group)]);
  });

  it('a non-permanent structure is extended by an order to a later end; a permanent one is not', () => {
    const active = [proposed(group), approved, joined('e1', 'HEAD'), started];
    const order2 = { ...order, number: '200-од' };
    spec
      .given(active)
      .when({ ...id, type: 'ExtendCommunity', order: order2, to: '2027-12-31' })
      .then([{ type: 'CommunityExtended', data: { ...id, order: order2, term: { from: '2026-09-01', to: '2027-12-31' } } }]);
    spec
      .given(active)
      .when({ ...id, type: 'ExtendCommunity', order: order2, to: '2027-01-31' })
      .thenThrows(ValidationError);
    spec
      .given([proposed(), approved, joined('e1', 'HEAD'), started])
      .when({ ...id, type: 'ExtendCommunity', order: order2, to: '2027-12-31' })
      .thenThrows(DomainError, 'PERMANENT');
  });

  it('closes with a reason: a term over only after its end, a decision with a note; then nothing changes', () => {
    const active = [proposed(group), approved, joined('e1', 'HEAD'), started];
    spec
      .given(active)
      .when({ ...id, type: 'CloseCommunity', reason: 'TERM_OVER', note: '', today: TODAY })
      .thenThrows(DomainError, 'TERM_NOT_OVER');
    spec
      .given(active)
      .when({ ...id, type: 'CloseCommunity', reason: 'BY_DECISION', note: '', today: TODAY })
      .thenThrows(ValidationError);
    const closed: CommunityEvent = { type: 'CommunityClosed', data: { ...id, on: '2027-06-01', reason: 'TERM_OVER', note: '' } };
    spec
      .given(active)
      .when({ ...id, type: 'CloseCommunity', reason: 'TERM_OVER', note: '', today: '2027-06-01' })
      .then([closed]);
    spec
      .given([...active, closed])
      .when(add('e2'))
      .thenThrows(DomainError, 'COMMUNITY_CLOSED');
  });
});

describe('members', () => {
  it('one head at a time: naming a new head makes the former one a member', () => {
    spec
      .given([proposed(), joined('e1', 'HEAD')])
      .when(add('e2', 'HEAD'))
      .then([joined('e2', 'HEAD'), { type: 'MemberRoleChanged', data: { ...id, educatorId: 'e1', role: 'MEMBER' } }]);
    spec
      .given([proposed(), joined('e1', 'HEAD')])
      .when({ ...id, type: 'ChangeMemberRole', educatorId: 'e1', role: 'MEMBER' })
      .thenThrows(DomainError, 'HEAD_STAYS');
  });

  it('a ШМО takes its own school’s teachers; adding the same member again adds nothing', () => {
    spec
      .given([proposed()])
      .when(add('e3', 'MEMBER', 'school-2'))
      .thenThrows(DomainError, 'NOT_OF_THIS_SCHOOL');
    spec
      .given([proposed(), joined('e1')])
      .when(add('e1'))
      .then([]);
  });

  it('a municipality’s community takes its own educators; a regional one every municipality’s', () => {
    spec
      .given([proposed(group)])
      .when(add('e9', 'MEMBER', 'school-9', 'm-other'))
      .thenThrows(DomainError, 'NOT_OF_THIS_MUNICIPALITY');
    spec
      .given([proposed({ ...group, level: 'REGIONAL' })], { tenantId: 'region' })
      .when(add('e9', 'MEMBER', 'school-9', 'm-other'))
      .then([{ type: 'MemberJoined', data: { ...id, educatorId: 'e9', role: 'MEMBER', on: TODAY } }]);
  });

  it('a member who leaves stays in the history and may join again', () => {
    const left: CommunityEvent = { type: 'MemberLeft', data: { ...id, educatorId: 'e1', on: TODAY, reason: 'MOVED_SCHOOL' } };
    spec
      .given([proposed(), joined('e1')])
      .when({ ...id, type: 'RemoveMember', educatorId: 'e1', reason: 'MOVED_SCHOOL', today: TODAY })
      .then([left]);
    spec
      .given([proposed(), joined('e1'), left])
      .when({ ...id, type: 'RemoveMember', educatorId: 'e1', reason: 'MOVED_SCHOOL', today: TODAY })
      .then([]);
    spec
      .given([proposed(), joined('e1'), left])
      .when(add('e1'))
      .then([joined('e1')]);
    spec
      .given([proposed()])
      .when({ ...id, type: 'RemoveMember', educatorId: 'nobody', reason: 'REMOVED', today: TODAY })
      .thenThrows(NotFoundError);
  });
});

describe('reports and a working group’s tasks', () => {
  const active = [proposed(group), approved, joined('e1', 'HEAD'), joined('e2'), started];

  it('an active community reports once per period', () => {
    const report: CommunityCommand = { ...id, type: 'SubmitReport', period: '2026/2027 I полугодие', summary: 'банк: 40 заданий', today: TODAY };
    const reported: CommunityEvent = { type: 'CommunityReported', data: { ...id, period: report.period, submittedOn: TODAY, summary: 'банк: 40 заданий' } };
    spec.given(active).when(report).then([reported]);
    spec
      .given([...active, reported])
      .when(report)
      .thenThrows(DomainError, 'REPORT_EXISTS');
    spec
      .given([proposed(group)])
      .when(report)
      .thenThrows(DomainError, 'NOT_ACTIVE');
  });

  it('tasks have a member as owner and a deadline; the overdue ones are listed soonest first', () => {
    const task = (taskId: string, dueOn: string, ownerId = 'e2') => ({ taskId, title: `задача ${taskId}`, ownerId, dueOn });
    spec
      .given(active)
      .when({ ...id, type: 'SetGroupTask', task: task('t1', '2026-10-15') })
      .then([{ type: 'GroupTaskSet', data: { ...id, ...task('t1', '2026-10-15') } }]);
    spec
      .given(active)
      .when({ ...id, type: 'SetGroupTask', task: task('t1', '2026-10-15', 'outsider') })
      .thenThrows(DomainError, 'OWNER_NOT_MEMBER');
    spec
      .given([proposed(), joined('e1', 'HEAD')])
      .when({ ...id, type: 'SetGroupTask', task: task('t1', '2026-10-15', 'e1') })
      .thenThrows(DomainError, 'NOT_A_WORKING_GROUP');
    const set = (t: ReturnType<typeof task>): CommunityEvent => ({ type: 'GroupTaskSet', data: { ...id, ...t } });
    const state = [
      ...active,
      set(task('t1', '2026-10-15')),
      set(task('t2', '2026-10-05')),
      set(task('t3', '2026-11-30')),
      { type: 'GroupTaskDone', data: { ...id, taskId: 't1', on: '2026-10-20' } } as CommunityEvent,
    ].reduce(communityDecider.evolve, communityDecider.initialState());
    expect(overdueTasks(state, '2026-10-21').map((t) => t.taskId)).toEqual(['t2']);
    expect(overdueTasks(state, '2026-12-01').map((t) => t.taskId)).toEqual(['t2', 't3']);
  });
});
