import type { UserClaims } from '@mms/auth';
import { requestAs, users } from '@mms/testing';
import { codeOf, memoryDeps } from '../communities.in-memory';
import type { ProjectCard } from './site.decider';
import { announceSiteCall, applyForStatus, checkCompleteness, giveExpertOpinion, grantStatus, reviewAnnualReport, submitAnnualReport } from './site.handlers';

const card: ProjectCard = {
  theme: 'Смешанное обучение в основной школе',
  goals: 'модель для 5–9 классов',
  stages: [{ title: 'подготовительный', from: '2026-11-01', to: '2027-05-31', expectedResults: 'положение' }],
  calendarPlan: [{ what: 'семинар', when: '2027-02' }],
  foundersAgreement: 'согласование № 15',
  councilDecision: 'протокол № 1',
};
const meth = requestAs(users.methodologist('m1'));
const coordinator = requestAs(users.coordinator('m1', 'school-1'));
const expert = (m: string) => requestAs({ subject: `x-${m}`, role: 'expert', municipalityId: m, organizationId: null, educatorId: `x-${m}` } as UserClaims);
const application = { status: 'INNOVATION' as const, level: 'MUNICIPAL' as const, direction: 'цифровизация', organizationIds: ['school-1'], card };

describe('sites (handlers over the in-memory store)', () => {
  it('a call, an application in its window, the check, an expert’s opinion, the status by order, a report and its review', async () => {
    const t = memoryDeps('2026-09-10T03:00:00.000Z');
    t.school('school-1', 'm1');
    t.school('school-3', 'm1');
    t.school('school-9', 'm2');
    await t.project();
    expect(await codeOf(applyForStatus(t.d, coordinator, application))).toBe('APPLICATION_WINDOW_CLOSED');
    await announceSiteCall(t.d, meth, {
      title: 'Конкурс инновационных площадок 2026',
      level: 'MUNICIPAL',
      statuses: ['INNOVATION'],
      from: '2026-09-01',
      to: '2026-09-30',
    });
    await t.project();
    expect(await codeOf(applyForStatus(t.d, coordinator, { ...application, status: 'BASE' }))).toBe('APPLICATION_WINDOW_CLOSED');
    expect(await codeOf(applyForStatus(t.d, requestAs(users.coordinator('m1', 'school-2')), application))).toBe('FORBIDDEN');
    // Partner schools: ones the directory knows, of the host's municipality for a municipal site; each refusal names the school.
    const fieldOf = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { code?: string; details?: { field?: string }; problems?: { field: string }[] }) => [e.code, e.details?.field ?? e.problems?.[0]?.field],
      );
    expect(await fieldOf(applyForStatus(t.d, coordinator, { ...application, organizationIds: ['school-1', 'no-such-school'] }))).toEqual([
      'NOT_FOUND',
      'organizationIds.1',
    ]);
    expect(await fieldOf(applyForStatus(t.d, coordinator, { ...application, organizationIds: ['school-1', 'school-9'] }))).toEqual([
      'BAD_USER_INPUT',
      'organizationIds.1',
    ]);
    const site = await applyForStatus(t.d, coordinator, { ...application, organizationIds: ['school-1', 'school-3'] });
    expect(site.tenantId).toBe('m1');
    await checkCompleteness(t.d, meth, { siteId: site.id });
    expect(
      await codeOf(
        giveExpertOpinion(t.d, expert('m2'), { siteId: site.id, scores: [{ criterion: 'актуальность', score: 9 }], recommendation: 'GRANT', comment: 'да' }),
      ),
    ).toBe('FORBIDDEN');
    await giveExpertOpinion(t.d, expert('m1'), {
      siteId: site.id,
      scores: [{ criterion: 'актуальность', score: 9 }],
      recommendation: 'GRANT',
      comment: 'проект актуален',
    });
    expect(
      await codeOf(
        grantStatus(t.d, coordinator, {
          siteId: site.id,
          order: { number: '1', date: '2026-10-20', issuer: 'УО' },
          term: { from: '2026-11-01', to: '2028-08-31' },
        }),
      ),
    ).toBe('FORBIDDEN');
    await grantStatus(t.d, meth, {
      siteId: site.id,
      order: { number: '45-од', date: '2026-10-20', issuer: 'УО' },
      term: { from: '2026-11-01', to: '2028-08-31' },
    });
    t.at('2027-06-20T03:00:00.000Z');
    await submitAnnualReport(t.d, coordinator, { siteId: site.id, year: '2026/2027', summary: 'этап выполнен' });
    await reviewAnnualReport(t.d, meth, { siteId: site.id, year: '2026/2027', accepted: true, opinion: 'принят' });
    await t.project();
    const row = await t.tables.sites.get(site.id);
    expect(row).toMatchObject({ phase: 'ACTIVE', hostMunicipalityId: 'm1' });
    expect(row!.register.map((r: { what: string }) => r.what)).toEqual(['APPLIED', 'GRANTED']);
    expect(row!.reports[0]).toMatchObject({ year: '2026/2027', submittedOn: '2027-06-20', review: { accepted: true } });
  });
});
