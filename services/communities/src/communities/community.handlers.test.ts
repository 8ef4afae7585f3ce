import { requestAs, users } from '@mms/testing';
import { codeOf, memoryDeps } from '../communities.in-memory';
import {
  addMember,
  addOrganization,
  approveCommunity,
  closeCommunity,
  proposeCommunity,
  removeMember,
  setGroupTask,
  startCommunity,
} from './community.handlers';
import { overdueGroupTasks } from './community.queries';
import type { CommunityCharter } from './community.decider';

const order = { number: '123-од', date: '2026-09-15', issuer: 'Управление образования' };
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
const shmo: CommunityCharter = {
  ...group,
  kind: 'SCHOOL_ASSOCIATION',
  level: 'SCHOOL',
  name: 'ШМО математиков',
  subject: 'MATHEMATICS',
  hostOrganizationId: 'school-1',
  term: null,
  task: null,
};
const meth = requestAs(users.methodologist('m1'));

const setup = async () => {
  const t = memoryDeps();
  t.place({ educatorId: 'head', municipalityId: 'm1', organizationId: 'school-1' });
  t.place({ educatorId: 'e2', municipalityId: 'm1', organizationId: 'school-2' });
  t.place({ educatorId: 'far', municipalityId: 'm2', organizationId: 'school-9' });
  await t.project();
  return t;
};

describe('communities (handlers over the in-memory store)', () => {
  it('proposed by the methodologist, approved by order, started with its head; the head then runs members and tasks', async () => {
    const { d, project, tables } = await setup();
    const c = await proposeCommunity(d, meth, group);
    expect(c.tenantId).toBe('m1');
    await approveCommunity(d, meth, { communityId: c.id, order });
    expect(await codeOf(startCommunity(d, meth, c.id))).toBe('HEAD_REQUIRED');
    await addMember(d, meth, { communityId: c.id, educatorId: 'head', role: 'HEAD' });
    await startCommunity(d, meth, c.id);
    const head = requestAs(users.teacher('m1', 'head', 'school-1'));
    await addMember(d, head, { communityId: c.id, educatorId: 'e2', role: 'MEMBER' });
    await setGroupTask(d, head, { communityId: c.id, title: 'задания для 5 класса', ownerId: 'e2', dueOn: '2026-10-15' });
    expect(await codeOf(addMember(d, head, { communityId: c.id, educatorId: 'far', role: 'MEMBER' }))).toBe('NOT_OF_THIS_MUNICIPALITY');
    // A member is not a runner.
    expect(await codeOf(removeMember(d, requestAs(users.teacher('m1', 'e2', 'school-2')), { communityId: c.id, educatorId: 'head' }))).toBe('FORBIDDEN');
    await project();
    expect(await tables.communities.get(c.id)).toMatchObject({ status: 'ACTIVE', members: 2, headId: 'head', openTaskDue: ['2026-10-15'] });
  });

  it('a ШМО is proposed by its school’s coordinator and takes only that school’s teachers', async () => {
    const { d } = await setup();
    const coordinator = requestAs(users.coordinator('m1', 'school-1'));
    const c = await proposeCommunity(d, coordinator, shmo);
    expect(await codeOf(proposeCommunity(d, requestAs(users.coordinator('m1', 'school-2')), shmo))).toBe('FORBIDDEN');
    await addMember(d, coordinator, { communityId: c.id, educatorId: 'head', role: 'HEAD' });
    expect(await codeOf(addMember(d, coordinator, { communityId: c.id, educatorId: 'e2', role: 'MEMBER' }))).toBe('NOT_OF_THIS_SCHOOL');
  });

  it('another municipality’s methodologist can neither approve nor close; bad input names the field', async () => {
    const { d } = await setup();
    const c = await proposeCommunity(d, meth, group);
    const other = requestAs(users.methodologist('m2'));
    expect(await codeOf(approveCommunity(d, other, { communityId: c.id, order }))).toBe('FORBIDDEN');
    expect(await codeOf(closeCommunity(d, other, { communityId: c.id, reason: 'BY_DECISION', note: 'x' }))).toBe('FORBIDDEN');
    const err = await approveCommunity(d, meth, { communityId: c.id, order: { number: '', date: '15.09.2026', issuer: 'УО' } }).catch((e) => e);
    expect(err.problems.map((p: { field: string }) => p.field).sort()).toEqual(['order.date', 'order.number']);
    expect(await codeOf(proposeCommunity(d, meth, { ...group, term: null }))).toBe('BAD_USER_INPUT');
  });
});

describe('overdue lists and a network of schools', () => {
  it('lists a working group’s overdue tasks for its methodologist only; a network takes more schools, a ШМО does not', async () => {
    const { d, project, at } = await setup();
    const c = await proposeCommunity(d, meth, group);
    await approveCommunity(d, meth, { communityId: c.id, order });
    await addMember(d, meth, { communityId: c.id, educatorId: 'head', role: 'HEAD' });
    await startCommunity(d, meth, c.id);
    await setGroupTask(d, meth, { communityId: c.id, title: 'задания для 5 класса', ownerId: 'head', dueOn: '2026-10-15' });
    await setGroupTask(d, meth, { communityId: c.id, title: 'задания для 9 класса', ownerId: 'head', dueOn: '2026-12-15' });
    await project();
    at('2026-11-01T09:00:00.000Z');
    const late = await overdueGroupTasks(d, meth, 'm1');
    expect(late.map((t) => [t.title, t.dueOn])).toEqual([['задания для 5 класса', '2026-10-15']]);
    expect(await codeOf(overdueGroupTasks(d, requestAs(users.methodologist('m2')), 'm1'))).toBe('FORBIDDEN');
    const network = await addOrganization(d, meth, { communityId: c.id, organizationId: 'school-2' });
    expect(network.state.organizations).toEqual(['school-2']);
    // Only a school the directory knows, and of the community's municipality.
    expect(await codeOf(addOrganization(d, meth, { communityId: c.id, organizationId: 'no-such-school' }))).toBe('NOT_FOUND');
    expect(await codeOf(addOrganization(d, meth, { communityId: c.id, organizationId: 'school-9' }))).toBe('BAD_USER_INPUT');
    const coordinator = requestAs(users.coordinator('m1', 'school-1'));
    expect(await codeOf(proposeCommunity(d, requestAs(users.coordinator('m1', 'school-0')), { ...shmo, hostOrganizationId: 'school-0' }))).toBe('NOT_FOUND');
    const shmoC = await proposeCommunity(d, coordinator, shmo);
    expect(await codeOf(addOrganization(d, coordinator, { communityId: shmoC.id, organizationId: 'school-2' }))).toBe('ONE_SCHOOL');
  });
});
