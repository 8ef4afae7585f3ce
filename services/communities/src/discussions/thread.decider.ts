import { Decider, DomainEvent, invalid, notFound, refuse } from '@mms/eventsourcing/core';

// A discussion thread of a community (issue 12 §1): members start threads and post; the head
// (or a deputy) moderates by hiding a post with a reason, never deleting it, so the record of
// what was hidden and why stays. Who is a member, and who moderates, is the community's: the
// handler reads it and carries it on the command.

export interface Post {
  postId: string;
  authorId: string;
  text: string;
  at: string;
  hidden: { reason: string; by: string } | null;
}

export interface ThreadState {
  status: 'none' | 'OPEN' | 'CLOSED';
  communityId?: string;
  title?: string;
  posts: Post[];
}

type Id = { threadId: string };
export type ThreadEvent =
  | DomainEvent<'ThreadStarted', Id & { communityId: string; title: string; authorId: string; at: string }>
  | DomainEvent<'PostAdded', Id & { postId: string; authorId: string; text: string; at: string }>
  | DomainEvent<'PostHidden', Id & { postId: string; reason: string; by: string }>
  | DomainEvent<'ThreadClosed', Id & { by: string; reason: string }>;

/** The community's facts the handler reads: is the author a current member, is the caller its head or deputy, is it open. */
export interface Standing {
  member: boolean;
  moderator: boolean;
  communityOpen: boolean;
}

export type ThreadCommand =
  | (Id & {
      type: 'StartThread';
      communityId: string;
      title: string;
      firstPost: { postId: string; text: string };
      authorId: string;
      at: string;
      standing: Standing;
    })
  | (Id & { type: 'AddPost'; postId: string; authorId: string; text: string; at: string; standing: Standing })
  | (Id & { type: 'HidePost'; postId: string; reason: string; by: string; standing: Standing })
  | (Id & { type: 'CloseThread'; reason: string; by: string; standing: Standing });

export const MAX_POST_CHARS = 10_000;

export const initialThread = (): ThreadState => ({ status: 'none', posts: [] });

const checkText = (text: string) => {
  if (!text.trim()) invalid('text', 'a post says something');
  if (text.length > MAX_POST_CHARS) invalid('text', `at most ${MAX_POST_CHARS} characters`);
};

const mayWrite = (st: Standing) => {
  if (!st.communityOpen) refuse('COMMUNITY_CLOSED', 'the community is closed: its discussions are read-only');
  if (!st.member) refuse('NOT_A_MEMBER', 'only the community’s members write in its discussions');
};

const mayModerate = (st: Standing) => {
  if (!st.moderator) refuse('NOT_A_MODERATOR', 'the community’s head or deputy moderates its discussions');
};

export const threadDecider: Decider<ThreadState, ThreadCommand, ThreadEvent> = {
  streamType: 'thread',
  initialState: initialThread,
  evolve: (s, e) => {
    switch (e.type) {
      case 'ThreadStarted':
        return { ...s, status: 'OPEN', communityId: e.data.communityId, title: e.data.title };
      case 'PostAdded':
        return { ...s, posts: [...s.posts, { postId: e.data.postId, authorId: e.data.authorId, text: e.data.text, at: e.data.at, hidden: null }] };
      case 'PostHidden':
        return { ...s, posts: s.posts.map((p) => (p.postId === e.data.postId ? { ...p, hidden: { reason: e.data.reason, by: e.data.by } } : p)) };
      case 'ThreadClosed':
        return { ...s, status: 'CLOSED' };
    }
  },
  decide: (c, s) => {
    const id = { threadId: c.threadId };
    switch (c.type) {
      case 'StartThread': {
        if (s.status !== 'none') return s.posts[0]?.postId === c.firstPost.postId ? [] : refuse('THREAD_EXISTS', `thread ${c.threadId} exists`);
        mayWrite(c.standing);
        if (!c.title.trim()) invalid('title', 'a thread has a title');
        checkText(c.firstPost.text);
        return [
          { type: 'ThreadStarted', data: { ...id, communityId: c.communityId, title: c.title.trim(), authorId: c.authorId, at: c.at } },
          { type: 'PostAdded', data: { ...id, postId: c.firstPost.postId, authorId: c.authorId, text: c.firstPost.text.trim(), at: c.at } },
        ];
      }
      case 'AddPost': {
        if (s.status === 'none') return notFound(`thread ${c.threadId}`, 'threadId');
        if (s.posts.some((p) => p.postId === c.postId)) return [];
        if (s.status === 'CLOSED') refuse('THREAD_CLOSED', 'the thread is closed');
        mayWrite(c.standing);
        checkText(c.text);
        return [{ type: 'PostAdded', data: { ...id, postId: c.postId, authorId: c.authorId, text: c.text.trim(), at: c.at } }];
      }
      case 'HidePost': {
        const post = s.posts.find((p) => p.postId === c.postId) ?? notFound(`post ${c.postId}`, 'postId');
        mayModerate(c.standing);
        if (post.hidden) return [];
        if (!c.reason.trim()) invalid('reason', 'hiding a post gives the reason');
        return [{ type: 'PostHidden', data: { ...id, postId: c.postId, reason: c.reason.trim(), by: c.by } }];
      }
      case 'CloseThread': {
        if (s.status === 'none') return notFound(`thread ${c.threadId}`, 'threadId');
        if (s.status === 'CLOSED') return [];
        mayModerate(c.standing);
        return [{ type: 'ThreadClosed', data: { ...id, by: c.by, reason: c.reason.trim() } }];
      }
    }
  },
};
