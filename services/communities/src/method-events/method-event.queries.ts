import type { RequestContext } from '@mms/auth';
import { requireUser } from '@mms/auth';
import { invalid } from '@mms/eventsourcing/core';
import { checked } from '@mms/service-kit/core';
import type { CommunitiesDeps } from '../communities.deps';
import { streams } from '../communities.streams';
import { REGION_TENANT } from '../tenants';
import { methodEventDecider } from './method-event.decider';
import type { MethodEventRow, RegistrationRow } from './method-event.rows';
import { organiserCheck } from './organiser';

export interface CalendarFilter {
  /** A municipality's calendar: its own events and the region's. Without one: the region's only. */
  municipalityId?: string | null;
  /** Instants (ISO): events that end after `from` and start before `to`. */
  from: string;
  to: string;
  kind?: string | null;
  subject?: string | null;
  organiserId?: string | null;
}

const MAX_DAYS = 400;

/** The public calendar: published and cancelled events in a window, soonest first (cancelled ones say so). */
export const calendar = async (d: CommunitiesDeps, f: CalendarFilter): Promise<MethodEventRow[]> => {
  checked('calendar', (c) => {
    if (f.municipalityId != null) c.id('municipalityId', f.municipalityId);
    for (const k of ['from', 'to'] as const) if (Number.isNaN(Date.parse(f[k]))) c.problem(k, 'must be an instant (ISO 8601)');
  });
  if (Date.parse(f.to) - Date.parse(f.from) > MAX_DAYS * 86_400_000 || f.to <= f.from) invalid('to', `a window of at most ${MAX_DAYS} days after from`);
  const tenants = [REGION_TENANT, ...(f.municipalityId && f.municipalityId !== REGION_TENANT ? [f.municipalityId] : [])];
  // One equality read per tenant (pushed down everywhere); the window and filters in memory.
  const rows = (await Promise.all(tenants.map((tenantId) => d.tables.methodEvents.find({ tenantId })))).flat();
  return rows
    .filter((r) => r.endsAt > f.from && r.startsAt < f.to)
    .filter((r) => !f.kind || r.kind === f.kind)
    .filter((r) => !f.subject || r.audience.subjects.includes(f.subject))
    .filter((r) => !f.organiserId || r.organiser.id === f.organiserId)
    .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a._id < b._id ? -1 : 1));
};

export interface MyRegistration {
  registration: RegistrationRow;
  event: MethodEventRow;
  /** 1-based place in the waitlist, while waiting. */
  waitlistPosition: number | null;
}

/** An educator's own registrations (the caller's, or their school's coordinator's view of one of theirs), soonest first. */
export const registrationsOf = async (d: CommunitiesDeps, educatorId: string): Promise<MyRegistration[]> => {
  const regs = await d.tables.registrations.find({ educatorId });
  const events = new Map((await d.tables.methodEvents.getMany([...new Set(regs.map((r) => r.methodEventId))])).map((e) => [e._id, e]));
  const out: MyRegistration[] = [];
  for (const registration of regs) {
    const event = events.get(registration.methodEventId);
    if (!event) continue;
    let waitlistPosition: number | null = null;
    if (registration.status === 'WAITLISTED') {
      const waiting = await d.tables.registrations.find({ methodEventId: event._id, status: 'WAITLISTED' });
      waitlistPosition = waiting.filter((w) => w.seq < registration.seq).length + 1;
    }
    out.push({ registration, event, waitlistPosition });
  }
  return out.sort((a, b) => (a.event.startsAt < b.event.startsAt ? -1 : 1));
};

export const myRegistrations = async (d: CommunitiesDeps, req: RequestContext) => {
  const user = requireUser(req.user);
  return user.educatorId ? registrationsOf(d, user.educatorId) : [];
};

/** The check-in code, for the organiser to show during the event (read from the stream: it is in no read model). */
export const checkInCode = async (d: CommunitiesDeps, req: RequestContext, methodEventId: string): Promise<string | null> => {
  const check = await organiserCheck(d, req, methodEventId, 'see the check-in code');
  const { state, tenantId } = await d.commands.load(methodEventDecider, { locate: true, fixed: true }, streams.methodEvent(methodEventId));
  check(state, { tenantId: tenantId ?? '', streamId: streams.methodEvent(methodEventId), version: 0 });
  return state.checkInCode ?? null;
};
