import type { RequestContext } from '@mms/auth';
import { allow, requireUser } from '@mms/auth';
import { PlatformError } from '@mms/eventsourcing/core';
import { actorContext, checked, checkListSize, entryError, ListEntryError, listOnStream } from '@mms/service-kit/core';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { MethodEventCommand, methodEventDecider } from './method-event.decider';
import { asEventOrganiser, MethodEventResult } from './method-event.handlers';
import { organiserCheck } from './organiser';

export const markAttendance = async (d: CommunitiesDeps, req: RequestContext, input: { methodEventId: string; educatorId: string; present: boolean }) => {
  checked('attendance', (c) => c.id('educatorId', input.educatorId));
  return asEventOrganiser(d, req, input.methodEventId, 'mark attendance', () => ({
    methodEventId: input.methodEventId,
    type: 'MarkAttendance',
    educatorId: input.educatorId,
    present: input.present,
    now: d.clock.now().toISOString(),
  }));
};

/** A teacher's own acts on an event they attend (check-in, feedback): their educator record from the token. */
const ownEvent = async (
  d: CommunitiesDeps,
  req: RequestContext,
  methodEventId: string,
  what: string,
  command: (educatorId: string, now: string) => MethodEventCommand,
): Promise<MethodEventResult> => {
  const user = requireUser(req.user);
  allow(user.role === 'teacher' && !!user.educatorId, `only a teacher may ${what}`);
  checked(what, (c) => c.id('methodEventId', methodEventId));
  const { state, tenantId } = await d.commands.handle(
    methodEventDecider,
    streams.methodEvent(methodEventId),
    command(user.educatorId!, d.clock.now().toISOString()),
    actorContext(req, user),
    { locate: true, fixed: true },
  );
  return { id: methodEventId, tenantId, state };
};

/** The attendee checks in with the code the organiser shows during the event. */
export const checkIn = async (d: CommunitiesDeps, req: RequestContext, input: { methodEventId: string; code: string }) => {
  const code = checked('check-in', (c) => c.text('code', input.code, { max: 20, required: true })!);
  return ownEvent(d, req, input.methodEventId, 'check in', (educatorId, now) => ({
    methodEventId: input.methodEventId,
    type: 'CheckIn',
    educatorId,
    code,
    now,
  }));
};

export const giveFeedback = async (d: CommunitiesDeps, req: RequestContext, input: { methodEventId: string; rating: number; comment?: string | null }) => {
  const comment = checked('feedback', (c) => {
    c.int('rating', input.rating, 1, 5);
    return c.text('comment', input.comment, { max: 2000, multiline: true }) ?? '';
  });
  return ownEvent(d, req, input.methodEventId, 'give feedback', (educatorId, now) => ({
    methodEventId: input.methodEventId,
    type: 'GiveFeedback',
    educatorId,
    rating: input.rating,
    comment,
    now,
  }));
};

/** Certificates for those present, numbered per event (`<event's short id>-0001`). */
export const issueCertificates = async (d: CommunitiesDeps, req: RequestContext, input: { methodEventId: string; hours: number }) => {
  checked('certificates', (c) => c.number('hours', input.hours, 0.5, 144));
  return asEventOrganiser(d, req, input.methodEventId, 'issue certificates', () => ({
    methodEventId: input.methodEventId,
    type: 'IssueCertificates',
    hours: input.hours,
    numberPrefix: `МС-${input.methodEventId.slice(0, 8).toUpperCase()}`,
    now: d.clock.now().toISOString(),
  }));
};

/** Entries per attendance sheet: the largest event's registrations. */
export const MAX_SHEET = 1000;

/**
 * The attendance sheet at once, after the event: each entry decided as `markAttendance`
 * would, all in one commit. An entry refused (not registered, a certificate already issued
 * for them) is answered by its index; an organiser check that fails refuses the sheet whole.
 */
export const markAttendanceSheet = async (
  d: CommunitiesDeps,
  req: RequestContext,
  input: { methodEventId: string; entries: Array<{ educatorId: string; present: boolean }> },
): Promise<MethodEventResult & { refused: ListEntryError[] }> => {
  const user = requireUser(req.user);
  checked('attendance', (c) => c.id('methodEventId', input.methodEventId));
  checkListSize('entries', input.entries.length, MAX_SHEET);
  const refused: ListEntryError[] = [];
  const now = d.clock.now().toISOString();
  const entries = input.entries.flatMap(({ educatorId, present }, index) => {
    try {
      checked('attendance', (c) => c.id(`entries.${index}.educatorId`, educatorId));
    } catch (err) {
      if (!(err instanceof PlatformError)) throw err;
      refused.push({ index, error: entryError(err) });
      return [];
    }
    return [{ index, command: { methodEventId: input.methodEventId, type: 'MarkAttendance' as const, educatorId, present: !!present, now } }];
  });
  const check = await organiserCheck(d, req, input.methodEventId, 'mark attendance');
  const {
    state,
    tenantId,
    refused: all,
  } = await listOnStream(d.commands, {
    decider: methodEventDecider,
    streamId: streams.methodEvent(input.methodEventId),
    where: { locate: true, fixed: true },
    ctx: actorContext(req, user),
    authorise: check,
    entries,
    refused,
    list: 'entries',
  });
  return { id: input.methodEventId, tenantId, state, refused: all };
};
