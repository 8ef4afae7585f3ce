import { DomainError, NotFoundError, ValidationError } from '@mms/eventsourcing/core';
import { deciderSpec } from '@mms/testing';
import { ProjectCard, SiteCommand, siteDecider, SiteEvent } from './site.decider';
import { overdueReports, reportSchedule, reportsDueSoon } from './site-reports';

const spec = deciderSpec(siteDecider);
const site = { status: 'INNOVATION' as const, level: 'MUNICIPAL' as const };
const id = { siteId: 'site1' };
const card: ProjectCard = {
  theme: 'Цифровая образовательная среда основной школы',
  goals: 'модель смешанного обучения в 5–9 классах',
  stages: [{ title: 'подготовительный', from: '2026-09-01', to: '2027-05-31', expectedResults: 'нормативная база' }],
  calendarPlan: [{ what: 'семинар для педагогов района', when: '2026-11' }],
  foundersAgreement: 'согласование учредителя № 15 от 2026-08-20',
  councilDecision: 'протокол совета школы № 1 от 2026-08-28',
};
const application = {
  status: 'INNOVATION' as const,
  level: 'MUNICIPAL' as const,
  direction: 'цифровизация',
  organizationIds: ['school-1'],
  hostMunicipalityId: 'm1',
  card,
};
const window = { from: '2026-09-01', to: '2026-09-30' };
const order = { number: '45-од', date: '2026-10-20', issuer: 'Управление образования' };
const term = { from: '2026-11-01', to: '2029-08-31' };
const applied: SiteEvent = { type: 'SiteApplied', data: { ...id, ...application, on: '2026-09-10' } };
const accepted: SiteEvent = { type: 'SiteApplicationAccepted', data: id };
const opinion: SiteEvent = {
  type: 'SiteExpertOpinionGiven',
  data: { ...id, expertId: 'x1', scores: [{ criterion: 'актуальность', score: 9 }], recommendation: 'GRANT', comment: 'проект актуален' },
};
const granted: SiteEvent = { type: 'SiteStatusGranted', data: { ...id, site, order, term, reports: reportSchedule(term) } };
const active = [applied, accepted, opinion, granted];

describe('application', () => {
  const apply = (today = '2026-09-10', w: typeof window | null = window): SiteCommand => ({ ...id, type: 'ApplyForStatus', application, today, window: w });

  it('is taken in the call’s window only', () => {
    spec.given([]).when(apply()).then([applied]);
    spec.given([]).when(apply('2026-10-01')).thenThrows(DomainError, 'APPLICATION_WINDOW_CLOSED');
    spec.given([]).when(apply('2026-09-10', null)).thenThrows(DomainError, 'APPLICATION_WINDOW_CLOSED');
  });

  it('an incomplete card goes back with what it lacks; resubmitted, it is checked again', () => {
    const bare: SiteEvent = { type: 'SiteApplied', data: { ...id, ...application, card: { ...card, councilDecision: null }, on: '2026-09-10' } };
    spec
      .given([bare])
      .when({ ...id, type: 'CheckCompleteness', missing: [' подписи '] })
      .then([{ type: 'SiteApplicationReturned', data: { ...id, missing: ['councilDecision', 'подписи'] } }]);
    const returned: SiteEvent = { type: 'SiteApplicationReturned', data: { ...id, missing: ['councilDecision'] } };
    spec
      .given([bare, returned])
      .when({ ...id, type: 'ResubmitApplication', card, today: '2026-09-20' })
      .then([{ type: 'SiteApplicationResubmitted', data: { ...id, card, on: '2026-09-20' } }]);
    spec
      .given([applied])
      .when({ ...id, type: 'CheckCompleteness', missing: [] })
      .then([accepted]);
  });

  it('the status is granted by an order after an expert opinion, for the project’s term', () => {
    const grant: SiteCommand = { ...id, type: 'GrantStatus', order, term };
    spec.given([applied, accepted]).when(grant).thenThrows(DomainError, 'OPINION_REQUIRED');
    spec.given([applied, accepted, opinion]).when(grant).then([granted]);
    spec.given(active).when(grant).then([]);
    spec.given([applied]).when(grant).thenThrows(DomainError, 'WRONG_PHASE');
    spec
      .given([applied, accepted])
      .when({ ...id, type: 'GiveExpertOpinion', opinion: { expertId: 'x1', scores: [{ criterion: 'a', score: 11 }], recommendation: 'GRANT', comment: 'x' } })
      .thenThrows(ValidationError);
  });
});

