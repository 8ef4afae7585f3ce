import { requestAs, users } from '@mms/testing';
import { codeOf, memoryDeps } from '../communities.in-memory';
import { giveFeedback, issueCertificates, markAttendance, markAttendanceSheet } from './attendance.handlers';
import { addSpeaker, cancelMethodEvent, publishMethodEvent, PublishInput } from './method-event.handlers';
import { cancelRegistration, register } from './registration.handlers';

const seminar: PublishInput = {
  kind: 'SEMINAR',
  title: 'Формирующее оценивание',
  organiser: { kind: 'SERVICE' },
  level: 'MUNICIPAL',
  startsAt: '2026-11-10T14:00',
  endsAt: '2026-11-10T16:00',
  place: 'ИМЦ, ауд. 12',
  capacity: 2,
};
const methodologist = requestAs(users.methodologist('m1'));
const teacher = (id: string, m = 'm1') => requestAs(users.teacher(m, id, 'school-1'));

const setup = async () => {
  const t = memoryDeps();
  for (const id of ['a', 'b', 'c']) t.place({ educatorId: id, municipalityId: 'm1', organizationId: 'school-1' });
  t.place({ educatorId: 'x', municipalityId: 'm2', organizationId: 'school-9' });
  await t.project();
  const ev = await publishMethodEvent(t.d, methodologist, seminar);
  await t.project();
  return { ...t, ev };
};

describe('methodological events (handlers over the in-memory store)', () => {
  it('publishes in the region’s time; the teacher registers, the coordinator registers another, the third waits', async () => {
    const { d, ev, tables, project } = await setup();
    expect(ev.tenantId).toBe('m1');
    expect(ev.state.plan).toMatchObject({ startsAt: '2026-11-10T07:00:00.000Z', organiser: { kind: 'SERVICE', id: 'm1' } });
    await register(d, teacher('a'), { methodEventId: ev.id });
    await register(d, requestAs(users.coordinator('m1', 'school-1')), { methodEventId: ev.id, educatorId: 'b' });
    const third = await register(d, teacher('c'), { methodEventId: ev.id });
    expect(Object.values(third.state.registrations).map((r) => [r.educatorId, r.status, r.registeredBy])).toEqual([
      ['a', 'CONFIRMED', 'SELF'],
      ['b', 'CONFIRMED', 'COORDINATOR'],
      ['c', 'WAITLISTED', 'SELF'],
    ]);
    // a leaves: c is promoted in the same commit, and the read model says so.
    await cancelRegistration(d, teacher('a'), { methodEventId: ev.id });
    await project();
    expect(await tables.methodEvents.get(ev.id)).toMatchObject({ seated: 2, waiting: 0 });
    expect((await tables.registrations.get(`${ev.id}~c`))?.status).toBe('CONFIRMED');
  });

  it('refuses other municipalities’ teachers and methodologists, another school’s coordinator, and anonymous callers', async () => {
    const { d, ev } = await setup();
    expect(await codeOf(register(d, teacher('x', 'm2'), { methodEventId: ev.id }))).toBe('EVENT_NOT_OPEN_TO_EDUCATOR');
    expect(await codeOf(register(d, requestAs(users.coordinator('m1', 'school-2')), { methodEventId: ev.id, educatorId: 'a' }))).toBe('FORBIDDEN');
    expect(await codeOf(register(d, teacher('b'), { methodEventId: ev.id, educatorId: 'a' }))).toBe('FORBIDDEN');
    expect(await codeOf(cancelMethodEvent(d, requestAs(users.methodologist('m2')), { methodEventId: ev.id, reason: 'x' }))).toBe('FORBIDDEN');
    expect(await codeOf(register(d, requestAs(null), { methodEventId: ev.id, educatorId: 'a' }))).toBe('FORBIDDEN');
    expect(await codeOf(publishMethodEvent(d, teacher('a'), seminar))).toBe('FORBIDDEN');
  });

  it('bad input names the field; nothing is written', async () => {
    const { d, store } = await setup();
    const before = store.events.length;
    const err = await publishMethodEvent(d, methodologist, { ...seminar, startsAt: '10.11.2026 14:00', capacity: 0, onlineUrl: 'ftp://x' }).catch((e) => e);
    expect(err.problems.map((p: { field: string }) => p.field).sort()).toEqual(['capacity', 'onlineUrl', 'startsAt']);
    expect(store.events.length).toBe(before);
  });

  it('attendance after the start, certificates and feedback after the end', async () => {
    const t = await setup();
    await register(t.d, teacher('a'), { methodEventId: t.ev.id });
    await addSpeaker(t.d, methodologist, { methodEventId: t.ev.id, educatorId: 'b', title: 'Опыт школы № 1' });
    t.at('2026-11-10T07:30:00.000Z');
    await markAttendance(t.d, methodologist, { methodEventId: t.ev.id, educatorId: 'a', present: true });
    await markAttendance(t.d, methodologist, { methodEventId: t.ev.id, educatorId: 'b', present: true });
    expect(await codeOf(giveFeedback(t.d, teacher('a'), { methodEventId: t.ev.id, rating: 5 }))).toBe('EVENT_NOT_OVER');
    t.at('2026-11-10T09:30:00.000Z');
    const issued = await issueCertificates(t.d, methodologist, { methodEventId: t.ev.id, hours: 2 });
    expect(Object.values(issued.state.certificates).map((c) => c.number)).toEqual([
      `МС-${t.ev.id.slice(0, 8).toUpperCase()}-0001`,
      `МС-${t.ev.id.slice(0, 8).toUpperCase()}-0002`,
    ]);
    await giveFeedback(t.d, teacher('a'), { methodEventId: t.ev.id, rating: 5, comment: 'полезно' });
    await t.project();
    expect(await t.tables.methodEvents.get(t.ev.id)).toMatchObject({ attended: 2, ratings: 1, meanRating: 5 });
    expect((await t.tables.registrations.get(`${t.ev.id}~a`))?.certificate).toMatchObject({ hours: 2 });
  });

  it('the attendance sheet at once: one commit, a refused line named by its index, the organiser check for the whole sheet', async () => {
    const t = await setup();
    await register(t.d, teacher('a'), { methodEventId: t.ev.id });
    await register(t.d, teacher('b'), { methodEventId: t.ev.id });
    const sheet = {
      methodEventId: t.ev.id,
      entries: [
        { educatorId: 'a', present: true },
        { educatorId: 'c', present: true },
        { educatorId: '', present: true },
        { educatorId: 'b', present: false },
      ],
    };
    // Before the start every line is refused, each in its place; nothing is written.
    const early = await markAttendanceSheet(t.d, methodologist, sheet);
    expect(early.refused.map((x) => x.error.code)).toEqual(['EVENT_NOT_STARTED', 'EVENT_NOT_STARTED', 'BAD_USER_INPUT', 'EVENT_NOT_STARTED']);
    t.at('2026-11-10T07:30:00.000Z');
    expect(await codeOf(markAttendanceSheet(t.d, requestAs(users.methodologist('m2')), sheet))).toBe('FORBIDDEN');
    const before = t.store.events.length;
    const r = await markAttendanceSheet(t.d, methodologist, sheet);
    expect(r.refused.map((x) => [x.index, x.error.code, x.error.fields])).toEqual([
      [1, 'NOT_REGISTERED', ['entries.1.educatorId']],
      [2, 'BAD_USER_INPUT', ['entries.2.educatorId']],
    ]);
    expect(t.store.events.length).toBe(before + 2);
    await t.project();
    expect(await t.tables.methodEvents.get(t.ev.id)).toMatchObject({ attended: 1 });
  });
});
