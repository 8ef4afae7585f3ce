import type { EventEnvelope, RowTable } from '@mms/eventsourcing/core';
import type { CommunityEvent, CommunityKind, CommunityLevel, CommunityState, MemberRole, Order } from './community.decider';

/** A community as the register lists it. */
export interface CommunityRow {
  _id: string;
  tenantId: string;
  kind: CommunityKind;
  level: CommunityLevel;
  name: string;
  subject: string | null;
  direction: string | null;
  hostOrganizationId: string | null;
  organizationIds: string[];
  term: { from: string; to: string } | null;
  task: string | null;
  status: CommunityState['status'];
  orders: Order[];
  members: number;
  headId: string | null;
  reports: number;
  lastReportOn: string | null;
  closed: { on: string; reason: string } | null;
  /** Current members' roles: `members` and `headId` come from it. */
  current: Record<string, MemberRole>;
  /** A working group's tasks: due date while open, null once done. */
  tasks: Record<string, string | null>;
  /** Open tasks' due dates, soonest first: the overdue list reads them. */
  openTaskDue: string[];
}

/** One educator in one community: current while `leftOn` is null, history after. */
export interface MembershipRow {
  _id: string;
  communityId: string;
  tenantId: string;
  educatorId: string;
  role: MemberRole;
  since: string;
  leftOn: string | null;
  leftReason: string | null;
}

export const membershipRowId = (communityId: string, educatorId: string) => `${communityId}~${educatorId}`;

const typed = (envelope: EventEnvelope) => ({ type: envelope.type, data: envelope.data }) as CommunityEvent;

export const communityRows: RowTable<CommunityRow> = {
  collection: 'communities',
  indexes: [{ keys: { tenantId: 1, kind: 1 } }, { keys: { organizationIds: 1 } }, { keys: { status: 1 } }],
  rowsOf: (e) => (e.streamType === 'community' ? [(e.data as { communityId: string }).communityId] : []),
  evolve: (row, envelope) => {
    const e = typed(envelope);
    if (e.type === 'CommunityProposed') {
      const { communityId, ...charter } = e.data;
      return {
        _id: communityId,
        tenantId: envelope.tenantId,
        ...charter,
        organizationIds: charter.hostOrganizationId ? [charter.hostOrganizationId] : [],
        status: 'PROPOSED',
        orders: [],
        members: 0,
        headId: null,
        reports: 0,
        lastReportOn: null,
        closed: null,
        openTaskDue: [],
        current: {},
        tasks: {},
      };
    }
    if (!row) return null;
    const withMembers = (current: Record<string, MemberRole>) => ({
      ...row,
      current,
      members: Object.keys(current).length,
      headId: Object.entries(current).find(([, role]) => role === 'HEAD')?.[0] ?? null,
    });
    const withTasks = (tasks: Record<string, string | null>) => ({
      ...row,
      tasks,
      openTaskDue: Object.values(tasks)
        .filter((d): d is string => d !== null)
        .sort(),
    });
    switch (e.type) {
      case 'CommunityApproved':
        return { ...row, status: 'APPROVED', orders: [...row.orders, e.data.order] };
      case 'CommunityStarted':
        return { ...row, status: 'ACTIVE' };
      case 'CommunityExtended':
        return { ...row, orders: [...row.orders, e.data.order], term: e.data.term };
      case 'CommunityClosed':
        return { ...row, status: 'CLOSED', closed: { on: e.data.on, reason: e.data.reason } };
      case 'MemberJoined':
      case 'MemberRoleChanged':
        return withMembers({ ...row.current, [e.data.educatorId]: e.data.role });
      case 'MemberLeft': {
        const { [e.data.educatorId]: _gone, ...rest } = row.current;
        return withMembers(rest);
      }
      case 'OrganizationJoined':
        return { ...row, organizationIds: [...row.organizationIds, e.data.organizationId] };
      case 'CommunityReported':
        return { ...row, reports: row.reports + 1, lastReportOn: e.data.submittedOn };
      case 'GroupTaskSet':
        return withTasks({ ...row.tasks, [e.data.taskId]: e.data.dueOn });
      case 'GroupTaskDone':
        return withTasks({ ...row.tasks, [e.data.taskId]: null });
      default:
        return row;
    }
  },
};

const OF_MEMBER = new Set(['MemberJoined', 'MemberRoleChanged', 'MemberLeft']);

export const membershipRows: RowTable<MembershipRow> = {
  collection: 'memberships',
  indexes: [{ keys: { educatorId: 1 } }, { keys: { communityId: 1, leftOn: 1 } }],
  rowsOf: (e) => {
    if (!OF_MEMBER.has(e.type)) return [];
    const d = e.data as { communityId: string; educatorId: string };
    return [membershipRowId(d.communityId, d.educatorId)];
  },
  evolve: (row, envelope) => {
    const e = typed(envelope);
    switch (e.type) {
      case 'MemberJoined':
        // Joining again after leaving starts a new current membership (the history is the stream's).
        return {
          _id: membershipRowId(e.data.communityId, e.data.educatorId),
          communityId: e.data.communityId,
          tenantId: envelope.tenantId,
          educatorId: e.data.educatorId,
          role: e.data.role,
          since: e.data.on,
          leftOn: null,
          leftReason: null,
        };
      case 'MemberRoleChanged':
        return row && { ...row, role: e.data.role };
      case 'MemberLeft':
        return row && { ...row, leftOn: e.data.on, leftReason: e.data.reason };
      default:
        return row;
    }
  },
};
