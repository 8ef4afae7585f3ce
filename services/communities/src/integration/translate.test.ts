import type { UserClaims } from '@mms/auth';
import { ALL_CONTRACTS, assertMatches } from '@mms/contracts';
import { EventEnvelope } from '@mms/eventsourcing/core';
import { requestAs, users } from '@mms/testing';
import { memoryDeps } from '../communities.in-memory';
import * as community from '../communities/community.handlers';
import { startThread } from '../discussions/thread.handlers';
import * as attendance from '../method-events/attendance.handlers';
import * as events from '../method-events/method-event.handlers';
import * as registration from '../method-events/registration.handlers';
import * as sites from '../sites/site.handlers';
import { translateCommunitiesEvent } from './translate';

const meth = requestAs(users.methodologist('m1'));
const coordinator = requestAs(users.coordinator('m1', 'school-1'));
const teacher = (id: string) => requestAs(users.teacher('m1', id, 'school-1'));
const expert = requestAs({ subject: 'x1', role: 'expert', municipalityId: 'm1', organizationId: null, educatorId: 'x1' } as UserClaims);
const order = { number: '45-од', date: '2026-09-15', issuer: 'Управление образования' };

/** A busy term: a community with members and a report, an event from publication to feedback, a site from application to closing. */
const aBusyTerm = async () => {
  const t = memoryDeps('2026-09-10T03:00:00.000Z');
  for (const id of ['a', 'b', 'c']) t.place({ educatorId: id, municipalityId: 'm1', organizationId: 'school-1' });
  await t.project();
  const c = await community.proposeCommunity(t.d, meth, {
    kind: 'WORKING_GROUP',
    level: 'MUNICIPAL',
    name: 'Рабочая группа',
    subject: null,
    direction: 'функциональная грамотность',
    hostOrganizationId: null,
    term: { from: '2026-09-01', to: '2027-05-31' },
    task: 'банк заданий',
  });
  await community.approveCommunity(t.d, meth, { communityId: c.id, order });
  await community.addMember(t.d, meth, { communityId: c.id, educatorId: 'a', role: 'HEAD' });
  await community.addMember(t.d, meth, { communityId: c.id, educatorId: 'b', role: 'MEMBER' });
  await community.startCommunity(t.d, meth, c.id);
  await community.submitCommunityReport(t.d, meth, { communityId: c.id, period: '2026 Q3', summary: 'отчёт рабочей группы за квартал' });
  await community.removeMember(t.d, meth, { communityId: c.id, educatorId: 'b' });
  await t.project();
  await startThread(t.d, teacher('a'), { communityId: c.id, title: 'Задания', text: 'секретный текст обсуждения' });

  const ev = await events.publishMethodEvent(t.d, meth, {
    kind: 'SEMINAR',
    title: 'Формирующее оценивание',
    organiser: { kind: 'SERVICE' },
    level: 'MUNICIPAL',
    startsAt: '2026-11-10T14:00',
    endsAt: '2026-11-10T16:00',
    place: 'ИМЦ',
    capacity: 1,
  });
  await registration.register(t.d, teacher('a'), { methodEventId: ev.id });
  await registration.register(t.d, teacher('b'), { methodEventId: ev.id });
  await registration.cancelRegistration(t.d, teacher('a'), { methodEventId: ev.id });
  await events.changeCapacity(t.d, meth, { methodEventId: ev.id, capacity: 5 });
  await events.addSpeaker(t.d, meth, { methodEventId: ev.id, educatorId: 'c', title: 'Опыт школы', summary: 'рассказ о практике' });
  t.at('2026-11-10T07:30:00.000Z');
  await attendance.markAttendance(t.d, meth, { methodEventId: ev.id, educatorId: 'b', present: true });
  t.at('2026-11-10T09:30:00.000Z');
  await attendance.issueCertificates(t.d, meth, { methodEventId: ev.id, hours: 2 });
  await attendance.giveFeedback(t.d, teacher('b'), { methodEventId: ev.id, rating: 4, comment: 'очень личный комментарий' });

  t.at('2026-09-10T03:00:00.000Z');
  await sites.announceSiteCall(t.d, meth, { title: 'Конкурс', level: 'MUNICIPAL', statuses: ['INNOVATION'], from: '2026-09-01', to: '2026-09-30' });
  await t.project();
  const card = {
    theme: 'Тема проекта площадки',
    goals: 'цели',
    stages: [{ title: 'этап', from: '2026-11-01', to: '2027-05-31', expectedResults: 'результат' }],
    calendarPlan: [{ what: 'семинар', when: '2027-02' }],
    foundersAgreement: 'согласование № 15',
    councilDecision: 'протокол № 1',
  };
  const site = await sites.applyForStatus(t.d, coordinator, {
    status: 'INNOVATION',
    level: 'MUNICIPAL',
    direction: 'цифровизация',
    organizationIds: ['school-1'],
    card,
  });
  await sites.checkCompleteness(t.d, meth, { siteId: site.id });
  await sites.giveExpertOpinion(t.d, expert, {
    siteId: site.id,
    scores: [{ criterion: 'актуальность', score: 9 }],
    recommendation: 'GRANT',
    comment: 'мнение эксперта совета',
  });
  await sites.grantStatus(t.d, meth, { siteId: site.id, order, term: { from: '2026-11-01', to: '2027-08-31' } });
  t.at('2027-06-20T03:00:00.000Z');
  await sites.submitAnnualReport(t.d, coordinator, { siteId: site.id, year: '2026/2027', summary: 'годовой отчёт площадки' });
  await sites.reviewAnnualReport(t.d, meth, { siteId: site.id, year: '2026/2027', accepted: true, opinion: 'заключение по отчёту' });
  await sites.terminateStatus(t.d, meth, { siteId: site.id, order: { ...order, number: '90-од', date: '2027-06-25' }, reason: 'AT_SITE_REQUEST' });
  return t;
};

/** Everything a busy term appends, through the translator: every public event matches its contract; nothing private leaves. */
describe('public events of communities', () => {
  let published: { type: string; data: unknown }[];
  let internal: EventEnvelope[];

  beforeAll(async () => {
    internal = (await aBusyTerm()).store.events;
    published = internal.flatMap((e) => translateCommunitiesEvent(e));
  });

  it('match their contracts', () => {
    expect(published.length).toBeGreaterThan(15);
    for (const p of published) {
      const contract = ALL_CONTRACTS[p.type];
      expect(contract).toBeDefined();
      assertMatches(contract!, 1, p.data);
    }
  });

  it('cover the lifecycle of communities, sites and events', () => {
    const types = new Set(published.map((p) => p.type.replace('communities.', '')));
    for (const t of [
      'CommunityRegistered',
      'CommunityStatusChanged',
      'MembershipChanged',
      'SiteStatusChanged',
      'SiteReportChanged',
      'CommunityReported',
      'MethodEventChanged',
      'MethodEventScheduled',
      'RegistrationChanged',
      'AttendanceRecorded',
      'ParticipationCertified',
      'PresentationGiven',
      'FeedbackRated',
    ])
      expect(types).toContain(t);
  });

  it('carry no posts, comments, check-in codes, project cards or opinions', () => {
    const text = JSON.stringify(published);
    const secrets = internal.flatMap((e) => {
      const d = e.data as Record<string, any>;
      return [d['checkInCode'], d['comment'], d['text'], d['card']?.theme, d['summary'], d['opinion']].filter((v) => typeof v === 'string' && v.length > 3);
    });
    expect(secrets.length).toBeGreaterThan(3);
    for (const s of secrets) expect(text).not.toContain(s);
  });
});
