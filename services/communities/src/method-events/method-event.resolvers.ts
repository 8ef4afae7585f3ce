import { Inject, Injectable } from '@nestjs/common';
import { requireUser } from '@mms/auth';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import * as access from '../access/policy';
import { feedKey } from '../calendar/feeds';
import { COMMUNITIES_DEPS, CommunitiesDeps } from '../communities.deps';
import { freshRow } from '../communities.fresh';
import { historyOf } from '../communities.history';
import { streams } from '../communities.streams';
import * as attendance from './attendance.handlers';
import { methodEventDecider } from './method-event.decider';
import * as h from './method-event.handlers';
import * as q from './method-event.queries';
import { methodEventRows, registrationRowId, registrationRows } from './method-event.rows';
import { isOrganiser, methodEventView, MethodEventView, registrationView } from './method-event.views';
import * as reg from './registration.handlers';

type Ctx = SubgraphContext;
type Args = Record<string, any>;
type Done = { id: string; tenantId: string };

const DAY = 86_400_000;

/** Methodological events: calendar, seats and waitlist, speakers, attendance, certificates, feedback. */
@GraphQLSlice()
@Injectable()
export class MethodEventResolvers implements SliceResolvers {
  constructor(@Inject(COMMUNITIES_DEPS) private readonly d: CommunitiesDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    const freshEvent = async (r: Done) => methodEventView((await freshRow(d, methodEventRows, r.tenantId, streams.methodEvent(r.id), r.id))!);
    const freshRegistration = async (r: Done, educatorId: string) => {
      const row = await freshRow(d, registrationRows, r.tenantId, streams.methodEvent(r.id), registrationRowId(r.id, educatorId));
      return row && registrationView(row);
    };
    /** Whose registration a mutation changes: the one named, else the caller's own. */
    const whose = (a: Args, c: Ctx): string => a['educatorId'] ?? requireUser(c.request.user).educatorId ?? '';
    const organiserOnly =
      <T>(f: (e: MethodEventView, c: Ctx) => Promise<T>) =>
      async (e: MethodEventView, _: Args, c: Ctx): Promise<T | null> =>
        (await isOrganiser(d, c.request, e)) ? f(e, c) : null;
    const record = async (educatorId: string, c: Ctx) => {
      const placement = await d.tables.educators.get(educatorId);
      return (
        !!placement &&
        access.seesEducatorRecord(c.request.user, { educatorId, municipalityId: placement.municipalityId, organizationId: placement.organizationId })
      );
    };
    return {
      Query: {
        methodEventCalendar: async (_: unknown, a: Args) => (await q.calendar(d, a['filter'])).map(methodEventView),
        methodEvent: async (_: unknown, a: Args) => {
          const row = await d.tables.methodEvents.get(a['id']);
          return row && methodEventView(row);
        },
        myEventRegistrations: async (_: unknown, __: Args, c: Ctx) =>
          (await q.myRegistrations(d, c.request)).map((r) => registrationView(r.registration, r.waitlistPosition)),
        myCalendarFeedPath: (_: unknown, __: Args, c: Ctx) => {
          const id = c.request.user?.educatorId;
          return id ? `/calendar/educators/${encodeURIComponent(id)}.ics?key=${feedKey(d.feedSecret, id)}` : null;
        },
      },
      Mutation: {
        publishMethodEvent: async (_: unknown, a: Args, c: Ctx) => {
          const i = a['input'] ?? {};
          return freshEvent(
            await h.publishMethodEvent(d, c.request, {
              ...i,
              organiser: { kind: i.organiserKind, id: i.organiserId ?? null },
              audience: { subjects: i.subjects ?? [], positions: i.positions ?? [] },
            }),
          );
        },
        changeMethodEventCapacity: async (_: unknown, a: Args, c: Ctx) =>
          freshEvent(await h.changeCapacity(d, c.request, { methodEventId: a['methodEventId'], capacity: a['capacity'] })),
        cancelMethodEvent: async (_: unknown, a: Args, c: Ctx) =>
          freshEvent(await h.cancelMethodEvent(d, c.request, { methodEventId: a['methodEventId'], reason: a['reason'] })),
        addMethodEventSpeaker: async (_: unknown, a: Args, c: Ctx) =>
          freshEvent(
            await h.addSpeaker(d, c.request, { methodEventId: a['methodEventId'], educatorId: a['educatorId'], title: a['title'], summary: a['summary'] }),
          ),
        registerForMethodEvent: async (_: unknown, a: Args, c: Ctx) =>
          freshRegistration(await reg.register(d, c.request, { methodEventId: a['methodEventId'], educatorId: a['educatorId'] }), whose(a, c)),
        cancelMethodEventRegistration: async (_: unknown, a: Args, c: Ctx) =>
          freshRegistration(await reg.cancelRegistration(d, c.request, { methodEventId: a['methodEventId'], educatorId: a['educatorId'] }), whose(a, c)),
        approveMethodEventRegistration: async (_: unknown, a: Args, c: Ctx) =>
          freshRegistration(await reg.approveRegistration(d, c.request, { methodEventId: a['methodEventId'], educatorId: a['educatorId'] }), a['educatorId']),
        rejectMethodEventRegistration: async (_: unknown, a: Args, c: Ctx) =>
          freshRegistration(
            await reg.rejectRegistration(d, c.request, { methodEventId: a['methodEventId'], educatorId: a['educatorId'], reason: a['reason'] }),
            a['educatorId'],
          ),
        markMethodEventAttendance: async (_: unknown, a: Args, c: Ctx) =>
          freshRegistration(
            await attendance.markAttendance(d, c.request, { methodEventId: a['methodEventId'], educatorId: a['educatorId'], present: a['present'] }),
            a['educatorId'],
          ),
        markMethodEventAttendanceSheet: async (_: unknown, a: Args, c: Ctx) => {
          const r = await attendance.markAttendanceSheet(d, c.request, { methodEventId: a['methodEventId'], entries: a['entries'] ?? [] });
          return { methodEvent: await freshEvent(r), refused: r.refused };
        },
        checkInToMethodEvent: async (_: unknown, a: Args, c: Ctx) =>
          freshRegistration(await attendance.checkIn(d, c.request, { methodEventId: a['methodEventId'], code: a['code'] }), whose(a, c)),
        issueMethodEventCertificates: async (_: unknown, a: Args, c: Ctx) =>
          freshEvent(await attendance.issueCertificates(d, c.request, { methodEventId: a['methodEventId'], hours: a['hours'] })),
        giveMethodEventFeedback: async (_: unknown, a: Args, c: Ctx) =>
          freshEvent(await attendance.giveFeedback(d, c.request, { methodEventId: a['methodEventId'], rating: a['rating'], comment: a['comment'] })),
      },
      MethodEvent: {
        organiserName: async (e: MethodEventView) => {
          if (e.organiserKind === 'COMMUNITY') return (await d.tables.communities.get(e.organiserId))?.name ?? null;
          if (e.organiserKind === 'SITE') return (await d.tables.sites.get(e.organiserId))?.theme ?? null;
          return null;
        },
        myRegistration: async (e: MethodEventView, _: Args, c: Ctx) => {
          const me = c.request.user?.educatorId;
          const row = me ? await d.tables.registrations.get(registrationRowId(e.id, me)) : null;
          if (!row || row.status !== 'WAITLISTED') return row && registrationView(row);
          // The place in the waitlist, as the organiser's list and the teacher's own list count it.
          const ahead = (await d.tables.registrations.find({ methodEventId: e.id })).filter((r) => r.status === 'WAITLISTED' && r.seq < row.seq).length;
          return registrationView(row, ahead + 1);
        },
        registrations: organiserOnly(async (e) => {
          const rows = (await d.tables.registrations.find({ methodEventId: e.id })).sort((a, b) => a.seq - b.seq);
          let waiting = 0;
          return rows.map((r) => registrationView(r, r.status === 'WAITLISTED' ? ++waiting : null));
        }),
        checkInCode: organiserOnly((e, c) => q.checkInCode(d, c.request, e.id)),
        feedbackComments: organiserOnly(async (e) => {
          const { state } = await d.commands.load(methodEventDecider, e.tenantId, streams.methodEvent(e.id));
          return Object.values(state.feedback)
            .map((f) => f.comment)
            .filter((t) => t.trim());
        }),
        canOrganise: (e: MethodEventView, _: Args, c: Ctx) => isOrganiser(d, c.request, e),
        history: async (e: MethodEventView, _: Args, c: Ctx) =>
          (await isOrganiser(d, c.request, e)) ? historyOf(d, e.tenantId, streams.methodEvent(e.id)) : [],
      },
      EventRegistration: {
        methodEvent: async (r: { methodEventId: string }) => {
          const row = await d.tables.methodEvents.get(r.methodEventId);
          return row && methodEventView(row);
        },
      },
      Educator: {
        eventRegistrations: async (e: { id: string }, _: Args, c: Ctx) =>
          (await record(e.id, c)) ? (await q.registrationsOf(d, e.id)).map((r) => registrationView(r.registration, r.waitlistPosition)) : null,
        methodEventHours: async (e: { id: string }, _: Args, c: Ctx) =>
          (await record(e.id, c)) ? (await d.tables.registrations.find({ educatorId: e.id })).reduce((sum, r) => sum + (r.certificate?.hours ?? 0), 0) : null,
        presentations: async (e: { id: string }) =>
          (await d.tables.methodEvents.find({ speakerIds: e.id }, { sort: { startsAt: 1, _id: 1 } })).flatMap((row) =>
            row.speakers.filter((s) => s.educatorId === e.id).map((s) => ({ title: s.title, methodEvent: methodEventView(row) })),
          ),
      },
      Municipality: {
        methodEvents: async (m: { id: string }, a: Args) => {
          const now = d.clock.now().getTime();
          const from = a['from'] ?? new Date(now).toISOString();
          const to = a['to'] ?? new Date(now + 90 * DAY).toISOString();
          return (await q.calendar(d, { municipalityId: m.id, from, to })).map(methodEventView);
        },
      },
    };
  }
}