describe('the host', () => {
  it('the application keeps the host school’s municipality (a regional site’s host coordinator is checked against it)', () => {
    expect([applied].reduce(siteDecider.evolve, siteDecider.initialState())).toMatchObject({ organizationIds: ['school-1'], hostMunicipalityId: 'm1' });
  });
});

describe('annual reports, extension, termination, closing', () => {
  it('one report per academic year of the term, due on 30 June; the last year is the final report’s', () => {
    expect(reportSchedule(term)).toEqual([
      { year: '2026/2027', dueOn: '2027-06-30' },
      { year: '2027/2028', dueOn: '2028-06-30' },
      { year: '2028/2029', dueOn: '2029-06-30' },
    ]);
    expect(reportSchedule({ from: '2027-01-15', to: '2027-06-30' })).toEqual([]);
  });

  it('reports come in once, get an opinion, and the missing ones are overdue', () => {
    const submitted: SiteEvent = { type: 'SiteReportSubmitted', data: { ...id, year: '2026/2027', summary: 'этап 1 выполнен', on: '2027-06-20' } };
    spec
      .given(active)
      .when({ ...id, type: 'SubmitAnnualReport', year: '2026/2027', summary: 'этап 1 выполнен', today: '2027-06-20' })
      .then([submitted]);
    spec
      .given([...active, submitted])
      .when({ ...id, type: 'SubmitAnnualReport', year: '2026/2027', summary: 'другое', today: '2027-06-21' })
      .thenThrows(DomainError, 'REPORT_SUBMITTED');
    spec
      .given(active)
      .when({ ...id, type: 'ReviewAnnualReport', year: '2026/2027', accepted: true, opinion: 'принят' })
      .thenThrows(DomainError, 'REPORT_NOT_SUBMITTED');
    spec
      .given(active)
      .when({ ...id, type: 'SubmitAnnualReport', year: '2031/2032', summary: 'x', today: '2027-06-20' })
      .thenThrows(NotFoundError);
    const state = [...active, submitted].reduce(siteDecider.evolve, siteDecider.initialState());
    expect(overdueReports(state.reports, '2028-07-01').map((r) => r.year)).toEqual(['2027/2028']);
    expect(reportsDueSoon(state.reports, '2028-06-01', '2028-06-30').map((r) => r.year)).toEqual(['2027/2028']);
  });

  it('an extension adds the new years’ reports; a termination by order ends the work early', () => {
    const order2 = { ...order, number: '90-од' };
    spec
      .given(active)
      .when({ ...id, type: 'ExtendStatus', order: order2, to: '2030-08-31' })
      .then([
        { type: 'SiteStatusExtended', data: { ...id, site, order: order2, to: '2030-08-31', reports: reportSchedule({ from: term.from, to: '2030-08-31' }) } },
      ]);
    const extended = [
      ...active,
      {
        type: 'SiteStatusExtended',
        data: { ...id, site, order: order2, to: '2030-08-31', reports: reportSchedule({ from: term.from, to: '2030-08-31' }) },
      } as SiteEvent,
    ];
    expect(extended.reduce(siteDecider.evolve, siteDecider.initialState()).reports.map((r) => r.year)).toEqual([
      '2026/2027',
      '2027/2028',
      '2028/2029',
      '2029/2030',
    ]);
    spec
      .given(active)
      .when({ ...id, type: 'TerminateStatus', order: order2, reason: 'REPORT_NOT_SUBMITTED', today: '2027-09-01' })
      .then([{ type: 'SiteStatusTerminated', data: { ...id, site, order: order2, reason: 'REPORT_NOT_SUBMITTED', on: '2027-09-01' } }]);
  });

  it('the final report after the term (or a termination), then closed', () => {
    const final = (today: string): SiteCommand => ({ ...id, type: 'SubmitFinalReport', summary: 'модель внедрена', today });
    spec.given(active).when(final('2028-01-01')).thenThrows(DomainError, 'TERM_NOT_OVER');
    const finalReported: SiteEvent = { type: 'SiteFinalReportSubmitted', data: { ...id, summary: 'модель внедрена', on: '2029-09-01' } };
    spec.given(active).when(final('2029-09-01')).then([finalReported]);
    spec
      .given(active)
      .when({ ...id, type: 'CloseSite', today: '2029-09-02' })
      .thenThrows(DomainError, 'WRONG_PHASE');
    spec
      .given([...active, finalReported])
      .when({ ...id, type: 'CloseSite', today: '2029-09-02' })
      .then([{ type: 'SiteClosed', data: { ...id, site, on: '2029-09-02' } }]);
  });
});
