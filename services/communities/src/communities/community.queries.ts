import type { RequestContext } from '@mms/auth';
import { checked } from '@mms/service-kit/core';
import type { CommunitiesDeps } from '../communities.deps';
import { freshRow } from '../communities.fresh';
import { streams } from '../communities.streams';
import { REGION_TENANT } from '../tenants';
import * as access from '../access/policy';
import { communityDecider, CommunityKind, CommunityState, overdueTasks } from './community.decider';
import { CommunityRow, communityRows } from './community.rows';
import { canRun, communityView, CommunityView, memberView, seesInside } from './community.views';

export { communityView };

const byName = (a: CommunityRow, b: CommunityRow) => a.name.localeCompare(b.name, 'ru') || (a._id < b._id ? -1 : 1);

/** The public register: a municipality's communities, then the region's (without a municipality: the region's). */
export const register = async (
  d: CommunitiesDeps,
  f: { municipalityId?: string | null; kind?: CommunityKind | null; status?: CommunityRow['status'] | null },
): Promise<CommunityView[]> => {
  checked('filter', (c) => {
    if (f.municipalityId != null) c.id('municipalityId', f.municipalityId);
  });
  const tenants = f.municipalityId ? [f.municipalityId, REGION_TENANT] : [REGION_TENANT];
  const out: CommunityRow[] = [];
  // one equality read per tenant (index-served everywhere), the rest filtered here
  for (const tenantId of tenants) out.push(...(await d.tables.communities.find({ tenantId, ...(f.kind ? { kind: f.kind } : {}) })).sort(byName));
  return out.filter((r) => !f.status || r.status === f.status).map(communityView);
};

export const communityById = async (d: CommunitiesDeps, id: string) => {
  const row = await d.tables.communities.get(id);
  return row && communityView(row);
};

/** A mutation's answer: the row its stream makes now. */
export const freshCommunity = async (d: CommunitiesDeps, r: { id: string; tenantId: string }): Promise<CommunityView> =>
  communityView((await freshRow(d, communityRows, r.tenantId, streams.community(r.id), r.id))!);

export const members = async (d: CommunitiesDeps, c: CommunityView, includeFormer: boolean) =>
  (await d.tables.memberships.find({ communityId: c.id }, { sort: { since: 1, _id: 1 } })).filter((m) => includeFormer || m.leftOn === null).map(memberView);

const stateOf = async (d: CommunitiesDeps, c: CommunityView): Promise<CommunityState> =>
  (await d.commands.load(communityDecider, c.tenantId, streams.community(c.id))).state;

/** Reports (public: what the community did), newest first. */
export const reports = async (d: CommunitiesDeps, c: CommunityView) => (c.reportCount ? [...(await stateOf(d, c)).reports].reverse() : []);

/** A working group's tasks, for those who see inside; overdue against the region's today. */
export const tasks = async (d: CommunitiesDeps, req: RequestContext, c: CommunityView) => {
  if (!Object.keys(c.tasks).length || !seesInside(req.user, c)) return [];
  const today = d.clock.today();
  return Object.values((await stateOf(d, c)).tasks)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))
    .map((t) => ({ ...t, owner: { id: t.ownerId }, overdue: !t.doneOn && t.dueOn < today }));
};

export const threads = async (d: CommunitiesDeps, req: RequestContext, c: CommunityView) => {
  if (!seesInside(req.user, c)) return null;
  return (await d.tables.threads.find({ communityId: c.id })).sort((a, b) => (a.lastPostAt > b.lastPostAt ? -1 : 1)).map((t) => ({ ...t, id: t._id }));
};

export const runs = (req: RequestContext, c: CommunityView) => canRun(req.user, c);

/** An educator's memberships (public, as the register's member lists are). */
export const membershipsOf = async (d: CommunitiesDeps, educatorId: string, includeFormer: boolean) => {
  const rows = (await d.tables.memberships.find({ educatorId })).filter((m) => includeFormer || m.leftOn === null);
  const communities = new Map((await d.tables.communities.getMany(rows.map((m) => m.communityId))).map((c) => [c._id, c]));
  return rows.filter((m) => communities.has(m.communityId)).map((m) => ({ ...m, community: communityView(communities.get(m.communityId)!) }));
};

/** Working groups' tasks past their deadline and not done: a municipality's (its methodologist) or the region's (the operator). */
export const overdueGroupTasks = async (d: CommunitiesDeps, req: RequestContext, municipalityId: string | null | undefined) => {
  access.overdueReader(req.user, municipalityId ?? null);
  checked('filter', (c) => {
    if (municipalityId != null) c.id('municipalityId', municipalityId);
  });
  const today = d.clock.today();
  // The row's soonest open deadline says which communities to open at all.
  const late = (await d.tables.communities.find({ tenantId: municipalityId ?? REGION_TENANT })).filter((r) => (r.openTaskDue[0] ?? today) < today);
  const out = [];
  for (const row of late) {
    const view = communityView(row);
    for (const t of overdueTasks(await stateOf(d, view), today))
      out.push({ community: view, taskId: t.taskId, title: t.title, owner: { id: t.ownerId }, dueOn: t.dueOn });
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
};
