import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { isLocalDateTime, zonedToInstant } from '@mms/contracts/dates';
import { actorContext, checked, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { REGION_TENANT } from '../tenants';
import { METHOD_EVENT_KINDS, MethodEventCommand, methodEventDecider, MethodEventKind, MethodEventPlan, MethodEventState } from './method-event.decider';
import { organiserCheck, organiserFacts } from './organiser';

export interface PublishInput {
  kind: MethodEventKind;
  title: string;
  organiser: { kind: 'SERVICE' | 'COMMUNITY' | 'SITE'; id?: string | null };
  level: 'SCHOOL' | 'MUNICIPAL' | 'REGIONAL';
  /** Wall-clock times in the region's zone, `YYYY-MM-DDTHH:mm`. */
  startsAt: string;
  endsAt: string;
  place?: string | null;
  onlineUrl?: string | null;
  audience?: { subjects?: string[] | null; positions?: string[] | null } | null;
  capacity: number;
  moderated?: boolean | null;
}

/** The event as its handlers answer: id, tenant and the state after the command. */
export interface MethodEventResult {
  id: string;
  tenantId: string;
  state: MethodEventState;
}

/** Publishes an event: the organiser's tenant is the service's (the caller's), or the organising community's or site's. */
export const publishMethodEvent = async (d: CommunitiesDeps, req: RequestContext, input: PublishInput): Promise<MethodEventResult> => {
  const user = requireUser(req.user);
  const plan = checked('event', (c) => {
    if (!METHOD_EVENT_KINDS.includes(input.kind)) c.problem('kind', `must be one of ${METHOD_EVENT_KINDS.join(', ')}`);
    const title = c.text('title', input.title, { max: 300, required: true })!;
    for (const f of ['startsAt', 'endsAt'] as const) if (!isLocalDateTime(String(input[f] ?? ''))) c.problem(f, 'must be a local date-time YYYY-MM-DDTHH:mm');
    const place = c.text('place', input.place, { max: 500 });
    if (input.onlineUrl != null) c.pattern('onlineUrl', input.onlineUrl, /^https:\/\/\S{3,2000}$/, 'must be an https:// link');
    const subjects = c.list('audience.subjects', input.audience?.subjects ?? [], { maxItems: 30, maxLength: 80, unique: true }) ?? [];
    const positions = c.list('audience.positions', input.audience?.positions ?? [], { maxItems: 30, maxLength: 120, unique: true }) ?? [];
    c.int('capacity', input.capacity, 1, 10_000);
    if (!['SERVICE', 'COMMUNITY', 'SITE'].includes(input.organiser?.kind)) c.problem('organiser.kind', 'must be SERVICE, COMMUNITY or SITE');
    else if (input.organiser.kind !== 'SERVICE') c.id('organiser.id', input.organiser.id);
    if (!['SCHOOL', 'MUNICIPAL', 'REGIONAL'].includes(input.level)) c.problem('level', 'must be SCHOOL, MUNICIPAL or REGIONAL');
    return { title, place, audience: { subjects, positions } };
  });
  const facts = await organiserFacts(d, { kind: input.organiser.kind, id: input.organiser.id ?? '' });
  const tenantId = facts.tenantId ?? (input.level === 'REGIONAL' ? REGION_TENANT : (user.municipalityId ?? REGION_TENANT));
  access.eventOrganiser(user, { tenantId, organiser: input.organiser.kind, ...facts }, 'publish events');
  const full: MethodEventPlan = {
    kind: input.kind,
    title: plan.title,
    organiser: { kind: input.organiser.kind, id: input.organiser.kind === 'SERVICE' ? tenantId : input.organiser.id! },
    level: input.level,
    startsAt: zonedToInstant(input.startsAt, d.clock.timeZone),
    endsAt: zonedToInstant(input.endsAt, d.clock.timeZone),
    place: plan.place,
    onlineUrl: input.onlineUrl ?? null,
    audience: plan.audience,
    capacity: input.capacity,
    moderated: input.moderated ?? false,
  };
  const methodEventId = newEntityId(req, 'methodEvent');
  const { state } = await d.commands.handle(
    methodEventDecider,
    streams.methodEvent(methodEventId),
    { methodEventId, type: 'PublishMethodEvent', plan: full, checkInCode: d.newCode(), now: d.clock.now().toISOString() },
    { tenantId, ...actorContext(req, user) },
    { tenantId, fresh: true },
  );
  return { id: methodEventId, tenantId, state };
};

/** A command of the event's organiser, authorised on the stream's own state on every attempt. */
export const asEventOrganiser = async (
  d: CommunitiesDeps,
  req: RequestContext,
  methodEventId: string,
  what: string,
  command: (s: MethodEventState) => MethodEventCommand,
): Promise<MethodEventResult> => {
  const user = requireUser(req.user);
  checked('event', (c) => c.id('methodEventId', methodEventId));
  const check = await organiserCheck(d, req, methodEventId, what);
  const { state, tenantId } = await d.commands.handle(
    methodEventDecider,
    streams.methodEvent(methodEventId),
    (s, stream) => {
      check(s, stream);
      return command(s);
    },
    actorContext(req, user),
    { locate: true, fixed: true },
  );
  return { id: methodEventId, tenantId, state };
};

export const changeCapacity = async (d: CommunitiesDeps, req: RequestContext, input: { methodEventId: string; capacity: number }) =>
  asEventOrganiser(d, req, input.methodEventId, 'change seats', () => ({
    methodEventId: input.methodEventId,
    type: 'ChangeCapacity',
    capacity: input.capacity,
    now: d.clock.now().toISOString(),
  }));

export const cancelMethodEvent = async (d: CommunitiesDeps, req: RequestContext, input: { methodEventId: string; reason: string }) => {
  const reason = checked('cancellation', (c) => c.text('reason', input.reason, { max: 2000, required: true, multiline: true })!);
  return asEventOrganiser(d, req, input.methodEventId, 'cancel the event', () => ({
    methodEventId: input.methodEventId,
    type: 'CancelMethodEvent',
    reason,
    now: d.clock.now().toISOString(),
  }));
};

/** A speaker: an educator the directory knows, with the title and summary of what they present. */
export const addSpeaker = async (
  d: CommunitiesDeps,
  req: RequestContext,
  input: { methodEventId: string; educatorId: string; title: string; summary?: string | null },
) => {
  const { title, summary } = checked('speaker', (c) => {
    c.id('educatorId', input.educatorId);
    return {
      title: c.text('title', input.title, { max: 300, required: true })!,
      summary: c.text('summary', input.summary, { max: 4000, multiline: true }) ?? '',
    };
  });
  const educator = await d.tables.educators.get(input.educatorId);
  if (!educator?.active) checked('speaker', (c) => c.problem('educatorId', 'is not an educator the directory knows'));
  return asEventOrganiser(d, req, input.methodEventId, 'add speakers', () => ({
    methodEventId: input.methodEventId,
    type: 'AddSpeaker',
    speaker: { educatorId: input.educatorId, title, summary },
  }));
};
