import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { notFound, NotFoundError, PlatformError } from '@mms/eventsourcing/core';
import { actorContext, checked, checkListSize, entryError, ListEntryError, listOnStream } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { CommunityCommand, communityDecider, MemberRole } from './community.decider';
import { CommunityResult, placeIn, ROLES } from './community.handlers';

/** Members per `addCommunityMembers` call: a large school's staff or a network's roster. */
export const MAX_MEMBERS = 500;

/**
 * A roster at once (a ШМО's teachers, a network's members): each entry checked and decided as
 * `addMember` would, all of them in one commit. An entry refused (its input, an educator
 * unknown or gone, another municipality's or school's) is answered by its index; a caller who
 * may not run the community, or a community that does not exist, refuses the call whole.
 */
export const addMembers = async (
  d: CommunitiesDeps,
  req: RequestContext,
  input: { communityId: string; members: Array<{ educatorId: string; role: MemberRole }> },
): Promise<CommunityResult & { refused: ListEntryError[] }> => {
  const user = requireUser(req.user);
  checked('members', (c) => c.id('communityId', input.communityId));
  checkListSize('members', input.members.length, MAX_MEMBERS);
  const refused: ListEntryError[] = [];
  const refuse = (index: number, err: unknown) => {
    if (!(err instanceof PlatformError)) throw err;
    refused.push({ index, error: entryError(err, `members.${index}.`) });
  };
  const wellFormed = input.members.flatMap((m, index) => {
    try {
      checked('member', (c) => {
        c.id(`members.${index}.educatorId`, m.educatorId);
        if (!ROLES.includes(m.role)) c.problem(`members.${index}.role`, `must be one of ${ROLES.join(', ')}`);
      });
      return [{ index, ...m }];
    } catch (err) {
      refuse(index, err);
      return [];
    }
  });
  const educators = new Map((await d.tables.educators.getMany(wellFormed.map((m) => m.educatorId))).map((e) => [e._id, e]));
  const today = d.clock.today();
  const entries = wellFormed.flatMap(({ index, educatorId, role }) => {
    const educator = educators.get(educatorId);
    if (!educator?.active) {
      refuse(index, new NotFoundError(`educator ${educatorId} not found`, { field: 'educatorId' }));
      return [];
    }
    const command: CommunityCommand = {
      communityId: input.communityId,
      type: 'AddMember',
      educatorId: educator._id,
      role,
      today,
      memberSchoolId: educator.organizationId,
      memberMunicipalityId: educator.municipalityId,
    };
    return [{ index, command }];
  });
  const {
    state,
    tenantId,
    refused: all,
  } = await listOnStream(d.commands, {
    decider: communityDecider,
    streamId: streams.community(input.communityId),
    where: { locate: true, fixed: true },
    ctx: actorContext(req, user),
    authorise: (s, at) => {
      if (s.status === 'none') notFound(`community ${input.communityId}`, 'communityId');
      access.communityRunner(user, placeIn(s, at), 'add members');
    },
    entries,
    refused,
    list: 'members',
  });
  return { id: input.communityId, tenantId, state, refused: all };
};
