import { rowsFrom, streamOf } from '@mms/testing';
import { reportSchedule } from './site-reports';
import type { ProjectCard, SiteEvent } from './site.decider';
import { siteRows } from './site.rows';

const site = { status: 'INNOVATION' as const, level: 'MUNICIPAL' as const };
const id = { siteId: 's1' };
const card: ProjectCard = { theme: 'Смешанное обучение', goals: 'g', stages: [], calendarPlan: [], foundersAgreement: 'a', councilDecision: 'b' };
const order = { number: '45-од', date: '2026-10-20', issuer: 'УО' };
const term = { from: '2026-11-01', to: '2028-08-31' };
const history: SiteEvent[] = [
  {
    type: 'SiteApplied',
    data: {
      ...id,
      status: 'INNOVATION',
      level: 'MUNICIPAL',
      direction: 'цифровизация',
      organizationIds: ['school-1'],
      hostMunicipalityId: 'm1',
      card,
      on: '2026-09-10',
    },
  },
  { type: 'SiteApplicationAccepted', data: id },
  { type: 'SiteStatusGranted', data: { ...id, site, order, term, reports: reportSchedule(term) } },
  { type: 'SiteReportSubmitted', data: { ...id, year: '2026/2027', summary: 'сделано', on: '2027-06-20' } },
  { type: 'SiteReportReviewed', data: { ...id, year: '2026/2027', accepted: true, opinion: 'принят' } },
  {
    type: 'SiteStatusTerminated',
    data: { ...id, site, order: { ...order, number: '90-од', date: '2027-09-01' }, reason: 'AT_SITE_REQUEST', on: '2027-09-01' },
  },
];

describe('site rows', () => {
  it('the public register: applied, granted by its order, terminated with the reason; reports without their texts', async () => {
    const [row] = await rowsFrom(siteRows, streamOf('m1', 'site-s1', history));
    expect(row!.register.map((r) => [r.on, r.what, r.order?.number ?? null, r.note])).toEqual([
      ['2026-09-10', 'APPLIED', null, null],
      ['2026-10-20', 'GRANTED', '45-од', null],
      ['2027-09-01', 'TERMINATED', '90-од', 'AT_SITE_REQUEST'],
    ]);
    expect(row).toMatchObject({ phase: 'TERMINATED', term, theme: 'Смешанное обучение' });
    expect(row!.reports).toEqual([
      { year: '2026/2027', dueOn: '2027-06-30', submittedOn: '2027-06-20', review: { accepted: true, opinion: 'принят' } },
      { year: '2027/2028', dueOn: '2028-06-30', submittedOn: null, review: null },
    ]);
    expect(JSON.stringify(row)).not.toContain('сделано');
  });
});
