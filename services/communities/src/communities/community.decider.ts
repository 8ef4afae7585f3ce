import { Decider, DomainEvent, invalid, notFound, refuse } from '@mms/eventsourcing/core';
import { REGION_TENANT } from '../tenants';

// A professional community of the methodological network (issue 12 §1): the traditional
// associations by subject (ШМО in a school, РМО/ГМО in a municipality) and the network
// structures by function, set up for a term to solve a task. Lifecycle PROPOSED → APPROVED (by
// an order) → ACTIVE → EXTENDED (a new term, by an order) | CLOSED (with a reason); members
// with roles, a network of schools with its host, periodic reports, and a working group's tasks.

export const COMMUNITY_KINDS = [
  'SCHOOL_ASSOCIATION',
  'MUNICIPAL_ASSOCIATION',
  'VIRTUAL_ASSOCIATION',
  'DISCUSSION_PLATFORM',
  'RESOURCE_CENTRE',
  'CREATIVE_LAB',
  'WORKING_GROUP',
  'PROFESSIONAL_COMMUNITY',
  'EXPERT_COMMUNITY',
] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];
export type CommunityLevel = 'SCHOOL' | 'MUNICIPAL' | 'REGIONAL';
export type MemberRole = 'HEAD' | 'DEPUTY' | 'MEMBER' | 'EXPERT';
export type CloseReason = 'TASK_DONE' | 'TERM_OVER' | 'BY_DECISION';
export type LeaveReason = 'RESIGNED' | 'REMOVED' | 'MOVED_SCHOOL' | 'LEFT_SERVICE';

/** Structures set up for a term to solve a concrete task (seed 000 §3.3, seed 001 п.8); the associations by subject are permanent. */
export const NON_PERMANENT: ReadonlySet<CommunityKind> = new Set([
  'VIRTUAL_ASSOCIATION',
  'DISCUSSION_PLATFORM',
  'RESOURCE_CENTRE',
  'CREATIVE_LAB',
  'WORKING_GROUP',
  'PROFESSIONAL_COMMUNITY',
]);

export interface Order {
  number: string;
  date: string;
  issuer: string;
}

export interface CommunityCharter {
  kind: CommunityKind;
  level: CommunityLevel;
  name: string;
  /** A subject (associations by subject) or a direction of work. */
  subject: string | null;
  direction: string | null;
  /** The school of a ШМО; the host school of a network of schools. */
  hostOrganizationId: string | null;
  /** A non-permanent structure's term and task statement. */
  term: { from: string; to: string } | null;
  task: string | null;
}

export interface Member {
  educatorId: string;
  role: MemberRole;
  since: string;
  /** Set when they left: they stay in the history. */
  left?: { on: string; reason: LeaveReason };
}

export interface GroupTask {
  taskId: string;
  title: string;
  ownerId: string;
  dueOn: string;
  doneOn: string | null;
}

export interface CommunityState {
  status: 'none' | 'PROPOSED' | 'APPROVED' | 'ACTIVE' | 'CLOSED';
  charter?: CommunityCharter;
  orders: Order[];
  members: Record<string, Member>;
  organizations: string[];
  reports: { period: string; submittedOn: string; summary: string }[];
  tasks: Record<string, GroupTask>;
}

type Id = { communityId: string };
export type CommunityEvent =
  | DomainEvent<'CommunityProposed', Id & CommunityCharter>
  | DomainEvent<'CommunityApproved', Id & { order: Order }>
  | DomainEvent<'CommunityStarted', Id & { on: string }>
  | DomainEvent<'CommunityExtended', Id & { order: Order; term: { from: string; to: string } }>
  | DomainEvent<'CommunityClosed', Id & { on: string; reason: CloseReason; note: string }>
  | DomainEvent<'MemberJoined', Id & { educatorId: string; role: MemberRole; on: string }>
  | DomainEvent<'MemberRoleChanged', Id & { educatorId: string; role: MemberRole }>
  | DomainEvent<'MemberLeft', Id & { educatorId: string; on: string; reason: LeaveReason }>
  | DomainEvent<'OrganizationJoined', Id & { organizationId: string }>
  | DomainEvent<'CommunityReported', Id & { period: string; submittedOn: string; summary: string }>
  | DomainEvent<'GroupTaskSet', Id & Omit<GroupTask, 'doneOn'>>
  | DomainEvent<'GroupTaskDone', Id & { taskId: string; on: string }>;

