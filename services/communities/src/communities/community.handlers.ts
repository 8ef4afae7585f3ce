import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { invalid, notFound, StreamInfo } from '@mms/eventsourcing/core';
import { actorContext, checked, Checks, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { knownSchools, namedSchools, schoolOfTenant } from '../schools/known-schools';
import { REGION_TENANT } from '../tenants';
import {
  CloseReason,
  COMMUNITY_KINDS,
  CommunityCharter,
  CommunityCommand,
  communityDecider,
  CommunityState,
  currentMembers,
  MemberRole,
  Order,
} from './community.decider';

export interface CommunityResult {
  id: string;
  tenantId: string;
  state: CommunityState;
}

export const ROLES: MemberRole[] = ['HEAD', 'DEPUTY', 'MEMBER', 'EXPERT'];

/** The community's place for the access rules, from its own stream. */
export const placeIn = (s: CommunityState, stream: StreamInfo): access.CommunityPlace => ({
  tenantId: stream.tenantId,
  level: s.charter!.level,
  hostOrganizationId: s.charter!.hostOrganizationId,
  leaders: currentMembers(s)
    .filter((m) => m.role === 'HEAD' || m.role === 'DEPUTY')
    .map((m) => m.educatorId),
});

const checkOrder = (c: Checks, order: Order) => {
  c.text('order.number', order?.number, { max: 60, required: true });
  c.date('order.date', order?.date);
  c.text('order.issuer', order?.issuer, { max: 300, required: true });
};

/** A methodologist (or, for a ШМО, the school's coordinator) proposes a community in their own tenant. */
export const proposeCommunity = async (d: CommunitiesDeps, req: RequestContext, input: CommunityCharter): Promise<CommunityResult> => {
  const user = requireUser(req.user);
  const charter = checked('community', (c): CommunityCharter => {
    if (!COMMUNITY_KINDS.includes(input.kind)) c.problem('kind', `must be one of ${COMMUNITY_KINDS.join(', ')}`);
    if (!['SCHOOL', 'MUNICIPAL', 'REGIONAL'].includes(input.level)) c.problem('level', 'must be SCHOOL, MUNICIPAL or REGIONAL');
    if (input.hostOrganizationId != null) c.id('hostOrganizationId', input.hostOrganizationId);
    if (input.term) for (const f of ['from', 'to'] as const) c.date(`term.${f}`, input.term[f]);
    return {
      kind: input.kind,
      level: input.level,
      name: c.text('name', input.name, { max: 300, required: true })!,
      subject: c.text('subject', input.subject, { max: 80 }),
      direction: c.text('direction', input.direction, { max: 300 }),
      hostOrganizationId: input.hostOrganizationId ?? null,
      term: input.term ?? null,
      task: c.text('task', input.task, { max: 4000, multiline: true }),
    };
  });
  const tenantId = charter.level === 'REGIONAL' ? REGION_TENANT : user.municipalityId;
  if (!tenantId) return invalid('level', 'a municipal or school community is proposed by its municipality');
  access.communityManager(user, { tenantId, level: charter.level, hostOrganizationId: charter.hostOrganizationId }, 'propose communities');
  if (charter.hostOrganizationId) await knownSchools(d.tables.schools, tenantId, [{ field: 'hostOrganizationId', id: charter.hostOrganizationId }]);
  const communityId = newEntityId(req, 'community');
  const { state } = await d.commands.handle(
    communityDecider,
    streams.community(communityId),
    { communityId, type: 'ProposeCommunity', charter },
    { tenantId, ...actorContext(req, user) },
    { tenantId, fresh: true },
  );
  return { id: communityId, tenantId, state };
};

/** A command on an existing community, authorised on its own stream on every attempt. */
const onCommunity = async (
  d: CommunitiesDeps,
  req: RequestContext,
  communityId: string,
  authorise: (user: ReturnType<typeof requireUser>, place: access.CommunityPlace) => void,
  command: CommunityCommand,
): Promise<CommunityResult> => {
  const user = requireUser(req.user);
  checked('community', (c) => c.id('communityId', communityId));
  const { state, tenantId } = await d.commands.handle(
    communityDecider,
    streams.community(communityId),
    (s, stream) => {
      if (s.status === 'none') notFound(`community ${communityId}`, 'communityId');
      authorise(user, placeIn(s, stream));
      return command;
    },
    actorContext(req, user),
    { locate: true, fixed: true },
  );
  return { id: communityId, tenantId, state };
};

const manager = (what: string) => (u: ReturnType<typeof requireUser>, p: access.CommunityPlace) => access.communityManager(u, p, what);
const runner = (what: string) => (u: ReturnType<typeof requireUser>, p: access.CommunityPlace) => access.communityRunner(u, p, what);

export const approveCommunity = async (d: CommunitiesDeps, req: RequestContext, input: { communityId: string; order: Order }) => {
  checked('approval', (c) => checkOrder(c, input.order));
  return onCommunity(d, req, input.communityId, manager('approve communities'), {
    communityId: input.communityId,
    type: 'ApproveCommunity',
    order: input.order,
  });
};

export const startCommunity = async (d: CommunitiesDeps, req: RequestContext, communityId: string) =>
  onCommunity(d, req, communityId, manager('start communities'), { communityId, type: 'StartCommunity', today: d.clock.today() });

export const extendCommunity = async (d: CommunitiesDeps, req: RequestContext, input: { communityId: string; order: Order; to: string }) => {
  checked('extension', (c) => {
    checkOrder(c, input.order);
    c.date('to', input.to);
  });
  return onCommunity(d, req, input.communityId, manager('extend communities'), {
    communityId: input.communityId,
    type: 'ExtendCommunity',
    order: input.order,
    to: input.to,
  });
};

export const closeCommunity = async (d: CommunitiesDeps, req: RequestContext, input: { communityId: string; reason: CloseReason; note?: string | null }) => {
  const note = checked('closure', (c) => {
    if (!['TASK_DONE', 'TERM_OVER', 'BY_DECISION'].includes(input.reason)) c.problem('reason', 'must be TASK_DONE, TERM_OVER or BY_DECISION');
    return c.text('note', input.note, { max: 2000, multiline: true }) ?? '';
  });
  return onCommunity(d, req, input.communityId, manager('close communities'), {
    communityId: input.communityId,
    type: 'CloseCommunity',
    reason: input.reason,
    note,
    today: d.clock.today(),
  });
};

/** A member as the directory places them now (their school, their municipality). */
export const addMember = async (d: CommunitiesDeps, req: RequestContext, input: { communityId: string; educatorId: string; role: MemberRole }) => {
  checked('member', (c) => {
    c.id('educatorId', input.educatorId);
    if (!ROLES.includes(input.role)) c.problem('role', `must be one of ${ROLES.join(', ')}`);
  });
  const educator = await d.tables.educators.get(input.educatorId);
  if (!educator?.active) return notFound(`educator ${input.educatorId}`, 'educatorId');
  return onCommunity(d, req, input.communityId, runner('add members'), {
    communityId: input.communityId,
    type: 'AddMember',
    educatorId: educator._id,
    role: input.role,
    today: d.clock.today(),
    memberSchoolId: educator.organizationId,
    memberMunicipalityId: educator.municipalityId,
  });
};

export const changeMemberRole = async (d: CommunitiesDeps, req: RequestContext, input: { communityId: string; educatorId: string; role: MemberRole }) => {
  checked('member', (c) => {
    c.id('educatorId', input.educatorId);
    if (!ROLES.includes(input.role)) c.problem('role', `must be one of ${ROLES.join(', ')}`);
  });
  return onCommunity(d, req, input.communityId, runner('change roles'), {
    communityId: input.communityId,
    type: 'ChangeMemberRole',
    educatorId: input.educatorId,
    role: input.role,
  });
};

export const removeMember = async (d: CommunitiesDeps, req: RequestContext, input: { communityId: string; educatorId: string }) => {
  checked('member', (c) => c.id('educatorId', input.educatorId));
  return onCommunity(d, req, input.communityId, runner('remove members'), {
    communityId: input.communityId,
    type: 'RemoveMember',
    educatorId: input.educatorId,
    reason: 'REMOVED',
    today: d.clock.today(),
  });
};

export const submitCommunityReport = async (d: CommunitiesDeps, req: RequestContext, input: { communityId: string; period: string; summary: string }) => {
  const { period, summary } = checked('report', (c) => ({
    period: c.text('period', input.period, { max: 60, required: true })!,
    summary: c.text('summary', input.summary, { max: 20_000, required: true, multiline: true })!,
  }));
  return onCommunity(d, req, input.communityId, runner('report'), {
    communityId: input.communityId,
    type: 'SubmitReport',
    period,
    summary,
    today: d.clock.today(),
  });
};

export const setGroupTask = async (
  d: CommunitiesDeps,
  req: RequestContext,
  input: { communityId: string; taskId?: string | null; title: string; ownerId: string; dueOn: string },
) => {
  const title = checked('task', (c) => {
    if (input.taskId != null) c.id('taskId', input.taskId);
    c.id('ownerId', input.ownerId);
    c.date('dueOn', input.dueOn);
    return c.text('title', input.title, { max: 500, required: true })!;
  });
  const taskId = input.taskId ?? newEntityId(req, 'task');
  return onCommunity(d, req, input.communityId, runner('set tasks'), {
    communityId: input.communityId,
    type: 'SetGroupTask',
    task: { taskId, title, ownerId: input.ownerId, dueOn: input.dueOn },
  });
};

export const completeGroupTask = async (d: CommunitiesDeps, req: RequestContext, input: { communityId: string; taskId: string }) => {
  checked('task', (c) => c.id('taskId', input.taskId));
  return onCommunity(d, req, input.communityId, runner('complete tasks'), {
    communityId: input.communityId,
    type: 'CompleteGroupTask',
    taskId: input.taskId,
    today: d.clock.today(),
  });
};

/**
 * A school joins a network community (the tenant's manager or the community's runners): a school
 * the directory knows, of the community's municipality (any in the region for a regional one); a
 * ШМО stays its one school's (the decider's rule).
 */
export const addOrganization = async (d: CommunitiesDeps, req: RequestContext, input: { communityId: string; organizationId: string }) => {
  checked('organization', (c) => c.id('organizationId', input.organizationId));
  const [school] = await namedSchools(d.tables.schools, [{ field: 'organizationId', id: input.organizationId }]);
  const runs = runner('add schools');
  return onCommunity(
    d,
    req,
    input.communityId,
    (user, place) => {
      runs(user, place);
      schoolOfTenant(place.tenantId, school!, 'organizationId');
    },
    { communityId: input.communityId, type: 'AddOrganization', organizationId: school!._id },
  );
};
