import { DomainError, NotFoundError, ValidationError } from '@mms/eventsourcing/core';
import { deciderSpec } from '@mms/testing';
import { Standing, ThreadCommand, threadDecider, ThreadEvent } from './thread.decider';

const spec = deciderSpec(threadDecider);
const id = { threadId: 'th1' };
const AT = '2026-10-01T09:00:00.000Z';
const member: Standing = { member: true, moderator: false, communityOpen: true };
const head: Standing = { member: true, moderator: true, communityOpen: true };
const outsider: Standing = { member: false, moderator: false, communityOpen: true };
const start = (standing = member): ThreadCommand => ({
  ...id,
  type: 'StartThread',
  communityId: 'c1',
  title: ' Банк заданий ',
  firstPost: { postId: 'p1', text: 'Предлагаю начать с 5 класса' },
  authorId: 'e1',
  at: AT,
  standing,
});
const started: ThreadEvent[] = [
  { type: 'ThreadStarted', data: { ...id, communityId: 'c1', title: 'Банк заданий', authorId: 'e1', at: AT } },
  { type: 'PostAdded', data: { ...id, postId: 'p1', authorId: 'e1', text: 'Предлагаю начать с 5 класса', at: AT } },
];
const post = (postId: string, standing = member, text = 'согласна'): ThreadCommand => ({
  ...id,
  type: 'AddPost',
  postId,
  authorId: 'e2',
  text,
  at: AT,
  standing,
});

describe('discussion threads', () => {
  it('members start threads and post; a post sent again adds nothing', () => {
    spec.given([]).when(start()).then(started);
    spec
      .given(started)
      .when(post('p2'))
      .then([{ type: 'PostAdded', data: { ...id, postId: 'p2', authorId: 'e2', text: 'согласна', at: AT } }]);
    spec.given(started).when(post('p1')).then([]);
    spec.given([]).when(post('p2')).thenThrows(NotFoundError);
  });

  it('outsiders do not write, nor does anyone in a closed community; empty or huge posts are refused', () => {
    spec.given([]).when(start(outsider)).thenThrows(DomainError, 'NOT_A_MEMBER');
    spec.given(started).when(post('p2', outsider)).thenThrows(DomainError, 'NOT_A_MEMBER');
    spec
      .given(started)
      .when(post('p2', { ...member, communityOpen: false }))
      .thenThrows(DomainError, 'COMMUNITY_CLOSED');
    spec
      .given(started)
      .when(post('p2', member, '  '))
      .thenThrows(ValidationError);
    spec
      .given(started)
      .when(post('p2', member, 'x'.repeat(10_001)))
      .thenThrows(ValidationError);
  });

  it('the head hides a post with a reason (it stays, hidden); a member cannot', () => {
    const hide = (standing: Standing, reason = 'персональные данные обучающегося'): ThreadCommand => ({
      ...id,
      type: 'HidePost',
      postId: 'p1',
      reason,
      by: 'head',
      standing,
    });
    const hidden: ThreadEvent = { type: 'PostHidden', data: { ...id, postId: 'p1', reason: 'персональные данные обучающегося', by: 'head' } };
    spec.given(started).when(hide(head)).then([hidden]);
    spec.given(started).when(hide(member)).thenThrows(DomainError, 'NOT_A_MODERATOR');
    spec.given(started).when(hide(head, ' ')).thenThrows(ValidationError);
    spec
      .given([...started, hidden])
      .when(hide(head))
      .then([]);
    const state = [...started, hidden].reduce(threadDecider.evolve, threadDecider.initialState());
    expect(state.posts[0]).toMatchObject({ text: 'Предлагаю начать с 5 класса', hidden: { reason: 'персональные данные обучающегося', by: 'head' } });
  });

  it('a closed thread takes no posts', () => {
    const closed: ThreadEvent = { type: 'ThreadClosed', data: { ...id, by: 'head', reason: 'решено' } };
    spec
      .given(started)
      .when({ ...id, type: 'CloseThread', reason: 'решено', by: 'head', standing: head })
      .then([closed]);
    spec
      .given([...started, closed])
      .when(post('p3'))
      .thenThrows(DomainError, 'THREAD_CLOSED');
  });
});
