import ICAL from 'ical.js';
import { addDays, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { waitFor } from '@mms/testing/infra';
import { ok, Platform, startPlatform } from '../platform-harness';

/**
 * Issue 12's methodological events through the gateway, two service processes (directory,
 * communities): a seminar published in the region's time, seats taken by concurrent
 * registrations and never oversold, the waitlist promoted when a seat frees, calendar feeds
 * read by a real iCalendar parser, attendance and certificates after the event counting in
 * the teacher's record; another municipality can neither register nor run anything; a
 * community in the public register.
 */
const ONBOARD = `mutation($input: OnboardMunicipalityInput!) { onboardMunicipality(input: $input) { id } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;
const REGISTER_EDU = `mutation($input: RegisterEducatorInput!) { registerEducator(input: $input) { id } }`;
const PUBLISH = `mutation($input: MethodEventInput!) { publishMethodEvent(input: $input) { id tenantId startsAt endsAt capacity freeSeats canOrganise } }`;
const REGISTER = `mutation($id: ID!, $educatorId: ID) { registerForMethodEvent(methodEventId: $id, educatorId: $educatorId) { status seq educator { id } } }`;
const CANCEL_REG = `mutation($id: ID!) { cancelMethodEventRegistration(methodEventId: $id) { status } }`;
const CANCEL_EVENT = `mutation($id: ID!) { cancelMethodEvent(methodEventId: $id, reason: "не нужно") { cancelled } }`;
const EVENT = `query($id: ID!) { methodEvent(id: $id) { title seated waiting freeSeats attended ratings meanRating checkInCode canOrganise registrations { educator { id } status seq waitlistPosition attended certificateNumber hours } } }`;
const MINE = `query { myEventRegistrations { methodEventId status waitlistPosition certificateNumber } myCalendarFeedPath }`;
const CALENDAR = `query($f: CalendarFilter!) { methodEventCalendar(filter: $f) { id title kind startsAt freeSeats } }`;
const ATTEND = `mutation($id: ID!, $e: ID!) { markMethodEventAttendance(methodEventId: $id, educatorId: $e, present: true) { attended } }`;
const SHEET = `mutation($id: ID!, $entries: [AttendanceEntryInput!]!) { markMethodEventAttendanceSheet(methodEventId: $id, entries: $entries) { methodEvent { attended } refused { index error { code fields } } } }`;
const CERTIFY = `mutation($id: ID!) { issueMethodEventCertificates(methodEventId: $id, hours: 2) { attended } }`;
const FEEDBACK = `mutation($id: ID!) { giveMethodEventFeedback(methodEventId: $id, rating: 5, comment: "полезно") { ratings meanRating } }`;
const HOURS = `query($id: ID!) { educator(id: $id) { id methodEventHours eventRegistrations { status certificateNumber hours } } }`;
const PROPOSE = `mutation($input: CommunityInput!) { proposeCommunity(input: $input) { id status tenantId } }`;
const APPROVE = `mutation($id: ID!) { approveCommunity(communityId: $id, order: { number: "12-од", date: "2026-09-01", issuer: "Управление образования" }) { status } }`;
const ADD_MEMBER = `mutation($id: ID!, $e: ID!) { addCommunityMember(communityId: $id, educatorId: $e, role: HEAD) { memberCount head { id } } }`;
const ADD_MEMBERS = `mutation($id: ID!, $members: [CommunityMemberInput!]!) { addCommunityMembers(communityId: $id, members: $members) { community { memberCount } refused { index error { code fields } } } }`;
const START = `mutation($id: ID!) { startCommunity(communityId: $id) { status } }`;
const NETWORK = `query($m: ID) { municipalityIndicators(municipalityId: $m) { educators network { educatorsInCommunities shareInCommunities activeCommunities { kind count } eventsHeld participants attendanceRate meanRating ratings } } }`;
const REGISTRY = `query($m: ID) { communities(filter: { municipalityId: $m }) { id name status memberCount head { id } } }`;

const codes = (r: { body: { errors?: any[] } }) => (r.body.errors ?? []).map((e: any) => e.extensions?.code);

describe('methodological events and communities (directory + communities, via the gateway)', () => {
  let p: Platform;
  const stamp = Date.now().toString(36);
  const M = `m-events-${stamp}`;
  const OTHER = `m-events2-${stamp}`;

  beforeAll(async () => {
    p = await startPlatform('events', ['directory', 'communities', 'monitoring']);
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('seats, waitlist, feeds, attendance and certificates; other municipalities kept out', async () => {
    const ro = await p.token('regional_operator');
    const meth = await p.token('municipal_methodologist', { municipality: M });
    const other = await p.token('municipal_methodologist', { municipality: OTHER });
    ok(await p.gql(ro, ONBOARD, { input: { id: M, name: 'Округ мероприятий', oktmo: '04703000' } }));
    ok(await p.gql(ro, ONBOARD, { input: { id: OTHER, name: 'Соседний округ', oktmo: '04704000' } }));
    // The gateway checks claims against the directory's read model: a municipality just onboarded may not be there yet.
    const firstSchool = (token: string, name: string) =>
      waitFor(async () => (await p.gql<any>(token, REGISTER_ORG, { input: { name, kind: 'SCHOOL' } })).body.data?.registerOrganization?.id as string, {
        what: `${name} registered`,
      });
    const school = await firstSchool(meth, 'МБОУ СОШ № 5');
    const otherSchool = await firstSchool(other, 'МБОУ СОШ № 9');
    const educator = async (token: string, organizationId: string, n: number) =>
      ok<any>(
        await p.gql(token, REGISTER_EDU, {
          input: { organizationId, fullName: `Педагог Номер ${n}`, position: 'учитель', subjects: ['математика'], careerStartDate: '2012-09-01' },
        }),
      ).registerEducator.id as string;
    const teachers: string[] = [];
    for (let n = 1; n <= 8; n++) teachers.push(await educator(meth, school, n));
    const stranger = await educator(other, otherSchool, 99);
    const teacher = (i: number) => p.token('teacher', { municipality: M, organization: school, educator: teachers[i]!, subject: `t-${teachers[i]}` });

    // A seminar tomorrow, 10:00–12:00 in the region's zone; bad input is named by field, nothing is written.
    const day = addDays(todayIn(DEFAULT_REGION_TIME_ZONE), 1);
    const seminar = {
      kind: 'SEMINAR',
      title: 'Формирующее оценивание на уроках математики',
      organiserKind: 'SERVICE',
      level: 'MUNICIPAL',
      startsAt: `${day}T10:00`,
      endsAt: `${day}T12:00`,
      place: 'ИМЦ, ауд. 12',
      subjects: ['математика'],
      capacity: 2,
    };
    const bad = await p.gql(meth, PUBLISH, { input: { ...seminar, startsAt: '10.11.2026 10:00', capacity: 0 } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.body.errors![0].extensions.problems.map((x: any) => x.field).sort()).toEqual(['capacity', 'startsAt']);
    const ev = ok<any>(await p.gql(meth, PUBLISH, { input: seminar })).publishMethodEvent;
    expect(ev).toMatchObject({ tenantId: M, capacity: 2, freeSeats: 2, canOrganise: true });
    // Stored as an instant: 10:00 in the region's zone.
    expect(ev.startsAt).toMatch(/Z$/);

    // The directory's educators reach communities through Kafka: the first registration waits for them.
    const t0 = await teacher(0);
    await waitFor(async () => !(await p.gql(t0, REGISTER, { id: ev.id })).body.errors, { what: 'teacher 0 registered', timeoutMs: 30_000 });
    expect(ok<any>(await p.gql(await teacher(1), REGISTER, { id: ev.id })).registerForMethodEvent.status).toBe('CONFIRMED');
    const t2 = await teacher(2);
    expect(ok<any>(await p.gql(t2, REGISTER, { id: ev.id })).registerForMethodEvent.status).toBe('WAITLISTED');

    // Another municipality's teacher may not register; its methodologist can neither cancel nor see the list.
    const strangerToken = await p.token('teacher', { municipality: OTHER, organization: otherSchool, educator: stranger, subject: `t-${stranger}` });
    expect(codes(await p.gql(strangerToken, REGISTER, { id: ev.id }))).toEqual(['EVENT_NOT_OPEN_TO_EDUCATOR']);
    expect(codes(await p.gql(other, CANCEL_EVENT, { id: ev.id }))).toEqual(['FORBIDDEN']);
    const seenByOther = ok<any>(await p.gql(other, EVENT, { id: ev.id })).methodEvent;
    expect(seenByOther).toMatchObject({ registrations: null, checkInCode: null, canOrganise: false });

    // The waitlisted teacher sees their place; the seated one cancels and the first waiting is seated in the same commit.
    await waitFor(async () => ok<any>(await p.gql(t2, MINE)).myEventRegistrations[0]?.waitlistPosition === 1, { what: 'waitlist position 1' });
    ok(await p.gql(t0, CANCEL_REG, { id: ev.id }));
    await waitFor(
      async () => {
        const e = ok<any>(await p.gql(meth, EVENT, { id: ev.id })).methodEvent;
        return e.seated === 2 && e.waiting === 0 && e.registrations.find((r: any) => r.educator.id === teachers[2]).status === 'CONFIRMED';
      },
      { what: 'the waitlist promoted' },
    );

    // A popular master class: six teachers register at once for three seats — three are seated, never more.
    const masterClass = ok<any>(
      await p.gql(meth, PUBLISH, {
        input: { ...seminar, kind: 'MASTER_CLASS', title: 'Мастер-класс', startsAt: `${day}T14:00`, endsAt: `${day}T15:30`, capacity: 3 },
      }),
    ).publishMethodEvent;
    const tokens = await Promise.all([2, 3, 4, 5, 6, 7].map(teacher));
    const answers = await Promise.all(tokens.map((t) => p.gql(t, REGISTER, { id: masterClass.id })));
    const statuses = answers.map((a) => ok<any>(a).registerForMethodEvent.status);
    expect(statuses.filter((s) => s === 'CONFIRMED')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'WAITLISTED')).toHaveLength(3);
    // All six must be in the read model, not just the three seats: the waitlisted may come last.
    await waitFor(
      async () => {
        const e = ok<any>(await p.gql(meth, EVENT, { id: masterClass.id })).methodEvent;
        return e.seated === 3 && e.waiting === 3 && e.registrations.length === 6;
      },
      { what: 'master class read model' },
    );
    const queue = ok<any>(await p.gql(meth, EVENT, { id: masterClass.id })).methodEvent.registrations;
    expect(queue.filter((r: any) => r.status === 'WAITLISTED').map((r: any) => r.waitlistPosition)).toEqual([1, 2, 3]);
    expect(queue.map((r: any) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);

    // The public calendar (no token) and the municipality's feed, read by a real iCalendar parser.
    const window = { municipalityId: M, from: `${todayIn(DEFAULT_REGION_TIME_ZONE)}`, to: addDays(day, 2) };
    const listed = ok<any>(await p.gql(null, CALENDAR, { f: window })).methodEventCalendar;
    expect(listed.map((e: any) => e.id)).toEqual([ev.id, masterClass.id]);
    const feed = await fetch(`${p.gateway.url}/calendar/municipalities/${M}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const vevents = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const inFeed = vevents.find((v) => v.uid.startsWith(ev.id))!;
    expect(inFeed.summary).toContain(seminar.title);
    expect(inFeed.startDate.toJSDate().toISOString()).toBe(new Date(ev.startsAt).toISOString());

    // A teacher's own feed: behind its key; a wrong key is refused like an unknown calendar.
    const t1 = await teacher(1);
    const path = ok<any>(await p.gql(t1, MINE)).myCalendarFeedPath as string;
    const mine = await fetch(`${p.gateway.url}${path}`);
    expect(mine.status).toBe(200);
    const myEvents = new ICAL.Component(ICAL.parse(await mine.text())).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid);
    expect(myEvents.some((uid) => uid.startsWith(ev.id))).toBe(true);
    expect((await fetch(`${p.gateway.url}${path.replace(/key=.*/, 'key=forged-key-000000000000000000000')}`)).status).toBe(404);
    expect((await fetch(`${p.gateway.url}/calendar/municipalities/..%2Fetc.ics`)).status).toBe(404);

    // Two days later (the service's clock moved): attendance, certificates with hours, feedback.
    for (const service of ['communities', 'monitoring'] as const) {
      await p.kill(service);
      await p.restart(service, { env: { CLOCK_OFFSET_DAYS: '2' } });
    }
    ok(await p.gql(meth, ATTEND, { id: ev.id, e: teachers[1] }));
    // The rest of the attendance sheet at once: the one already marked is a no-op, the stranger is refused by index.
    const sheet = ok<any>(
      await p.gql(meth, SHEET, { id: ev.id, entries: [teachers[1], teachers[2], stranger].map((educatorId) => ({ educatorId, present: true })) }),
    ).markMethodEventAttendanceSheet;
    expect(sheet.refused).toEqual([{ index: 2, error: { code: 'NOT_REGISTERED', fields: ['entries.2.educatorId'] } }]);
    expect(sheet.methodEvent.attended).toBe(2);
    expect(codes(await p.gql(other, SHEET, { id: ev.id, entries: [{ educatorId: teachers[3], present: true }] }))).toEqual(['FORBIDDEN']);
    ok(await p.gql(meth, CERTIFY, { id: ev.id }));
    expect(ok<any>(await p.gql(t1, FEEDBACK, { id: ev.id })).giveMethodEventFeedback).toMatchObject({ ratings: 1, meanRating: 5 });
    await waitFor(async () => ok<any>(await p.gql(meth, HOURS, { id: teachers[1] })).educator.methodEventHours === 2, { what: 'hours in the record' });
    const record = ok<any>(await p.gql(meth, HOURS, { id: teachers[1] })).educator.eventRegistrations;
    expect(record.find((r: any) => r.certificateNumber)).toMatchObject({ hours: 2, status: 'CONFIRMED' });
    // Another municipality's methodologist does not read this teacher's record.
    const foreign = await p.gql<any>(other, HOURS, { id: teachers[1] });
    expect(foreign.body.data?.educator?.methodEventHours ?? null).toBeNull();
    expect(foreign.body.data?.educator?.eventRegistrations ?? null).toBeNull();
  });

  it('a working group in the public register, with its head', async () => {
    const meth = await p.token('municipal_methodologist', { municipality: M });
    // Any educator of the municipality (the first test registered them).
    const head = ok<any>(await p.gql(meth, `query { educators(first: 1) { nodes { id } } }`)).educators.nodes[0].id as string;
    const group = ok<any>(
      await p.gql(meth, PROPOSE, {
        input: {
          kind: 'WORKING_GROUP',
          level: 'MUNICIPAL',
          name: 'Рабочая группа по функциональной грамотности',
          direction: 'функциональная грамотность',
          term: { from: '2026-09-01', to: '2027-05-31' },
          task: 'банк заданий для 5–9 классов',
        },
      }),
    ).proposeCommunity;
    expect(group).toMatchObject({ status: 'PROPOSED', tenantId: M });
    expect(ok<any>(await p.gql(meth, APPROVE, { id: group.id })).approveCommunity.status).toBe('APPROVED');
    expect(ok<any>(await p.gql(meth, ADD_MEMBER, { id: group.id, e: head })).addCommunityMember).toMatchObject({ memberCount: 1, head: { id: head } });
    // A roster at once: the head again (a no-op) and an unknown educator (refused by index); nothing else changes.
    const roster = ok<any>(
      await p.gql(meth, ADD_MEMBERS, {
        id: group.id,
        members: [
          { educatorId: head, role: 'HEAD' },
          { educatorId: 'no-such-educator', role: 'MEMBER' },
        ],
      }),
    ).addCommunityMembers;
    expect(roster).toEqual({ community: { memberCount: 1 }, refused: [{ index: 1, error: { code: 'NOT_FOUND', fields: ['members.1.educatorId'] } }] });
    expect(ok<any>(await p.gql(meth, START, { id: group.id })).startCommunity.status).toBe('ACTIVE');
    await waitFor(async () => ok<any>(await p.gql(null, REGISTRY, { m: M })).communities.some((c: any) => c.id === group.id && c.status === 'ACTIVE'), {
      what: 'the public register',
    });

    // Monitoring counts it all from the public events: the two events held (two days on), 2 of 5 seats present, one rating, the group.
    const expected = {
      educatorsInCommunities: 1,
      shareInCommunities: 1 / 8,
      activeCommunities: [{ kind: 'WORKING_GROUP', count: 1 }],
      eventsHeld: 2,
      participants: 2,
      attendanceRate: 0.4,
      meanRating: 5,
      ratings: 1,
    };
    const network = await waitFor(
      async () => {
        const r = ok<any>(await p.gql(meth, NETWORK, { m: M })).municipalityIndicators;
        return r.educators === 8 && JSON.stringify(r.network) === JSON.stringify(expected) && r.network;
      },
      { what: 'the network indicators', timeoutMs: 30_000 },
    ).catch(async (err) => {
      throw new Error(`${(err as Error).message}; last: ${JSON.stringify(ok<any>(await p.gql(meth, NETWORK, { m: M })).municipalityIndicators)}`);
    });
    expect(network).toEqual(expected);
    // Another municipality's methodologist reads none of it.
    const other = await p.token('municipal_methodologist', { municipality: `m-events2-${stamp}` });
    expect(codes(await p.gql(other, NETWORK, { m: M }))).toEqual(['FORBIDDEN']);
  });
});
