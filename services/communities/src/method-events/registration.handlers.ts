import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { notFound } from '@mms/eventsourcing/core';
import { actorContext, checked } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { methodEventDecider } from './method-event.decider';
import { asEventOrganiser, MethodEventResult } from './method-event.handlers';

/** The educator a registration is for: the caller's own record by default, as the directory places them now. */
const educatorFor = async (d: CommunitiesDeps, req: RequestContext, educatorId?: string | null) => {
  const user = requireUser(req.user);
  const id = educatorId ?? user.educatorId;
  checked('registration', (c) => c.id('educatorId', id));
  const educator = await d.tables.educators.get(id!);
  if (!educator?.active) return notFound(`educator ${id}`, 'educatorId');
  const { by } = access.registrant(user, { educatorId: educator._id, municipalityId: educator.municipalityId, organizationId: educator.organizationId });
  return { user, educator, by };
};

/** A teacher registers (or their coordinator registers them): a seat, else the waitlist; the rules are the decider's. */
export const register = async (
  d: CommunitiesDeps,
  req: RequestContext,
  input: { methodEventId: string; educatorId?: string | null },
): Promise<MethodEventResult> => {
  checked('registration', (c) => c.id('methodEventId', input.methodEventId));
  const { user, educator, by } = await educatorFor(d, req, input.educatorId);
  const { state, tenantId } = await d.commands.handle(
    methodEventDecider,
    streams.methodEvent(input.methodEventId),
    {
      methodEventId: input.methodEventId,
      type: 'Register',
      educatorId: educator._id,
      educatorMunicipalityId: educator.municipalityId,
      by,
      now: d.clock.now().toISOString(),
    },
    actorContext(req, user),
    { locate: true, fixed: true },
  );
  return { id: input.methodEventId, tenantId, state };
};

/** The registrant (or their coordinator) cancels; a freed seat goes to the first waiting. */
export const cancelRegistration = async (d: CommunitiesDeps, req: RequestContext, input: { methodEventId: string; educatorId?: string | null }) => {
  checked('cancellation', (c) => c.id('methodEventId', input.methodEventId));
  const { user, educator, by } = await educatorFor(d, req, input.educatorId);
  const { state, tenantId } = await d.commands.handle(
    methodEventDecider,
    streams.methodEvent(input.methodEventId),
    { methodEventId: input.methodEventId, type: 'CancelRegistration', educatorId: educator._id, by, now: d.clock.now().toISOString() },
    actorContext(req, user),
    { locate: true, fixed: true },
  );
  return { id: input.methodEventId, tenantId, state };
};

/** Moderation: the organiser seats (or queues) a pending registration. */
export const approveRegistration = async (d: CommunitiesDeps, req: RequestContext, input: { methodEventId: string; educatorId: string }) => {
  checked('approval', (c) => c.id('educatorId', input.educatorId));
  return asEventOrganiser(d, req, input.methodEventId, 'moderate registrations', () => ({
    methodEventId: input.methodEventId,
    type: 'ApproveRegistration',
    educatorId: input.educatorId,
  }));
};

export const rejectRegistration = async (d: CommunitiesDeps, req: RequestContext, input: { methodEventId: string; educatorId: string; reason: string }) => {
  const reason = checked('rejection', (c) => {
    c.id('educatorId', input.educatorId);
    return c.text('reason', input.reason, { max: 2000, required: true, multiline: true })!;
  });
  return asEventOrganiser(d, req, input.methodEventId, 'moderate registrations', () => ({
    methodEventId: input.methodEventId,
    type: 'RejectRegistration',
    educatorId: input.educatorId,
    reason,
  }));
};
