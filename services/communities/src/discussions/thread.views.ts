import type { RequestContext } from '@mms/auth';
import { notFound } from '@mms/eventsourcing/core';
import * as access from '../access/policy';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { placeOf } from '../communities/community.place';
import { communityView } from '../communities/community.views';
import { seesInside } from '../communities/community.views';
import { threadDecider, ThreadState } from './thread.decider';

/**
 * A thread with its posts, for its community's members and runners. A hidden post keeps its
 * place and its reason for everyone; its text only for moderators (who may need to reconsider).
 */
export const threadView = async (d: CommunitiesDeps, req: RequestContext, r: { id: string; tenantId: string; state: ThreadState }) => {
  const row = r.state.communityId ? await d.tables.communities.get(r.state.communityId) : null;
  if (!row || !seesInside(req.user, row)) return null;
  const canModerate = access.isLeaderOf(req.user, placeOf(row)) || access.isManagerOf(req.user, row.tenantId);
  return {
    id: r.id,
    community: communityView(row),
    title: r.state.title ?? '',
    status: r.state.status,
    canModerate,
    posts: r.state.posts.map((p) => ({
      postId: p.postId,
      authorId: p.authorId,
      author: { id: p.authorId },
      text: p.hidden && !canModerate ? null : p.text,
      at: p.at,
      hidden: !!p.hidden,
      hiddenReason: p.hidden?.reason ?? null,
    })),
  };
};

export const threadById = async (d: CommunitiesDeps, req: RequestContext, threadId: string) => {
  const row = await d.tables.threads.get(threadId);
  if (!row) return null;
  const { state } = await d.commands.load(threadDecider, row.tenantId, streams.thread(threadId));
  return threadView(d, req, { id: threadId, tenantId: row.tenantId, state });
};

/** A mutation's answer: the caller wrote it, so they see it (the member check ran in the decider). */
export const answered = async (d: CommunitiesDeps, req: RequestContext, r: { id: string; tenantId: string; state: ThreadState }) =>
  (await threadView(d, req, r)) ?? notFound(`thread ${r.id}`, 'threadId');
