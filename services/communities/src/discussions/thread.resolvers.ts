import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { COMMUNITIES_DEPS, CommunitiesDeps } from '../communities.deps';
import * as h from './thread.handlers';
import { answered, threadById } from './thread.views';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** A community's discussions: threads, posts, moderation. */
@GraphQLSlice()
@Injectable()
export class ThreadResolvers implements SliceResolvers {
  constructor(@Inject(COMMUNITIES_DEPS) private readonly d: CommunitiesDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        communityThread: (_: unknown, a: Args, c: Ctx) => threadById(d, c.request, a['id']),
      },
      Mutation: {
        startCommunityThread: async (_: unknown, a: Args, c: Ctx) =>
          answered(d, c.request, await h.startThread(d, c.request, { communityId: a['communityId'], title: a['title'], text: a['text'] })),
        addCommunityPost: async (_: unknown, a: Args, c: Ctx) =>
          answered(d, c.request, await h.addPost(d, c.request, { threadId: a['threadId'], text: a['text'] })),
        hideCommunityPost: async (_: unknown, a: Args, c: Ctx) =>
          answered(d, c.request, await h.hidePost(d, c.request, { threadId: a['threadId'], postId: a['postId'], reason: a['reason'] })),
        closeCommunityThread: async (_: unknown, a: Args, c: Ctx) =>
          answered(d, c.request, await h.closeThread(d, c.request, { threadId: a['threadId'], reason: a['reason'] })),
      },
    };
  }
}
