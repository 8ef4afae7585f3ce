import { rowsFrom, streamOf } from '@mms/testing';
import type { CommunityEvent } from './community.decider';
import { communityRows, membershipRows } from './community.rows';

const id = { communityId: 'c1' };
const history: CommunityEvent[] = [
  {
    type: 'CommunityProposed',
    data: {
      ...id,
      kind: 'WORKING_GROUP',
      level: 'MUNICIPAL',
      name: 'Рабочая группа',
      subject: null,
      direction: 'грамотность',
      hostOrganizationId: 'school-1',
      term: { from: '2026-09-01', to: '2027-05-31' },
      task: 'банк заданий',
    },
  },
  { type: 'CommunityApproved', data: { ...id, order: { number: '1', date: '2026-09-02', issuer: 'УО' } } },
  { type: 'MemberJoined', data: { ...id, educatorId: 'e1', role: 'HEAD', on: '2026-09-03' } },
  { type: 'MemberJoined', data: { ...id, educatorId: 'e2', role: 'MEMBER', on: '2026-09-03' } },
  { type: 'CommunityStarted', data: { ...id, on: '2026-09-03' } },
  { type: 'MemberJoined', data: { ...id, educatorId: 'e3', role: 'HEAD', on: '2026-10-01' } },
  { type: 'MemberRoleChanged', data: { ...id, educatorId: 'e1', role: 'MEMBER' } },
  { type: 'MemberLeft', data: { ...id, educatorId: 'e2', on: '2026-10-05', reason: 'MOVED_SCHOOL' } },
  { type: 'OrganizationJoined', data: { ...id, organizationId: 'school-2' } },
  { type: 'GroupTaskSet', data: { ...id, taskId: 't1', title: 'a', ownerId: 'e1', dueOn: '2026-11-01' } },
  { type: 'GroupTaskSet', data: { ...id, taskId: 't2', title: 'b', ownerId: 'e1', dueOn: '2026-10-15' } },
  { type: 'GroupTaskDone', data: { ...id, taskId: 't1', on: '2026-10-20' } },
];

describe('community rows', () => {
  it('the register row: status, current members and head, the network’s schools, open tasks’ due dates', async () => {
    const [row] = await rowsFrom(communityRows, streamOf('m1', 'community-c1', history));
    expect(row).toMatchObject({
      status: 'ACTIVE',
      members: 2,
      headId: 'e3',
      organizationIds: ['school-1', 'school-2'],
      openTaskDue: ['2026-10-15'],
      tenantId: 'm1',
    });
  });

  it('memberships: current ones and the one who left, with why', async () => {
    const rows = await rowsFrom(membershipRows, streamOf('m1', 'community-c1', history));
    expect(rows.map((r) => [r.educatorId, r.role, r.leftOn, r.leftReason])).toEqual([
      ['e1', 'MEMBER', null, null],
      ['e2', 'MEMBER', '2026-10-05', 'MOVED_SCHOOL'],
      ['e3', 'HEAD', null, null],
    ]);
  });
});