export type CommunityCommand =
  | (Id & { type: 'ProposeCommunity'; charter: CommunityCharter })
  | (Id & { type: 'ApproveCommunity'; order: Order })
  | (Id & { type: 'StartCommunity'; today: string })
  | (Id & { type: 'ExtendCommunity'; order: Order; to: string })
  | (Id & { type: 'CloseCommunity'; reason: CloseReason; note: string; today: string })
  | (Id & { type: 'AddMember'; educatorId: string; role: MemberRole; today: string; memberSchoolId: string | null; memberMunicipalityId: string })
  | (Id & { type: 'ChangeMemberRole'; educatorId: string; role: MemberRole })
  | (Id & { type: 'RemoveMember'; educatorId: string; reason: LeaveReason; today: string })
  | (Id & { type: 'AddOrganization'; organizationId: string })
  | (Id & { type: 'SubmitReport'; period: string; summary: string; today: string })
  | (Id & { type: 'SetGroupTask'; task: Omit<GroupTask, 'doneOn'> })
  | (Id & { type: 'CompleteGroupTask'; taskId: string; today: string });

export const initialCommunity = (): CommunityState => ({ status: 'none', orders: [], members: {}, organizations: [], reports: [], tasks: {} });

/** Members now (not those who left). */
export const currentMembers = (s: CommunityState): Member[] => Object.values(s.members).filter((m) => !m.left);
export const headOf = (s: CommunityState): Member | undefined => currentMembers(s).find((m) => m.role === 'HEAD');

/** A working group's tasks past their due date and not done, soonest first. */
export const overdueTasks = (s: CommunityState, today: string): GroupTask[] =>
  Object.values(s.tasks)
    .filter((t) => !t.doneOn && t.dueOn < today)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const checkOrder = (o: Order) => {
  if (!o.number.trim()) invalid('order.number', 'an order has a number');
  if (!DATE.test(o.date)) invalid('order.date', 'must be a date YYYY-MM-DD');
  if (!o.issuer.trim()) invalid('order.issuer', 'an order names who issued it');
};

const checkCharter = (c: CommunityCharter) => {
  if (!COMMUNITY_KINDS.includes(c.kind)) invalid('kind', `must be one of ${COMMUNITY_KINDS.join(', ')}`);
  if (!c.name.trim()) invalid('name', 'a community has a name');
  if (c.kind === 'SCHOOL_ASSOCIATION' && (c.level !== 'SCHOOL' || !c.hostOrganizationId))
    invalid('hostOrganizationId', 'a school association (ШМО) is of one school, at the school level');
  if (c.kind === 'MUNICIPAL_ASSOCIATION' && c.level !== 'MUNICIPAL') invalid('level', 'a municipal association (РМО/ГМО) is at the municipal level');
  if ((c.kind === 'SCHOOL_ASSOCIATION' || c.kind === 'MUNICIPAL_ASSOCIATION') && !c.subject && !c.direction)
    invalid('subject', 'an association works by a subject or a direction');
  if (NON_PERMANENT.has(c.kind)) {
    if (!c.term || !DATE.test(c.term.from) || !DATE.test(c.term.to) || !(c.term.from < c.term.to))
      invalid('term', 'a non-permanent structure has a term: from < to, dates YYYY-MM-DD');
    if (!c.task?.trim()) invalid('task', 'a non-permanent structure states the task it is set up for');
  } else if (c.term) invalid('term', `a ${c.kind} is permanent: it has no term`);
};

