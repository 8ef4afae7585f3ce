import ICAL from 'ical.js';
import { requestAs, users } from '@mms/testing';
import { codeOf, memoryDeps } from '../communities.in-memory';
import { cancelMethodEvent, publishMethodEvent, PublishInput } from '../method-events/method-event.handlers';
import { calendar, checkInCode, myRegistrations } from '../method-events/method-event.queries';
import { register } from '../method-events/registration.handlers';
import { educatorFeed, feedKey, isFeedKey, municipalityFeed } from './feeds';

const webinar: PublishInput = {
  kind: 'WEBINAR',
  title: 'Функциональная грамотность, часть 1',
  organiser: { kind: 'SERVICE' },
  level: 'MUNICIPAL',
  startsAt: '2026-11-10T14:00',
  endsAt: '2026-11-10T15:30',
  onlineUrl: 'https://meet.example/fg1',
  capacity: 1,
};
const summaries = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((c: any) => [c.getFirstPropertyValue('summary'), c.getFirstPropertyValue('status')]);

const setup = async () => {
  const t = memoryDeps();
  for (const id of ['a', 'b']) t.place({ educatorId: id, municipalityId: 'm1', organizationId: 'school-1' });
  await t.project();
  const meth = (m: string) => requestAs(users.methodologist(m));
  const own = await publishMethodEvent(t.d, meth('m1'), webinar);
  const other = await publishMethodEvent(t.d, meth('m2'), { ...webinar, title: 'Чужой вебинар' });
  const regional = await publishMethodEvent(t.d, requestAs(users.operator()), { ...webinar, level: 'REGIONAL', title: 'Региональный форум', kind: 'FORUM' });
  await t.project();
  return { ...t, own, other, regional };
};

describe('calendar and feeds', () => {
  it('a municipality’s calendar has its own events and the region’s, not another municipality’s', async () => {
    const { d } = await setup();
    const rows = await calendar(d, { municipalityId: 'm1', from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' });
    expect(rows.map((r) => r.title).sort()).toEqual(['Региональный форум', 'Функциональная грамотность, часть 1']);
    expect(await codeOf(calendar(d, { municipalityId: 'm1', from: '2026-11-01T00:00:00Z', to: '2028-11-01T00:00:00Z' }))).toBe('BAD_USER_INPUT');
  });

  it('the municipality’s feed parses; a cancelled event stays in it as cancelled', async () => {
    const { d, own, project } = await setup();
    await cancelMethodEvent(d, requestAs(users.methodologist('m1')), { methodEventId: own.id, reason: 'болезнь лектора' });
    await project();
    expect(summaries(await municipalityFeed(d, 'm1')).sort()).toEqual([
      ['Вебинар: Функциональная грамотность, часть 1', 'CANCELLED'],
      ['Форум: Региональный форум', 'CONFIRMED'],
    ]);
  });

  it('an educator’s feed and list: their seat and their place in the waitlist', async () => {
    const { d, own, regional, project } = await setup();
    await register(d, requestAs(users.teacher('m1', 'a', 'school-1')), { methodEventId: own.id });
    await register(d, requestAs(users.teacher('m1', 'b', 'school-1')), { methodEventId: own.id });
    await register(d, requestAs(users.teacher('m1', 'b', 'school-1')), { methodEventId: regional.id });
    await project();
    const mine = await myRegistrations(d, requestAs(users.teacher('m1', 'b', 'school-1')));
    expect(mine.map((r) => [r.event.title, r.registration.status, r.waitlistPosition])).toEqual([
      ['Функциональная грамотность, часть 1', 'WAITLISTED', 1],
      ['Региональный форум', 'CONFIRMED', null],
    ]);
    expect(summaries(await educatorFeed(d, 'b'))).toHaveLength(2);
  });

  it('feed keys are the service’s; the check-in code is the organiser’s only', async () => {
    const { d, own } = await setup();
    const key = feedKey('secret', 'a');
    expect(isFeedKey('secret', 'a', key)).toBe(true);
    expect(isFeedKey('secret', 'b', key)).toBe(false);
    expect(isFeedKey('other', 'a', key)).toBe(false);
    expect(await checkInCode(d, requestAs(users.methodologist('m1')), own.id)).toMatch(/^CODE\d+$/);
    expect(await codeOf(checkInCode(d, requestAs(users.teacher('m1', 'a', 'school-1')), own.id))).toBe('FORBIDDEN');
  });
});
