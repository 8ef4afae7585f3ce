import { requestAs, users } from '@mms/testing';
import { codeOf, memoryDeps } from '../communities.in-memory';
import { addMember, proposeCommunity } from '../communities/community.handlers';
import { addPost, closeThread, hidePost, startThread } from './thread.handlers';

const meth = requestAs(users.methodologist('m1'));
const teacher = (id: string) => requestAs(users.teacher('m1', id, 'school-1'));

const setup = async () => {
  const t = memoryDeps();
  for (const id of ['head', 'member', 'outsider']) t.place({ educatorId: id, municipalityId: 'm1', organizationId: 'school-1' });
  await t.project();
  const c = await proposeCommunity(t.d, meth, {
    kind: 'VIRTUAL_ASSOCIATION',
    level: 'MUNICIPAL',
    name: 'Виртуальное объединение учителей физики',
    subject: 'PHYSICS',
    direction: null,
    hostOrganizationId: null,
    term: { from: '2026-09-01', to: '2027-08-31' },
    task: 'обмен опытом',
  });
  await addMember(t.d, meth, { communityId: c.id, educatorId: 'head', role: 'HEAD' });
  await addMember(t.d, meth, { communityId: c.id, educatorId: 'member', role: 'MEMBER' });
  await t.project();
  return { ...t, c };
};

describe('discussions (handlers over the in-memory store)', () => {
  it('members discuss, the head hides a post with a reason and closes the thread; outsiders cannot write', async () => {
    const { d, c } = await setup();
    const thread = await startThread(d, teacher('member'), { communityId: c.id, title: 'Лабораторные работы', text: 'Как вы проводите ЛР в 7 классе?' });
    await addPost(d, teacher('head'), { threadId: thread.id, text: 'По группам' });
    expect(await codeOf(addPost(d, teacher('outsider'), { threadId: thread.id, text: 'а можно мне?' }))).toBe('NOT_A_MEMBER');
    const first = thread.state.posts[0]!.postId;
    expect(await codeOf(hidePost(d, teacher('member'), { threadId: thread.id, postId: first, reason: 'x' }))).toBe('NOT_A_MODERATOR');
    const hidden = await hidePost(d, teacher('head'), { threadId: thread.id, postId: first, reason: 'персональные данные ученика' });
    expect(hidden.state.posts[0]!.hidden).toEqual({ reason: 'персональные данные ученика', by: 'head' });
    await closeThread(d, teacher('head'), { threadId: thread.id, reason: 'вопрос решён' });
    expect(await codeOf(addPost(d, teacher('member'), { threadId: thread.id, text: 'ещё' }))).toBe('THREAD_CLOSED');
  });

  it('the methodologist who runs the community moderates too; an empty post is bad input', async () => {
    const { d, c } = await setup();
    const thread = await startThread(d, teacher('member'), { communityId: c.id, title: 'Тема', text: 'текст' });
    await hidePost(d, meth, { threadId: thread.id, postId: thread.state.posts[0]!.postId, reason: 'не по теме' });
    expect(await codeOf(addPost(d, teacher('member'), { threadId: thread.id, text: '   ' }))).toBe('BAD_USER_INPUT');
  });
});
