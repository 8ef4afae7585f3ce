import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { COMMUNITIES_DEPS, CommunitiesDeps } from '../communities.deps';
import { historyOf } from '../communities.history';
import { streams } from '../communities.streams';
import * as h from './community.handlers';
import * as lists from './community.lists';
import * as q from './community.queries';
import { CommunityView, seesInside } from './community.views';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** Communities: the register, lifecycle by orders, members, reports, a working group's tasks. */
@GraphQLSlice()
@Injectable()
export class CommunityResolvers implements SliceResolvers {
  constructor(@Inject(COMMUNITIES_DEPS) private readonly d: CommunitiesDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    const answer =
      <A extends unknown[]>(f: (...a: A) => Promise<{ id: string; tenantId: string }>) =>
      async (...a: A) =>
        q.freshCommunity(d, await f(...a));
    return {
      Query: {
        communities: (_: unknown, a: Args) => q.register(d, a['filter'] ?? {}),
        community: (_: unknown, a: Args) => q.communityById(d, a['id']),
        overdueGroupTasks: (_: unknown, a: Args, c: Ctx) => q.overdueGroupTasks(d, c.request, a['municipalityId']),
      },
      Mutation: {
        proposeCommunity: answer((_: unknown, a: Args, c: Ctx) =>
          h.proposeCommunity(d, c.request, { subject: null, direction: null, hostOrganizationId: null, term: null, task: null, ...a['input'] }),
        ),
        approveCommunity: answer((_: unknown, a: Args, c: Ctx) => h.approveCommunity(d, c.request, { communityId: a['communityId'], order: a['order'] })),
        startCommunity: answer((_: unknown, a: Args, c: Ctx) => h.startCommunity(d, c.request, a['communityId'])),
        extendCommunity: answer((_: unknown, a: Args, c: Ctx) => h.extendCommunity(d, c.request, a as never)),
        closeCommunity: answer((_: unknown, a: Args, c: Ctx) => h.closeCommunity(d, c.request, a as never)),
        addCommunityMember: answer((_: unknown, a: Args, c: Ctx) => h.addMember(d, c.request, a as never)),
        addCommunityMembers: async (_: unknown, a: Args, c: Ctx) => {
          const r = await lists.addMembers(d, c.request, { communityId: a['communityId'], members: a['members'] ?? [] });
          return { community: await q.freshCommunity(d, r), refused: r.refused };
        },
        changeCommunityMemberRole: answer((_: unknown, a: Args, c: Ctx) => h.changeMemberRole(d, c.request, a as never)),
        removeCommunityMember: answer((_: unknown, a: Args, c: Ctx) => h.removeMember(d, c.request, a as never)),
        submitCommunityReport: answer((_: unknown, a: Args, c: Ctx) => h.submitCommunityReport(d, c.request, a as never)),
        setGroupTask: answer((_: unknown, a: Args, c: Ctx) => h.setGroupTask(d, c.request, a as never)),
        completeGroupTask: answer((_: unknown, a: Args, c: Ctx) => h.completeGroupTask(d, c.request, a as never)),
        addCommunityOrganization: answer((_: unknown, a: Args, c: Ctx) => h.addOrganization(d, c.request, a as never)),
      },
      Community: {
        members: (cv: CommunityView, a: Args) => q.members(d, cv, !!a['includeFormer']),
        reports: (cv: CommunityView) => q.reports(d, cv),
        tasks: (cv: CommunityView, _: Args, c: Ctx) => q.tasks(d, c.request, cv),
        threads: (cv: CommunityView, _: Args, c: Ctx) => q.threads(d, c.request, cv),
        canRun: (cv: CommunityView, _: Args, c: Ctx) => q.runs(c.request, cv),
        history: (cv: CommunityView, _: Args, c: Ctx) => (seesInside(c.request.user, cv) ? historyOf(d, cv.tenantId, streams.community(cv.id)) : []),
      },
      Educator: {
        communityMemberships: (e: { id: string }, a: Args) => q.membershipsOf(d, e.id, !!a['includeFormer']),
      },
      EducationalOrganization: {
        communities: async (o: { id: string }) => (await d.tables.communities.find({ organizationIds: o.id })).map((r) => q.communityView(r)),
      },
      Municipality: {
        communities: async (m: { id: string }) => (await d.tables.communities.find({ tenantId: m.id })).map((r) => q.communityView(r)),
      },
    };
  }
}
