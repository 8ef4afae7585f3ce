import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { notFound } from '@mms/eventsourcing/core';
import { actorContext, checked, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { placeOf } from '../communities/community.place';
import { MAX_POST_CHARS, Standing, ThreadCommand, threadDecider, ThreadState } from './thread.decider';

export interface ThreadResult {
  id: string;
  tenantId: string;
  state: ThreadState;
}

/** The caller's standing in a community, from its read rows: a current member, a moderator (head, deputy, manager), is it open. */
const standingIn = async (
  d: CommunitiesDeps,
  req: RequestContext,
  communityId: string,
): Promise<{ standing: Standing; tenantId: string; authorId: string }> => {
  const user = requireUser(req.user);
  const row = (await d.tables.communities.get(communityId)) ?? notFound(`community ${communityId}`, 'communityId');
  const authorId = user.educatorId ?? user.subject;
  const member = !!user.educatorId && row.current[user.educatorId] !== undefined;
  const place = placeOf(row);
  const moderator = access.isLeaderOf(user, place) || access.isManagerOf(user, row.tenantId);
  return { standing: { member: member || moderator, moderator, communityOpen: row.status !== 'CLOSED' }, tenantId: row.tenantId, authorId };
};

const text = (what: string, value: string) => checked(what, (c) => c.text('text', value, { max: MAX_POST_CHARS, required: true, multiline: true })!);

export const startThread = async (
  d: CommunitiesDeps,
  req: RequestContext,
  input: { communityId: string; title: string; text: string },
): Promise<ThreadResult> => {
  const title = checked('thread', (c) => {
    c.id('communityId', input.communityId);
    return c.text('title', input.title, { max: 300, required: true })!;
  });
  const body = text('thread', input.text);
  const { standing, tenantId, authorId } = await standingIn(d, req, input.communityId);
  const threadId = newEntityId(req, 'thread');
  const { state } = await d.commands.handle(
    threadDecider,
    streams.thread(threadId),
    {
      threadId,
      type: 'StartThread',
      communityId: input.communityId,
      title,
      firstPost: { postId: newEntityId(req, 'post'), text: body },
      authorId,
      at: d.clock.now().toISOString(),
      standing,
    },
    { tenantId, ...actorContext(req, requireUser(req.user)) },
    { tenantId, fresh: true },
  );
  return { id: threadId, tenantId, state };
};

/** A command on a thread, with the caller's standing in its community read for it. */
const onThread = async (
  d: CommunitiesDeps,
  req: RequestContext,
  threadId: string,
  command: (standing: Standing, authorId: string) => ThreadCommand,
): Promise<ThreadResult> => {
  const user = requireUser(req.user);
  checked('thread', (c) => c.id('threadId', threadId));
  const { state: current } = await d.commands.load(threadDecider, { locate: true, fixed: true }, streams.thread(threadId));
  if (current.status === 'none') return notFound(`thread ${threadId}`, 'threadId');
  const { standing, authorId } = await standingIn(d, req, current.communityId!);
  const { state, tenantId } = await d.commands.handle(threadDecider, streams.thread(threadId), command(standing, authorId), actorContext(req, user), {
    locate: true,
    fixed: true,
  });
  return { id: threadId, tenantId, state };
};

export const addPost = async (d: CommunitiesDeps, req: RequestContext, input: { threadId: string; text: string }) => {
  const body = text('post', input.text);
  const postId = newEntityId(req, 'post');
  return onThread(d, req, input.threadId, (standing, authorId) => ({
    threadId: input.threadId,
    type: 'AddPost',
    postId,
    authorId,
    text: body,
    at: d.clock.now().toISOString(),
    standing,
  }));
};

export const hidePost = async (d: CommunitiesDeps, req: RequestContext, input: { threadId: string; postId: string; reason: string }) => {
  const reason = checked('moderation', (c) => {
    c.id('postId', input.postId);
    return c.text('reason', input.reason, { max: 2000, required: true, multiline: true })!;
  });
  return onThread(d, req, input.threadId, (standing, authorId) => ({
    threadId: input.threadId,
    type: 'HidePost',
    postId: input.postId,
    reason,
    by: authorId,
    standing,
  }));
};

export const closeThread = async (d: CommunitiesDeps, req: RequestContext, input: { threadId: string; reason?: string | null }) => {
  const reason = checked('moderation', (c) => c.text('reason', input.reason, { max: 2000, multiline: true }) ?? '');
  return onThread(d, req, input.threadId, (standing, authorId) => ({ threadId: input.threadId, type: 'CloseThread', reason, by: authorId, standing }));
};