export const communityDecider: Decider<CommunityState, CommunityCommand, CommunityEvent> = {
  streamType: 'community',
  initialState: initialCommunity,
  evolve: (s, e) => {
    switch (e.type) {
      case 'CommunityProposed': {
        const { communityId: _id, ...charter } = e.data;
        return { ...s, status: 'PROPOSED', charter, organizations: charter.hostOrganizationId ? [charter.hostOrganizationId] : [] };
      }
      case 'CommunityApproved':
        return { ...s, status: 'APPROVED', orders: [...s.orders, e.data.order] };
      case 'CommunityStarted':
        return { ...s, status: 'ACTIVE' };
      case 'CommunityExtended':
        return { ...s, orders: [...s.orders, e.data.order], charter: { ...s.charter!, term: e.data.term } };
      case 'CommunityClosed':
        return { ...s, status: 'CLOSED' };
      case 'MemberJoined':
        return { ...s, members: { ...s.members, [e.data.educatorId]: { educatorId: e.data.educatorId, role: e.data.role, since: e.data.on } } };
      case 'MemberRoleChanged':
        return { ...s, members: { ...s.members, [e.data.educatorId]: { ...s.members[e.data.educatorId]!, role: e.data.role } } };
      case 'MemberLeft':
        return { ...s, members: { ...s.members, [e.data.educatorId]: { ...s.members[e.data.educatorId]!, left: { on: e.data.on, reason: e.data.reason } } } };
      case 'OrganizationJoined':
        return { ...s, organizations: [...s.organizations, e.data.organizationId] };
      case 'CommunityReported':
        return { ...s, reports: [...s.reports, { period: e.data.period, submittedOn: e.data.submittedOn, summary: e.data.summary }] };
      case 'GroupTaskSet': {
        const { communityId: _id, ...task } = e.data;
        return { ...s, tasks: { ...s.tasks, [task.taskId]: { ...task, doneOn: s.tasks[task.taskId]?.doneOn ?? null } } };
      }
      case 'GroupTaskDone':
        return { ...s, tasks: { ...s.tasks, [e.data.taskId]: { ...s.tasks[e.data.taskId]!, doneOn: e.data.on } } };
    }
  },
  decide: (c, s, stream) => {
    const id = { communityId: c.communityId };
    if (c.type === 'ProposeCommunity') {
      if (s.status !== 'none')
        return JSON.stringify(s.charter) === JSON.stringify(c.charter) ? [] : refuse('COMMUNITY_EXISTS', `community ${c.communityId} exists`);
      checkCharter(c.charter);
      return [{ type: 'CommunityProposed', data: { ...id, ...c.charter, name: c.charter.name.trim() } }];
    }
    if (s.status === 'none') return notFound(`community ${c.communityId}`, 'communityId');
    const charter = s.charter!;
    const notClosed = () => {
      if (s.status === 'CLOSED') refuse('COMMUNITY_CLOSED', 'the community is closed');
    };
    switch (c.type) {
      case 'ApproveCommunity': {
        if (s.status !== 'PROPOSED') return s.orders.some((o) => o.number === c.order.number) ? [] : refuse('NOT_PROPOSED', `the community is ${s.status}`);
        checkOrder(c.order);
        return [{ type: 'CommunityApproved', data: { ...id, order: c.order } }];
      }
      case 'StartCommunity': {
        if (s.status === 'ACTIVE') return [];
        if (s.status !== 'APPROVED') refuse('NOT_APPROVED', 'a community starts after the order approving it');
        if (!headOf(s)) refuse('HEAD_REQUIRED', 'a community starts with its head named');
        return [{ type: 'CommunityStarted', data: { ...id, on: c.today } }];
      }
      case 'ExtendCommunity': {
        notClosed();
        if (!NON_PERMANENT.has(charter.kind)) refuse('PERMANENT', `a ${charter.kind} is permanent: it is not extended`);
        if (s.status !== 'ACTIVE') refuse('NOT_ACTIVE', 'only an active structure is extended');
        checkOrder(c.order);
        if (!DATE.test(c.to) || !(c.to > charter.term!.to)) invalid('to', `the new term ends after ${charter.term!.to}`);
        return [{ type: 'CommunityExtended', data: { ...id, order: c.order, term: { from: charter.term!.from, to: c.to } } }];
      }
      case 'CloseCommunity': {
        if (s.status === 'CLOSED') return [];
        if (c.reason === 'TERM_OVER' && (!charter.term || charter.term.to >= c.today)) refuse('TERM_NOT_OVER', 'the term is not over yet');
        if (c.reason === 'BY_DECISION' && !c.note.trim()) invalid('note', 'a closure by decision says whose and why');
        return [{ type: 'CommunityClosed', data: { ...id, on: c.today, reason: c.reason, note: c.note.trim() } }];
      }
      case 'AddMember': {
        notClosed();
        const m = s.members[c.educatorId];
        if (m && !m.left) return m.role === c.role ? [] : refuse('ALREADY_MEMBER', `already a member as ${m.role}`, { field: 'educatorId' });
        // A municipality's community takes its own educators; a regional one every municipality's.
        if (stream.tenantId !== REGION_TENANT && c.memberMunicipalityId !== stream.tenantId)
          refuse('NOT_OF_THIS_MUNICIPALITY', 'a municipal community’s members work in its municipality', { field: 'educatorId' });
        if (charter.kind === 'SCHOOL_ASSOCIATION' && c.memberSchoolId !== charter.hostOrganizationId)
          refuse('NOT_OF_THIS_SCHOOL', 'a school association’s members work at its school', { field: 'educatorId' });
        return [{ type: 'MemberJoined', data: { ...id, educatorId: c.educatorId, role: c.role, on: c.today } }, ...headMoves(s, c.educatorId, c.role, id)];
      }
      case 'ChangeMemberRole': {
        notClosed();
        const m = s.members[c.educatorId];
        if (!m || m.left) return notFound(`member ${c.educatorId}`, 'educatorId');
        if (m.role === c.role) return [];
        if (m.role === 'HEAD') refuse('HEAD_STAYS', 'name the new head: the former one then becomes a member');
        return [{ type: 'MemberRoleChanged', data: { ...id, educatorId: c.educatorId, role: c.role } }, ...headMoves(s, c.educatorId, c.role, id)];
      }
      case 'RemoveMember': {
        const m = s.members[c.educatorId];
        if (!m) return notFound(`member ${c.educatorId}`, 'educatorId');
        if (m.left) return [];
        return [{ type: 'MemberLeft', data: { ...id, educatorId: c.educatorId, on: c.today, reason: c.reason } }];
      }
      case 'AddOrganization': {
        notClosed();
        if (charter.kind === 'SCHOOL_ASSOCIATION') refuse('ONE_SCHOOL', 'a school association is of one school');
        if (s.organizations.includes(c.organizationId)) return [];
        return [{ type: 'OrganizationJoined', data: { ...id, organizationId: c.organizationId } }];
      }
      case 'SubmitReport': {
        if (s.status !== 'ACTIVE') refuse('NOT_ACTIVE', 'an active community reports');
        if (!c.summary.trim()) invalid('summary', 'a report says what was done');
        if (s.reports.some((r) => r.period === c.period)) refuse('REPORT_EXISTS', `the report for ${c.period} is in`, { field: 'period' });
        return [{ type: 'CommunityReported', data: { ...id, period: c.period, submittedOn: c.today, summary: c.summary.trim() } }];
      }
      case 'SetGroupTask': {
        notClosed();
        if (charter.kind !== 'WORKING_GROUP') refuse('NOT_A_WORKING_GROUP', 'tasks with owners and deadlines are a working group’s');
        const owner = s.members[c.task.ownerId];
        if (!owner || owner.left) refuse('OWNER_NOT_MEMBER', 'a task’s owner is a member of the group', { field: 'ownerId' });
        if (!c.task.title.trim()) invalid('title', 'a task has a title');
        if (!DATE.test(c.task.dueOn)) invalid('dueOn', 'must be a date YYYY-MM-DD');
        const was = s.tasks[c.task.taskId];
        if (was && was.title === c.task.title.trim() && was.ownerId === c.task.ownerId && was.dueOn === c.task.dueOn) return [];
        return [{ type: 'GroupTaskSet', data: { ...id, ...c.task, title: c.task.title.trim() } }];
      }
      case 'CompleteGroupTask': {
        const t = s.tasks[c.taskId] ?? notFound(`task ${c.taskId}`, 'taskId');
        if (t.doneOn) return [];
        return [{ type: 'GroupTaskDone', data: { ...id, taskId: c.taskId, on: c.today } }];
      }
    }
  },
};

/** One head at a time: naming a new one makes the former head a member. */
const headMoves = (s: CommunityState, educatorId: string, role: MemberRole, id: Id): CommunityEvent[] => {
  const head = headOf(s);
  return role === 'HEAD' && head && head.educatorId !== educatorId
    ? [{ type: 'MemberRoleChanged', data: { ...id, educatorId: head.educatorId, role: 'MEMBER' } }]
    : [];
};
