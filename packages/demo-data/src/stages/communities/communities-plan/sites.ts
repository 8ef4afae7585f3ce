/** Part 2 of the communities plan: calls for site applications and the sites taken through the procedure. */
import { MunicipalityPlan, OrganizationPlan } from '../../../region/region-model';
import { SITE_CRITERIA, SITE_PROJECTS } from '../communities-dictionaries';
import { REGION, type ProjectCardPlan, type SiteCallPlan, type SitePlan, type SiteStatusKind } from '../communities-plan';
import { addDays, pad, PlanContext } from './context';

/** The call's window: opened three weeks before asOf, closes three weeks after (applications are taken on the service's today). */
const WINDOW = { before: 21, after: 21 };

const cardOf = (ctx: PlanContext, project: { theme: string; goals: string }, school: string, complete: boolean, termTo: string): ProjectCardPlan => {
  const y = ctx.yearStart;
  return {
    theme: project.theme,
    goals: project.goals,
    stages: [
      {
        title: 'Подготовительный',
        from: `${y}-09-01`,
        to: `${y + 1}-06-30`,
        expectedResults: 'Нормативная база, команда проекта, диагностика исходного состояния.',
      },
      { title: 'Основной', from: `${y + 1}-09-01`, to: `${y + 2}-06-30`, expectedResults: 'Апробация модели, методические материалы, открытые мероприятия.' },
      { title: 'Обобщающий', from: `${y + 2}-09-01`, to: termTo, expectedResults: 'Анализ результатов, сборник опыта, трансляция в муниципалитете.' },
    ],
    calendarPlan: [
      { what: 'Семинар для педагогов школы', when: `${y + 1}-01` },
      { what: 'Открытые уроки', when: `${y + 1}-03` },
      { what: 'Отчёт о ходе проекта', when: `${y + 1}-06` },
    ],
    foundersAgreement: `Письмо учредителя о согласовании проекта (${school})`,
    councilDecision: complete ? `Протокол управляющего совета ${school} № ${pad((project.theme.length % 9) + 1)}` : null,
  };
};

interface Host {
  m: MunicipalityPlan;
  o: OrganizationPlan;
}

/** One site: the application's card, the check (returned or not), the opinion, the decision, the first report. */
const sitePlan = (
  ctx: PlanContext,
  rng: ReturnType<PlanContext['root']['fork']>,
  key: string,
  call: SiteCallPlan,
  host: Host,
  partners: OrganizationPlan[],
  status: SiteStatusKind,
  decline: boolean,
): SitePlan => {
  const project = rng.pick(SITE_PROJECTS[status]);
  const school = host.o.input.shortName ?? host.o.input.name;
  const returned = rng.chance(0.35);
  const level = call.input.level;
  const termTo = `${ctx.yearStart + 3}-06-30`;
  const orderDate = ctx.asOf;
  const scores = SITE_CRITERIA.map((criterion) => ({ criterion, score: decline ? rng.int(2, 5) : rng.int(6, 10) }));
  const reportYear = `${ctx.yearStart}/${ctx.yearStart + 1}`;
  const dueOn = `${ctx.yearStart + 1}-06-30`;
  return {
    key,
    callKey: call.key,
    tenantId: level === 'REGIONAL' ? REGION : host.m.id,
    municipalityId: host.m.id,
    organizationPlanIds: [host.o.id, ...partners.map((p) => p.id)],
    input: { status, level, direction: project.direction },
    card: cardOf(ctx, project, school, !returned, termTo),
    returned,
    completeCard: cardOf(ctx, project, school, true, termTo),
    opinion: {
      scores,
      recommendation: decline ? 'DECLINE' : 'GRANT',
      comment: decline
        ? 'Проект не обеспечен ресурсами, ожидаемые результаты не измеримы.'
        : 'Проект актуален, этапы и результаты описаны, ресурсы школы достаточны.',
    },
    outcome: decline ? 'DECLINED' : 'GRANTED',
    declineReason: decline ? 'Экспертный совет не рекомендовал присвоение статуса: проект требует доработки.' : null,
    order: decline
      ? null
      : {
          number: `${rng.int(500, 990)}${level === 'REGIONAL' ? '-р' : ''}`,
          date: orderDate,
          issuer: level === 'REGIONAL' ? 'Министерство образования региона' : `Управление образования: ${host.m.input.name}`,
        },
    term: decline ? null : { from: orderDate, to: termTo },
    report:
      decline || dueOn <= orderDate
        ? null
        : {
            year: reportYear,
            dueOn,
            // The reporting season: the last weeks before the due date (and never before the grant).
            submitOn: [addDays(dueOn, -rng.int(5, 25)), orderDate].sort()[1]!,
            summary: `Отчёт о реализации проекта «${project.theme}» за ${reportYear} учебный год: проведены запланированные мероприятия, материалы размещены на сайте школы.`,
            accepted: rng.chance(0.85),
            opinion: 'Экспертный совет рассмотрел отчёт.',
          },
  };
};

/** Calls (one per municipality, one of the region) and the sites applying in them. */
export const planSites = (ctx: PlanContext): { siteCalls: SiteCallPlan[]; sites: SitePlan[] } => {
  const window = { from: addDays(ctx.asOf, -WINDOW.before), to: addDays(ctx.asOf, WINDOW.after) };
  const year = `${ctx.yearStart}/${ctx.yearStart + 1}`;
  const siteCalls: SiteCallPlan[] = [];
  const sites: SitePlan[] = [];
  const regionalCall: SiteCallPlan = {
    key: 'call/region',
    tenantId: REGION,
    input: { title: `Конкурсный отбор региональных инновационных площадок ${year}`, level: 'REGIONAL', statuses: ['INNOVATION'], ...window },
  };
  const regionalHosts: Host[] = [];
  for (const m of ctx.region.municipalities) {
    const rng = ctx.root.fork(`sites/${m.id}`);
    const schools = m.organizations.filter((o) => o.input.kind === 'SCHOOL' && o.educators.length >= 5);
    if (!schools.length) continue;
    const call: SiteCallPlan = {
      key: `call/${m.id}`,
      tenantId: m.id,
      input: {
        title: `Приём заявок на статус муниципальной инновационной и базовой площадки ${year}`,
        level: 'MUNICIPAL',
        statuses: ['INNOVATION', 'BASE'],
        ...window,
      },
    };
    siteCalls.push(call);
    // An innovation and a base site in every municipality with two such schools, up to four in the larger ones.
    const hosts = rng.sample(schools, Math.min(schools.length, Math.max(2, Math.min(4, Math.round(schools.length / 6)))));
    hosts.forEach((o, i) => {
      const status: SiteStatusKind = i % 2 === 0 ? 'INNOVATION' : 'BASE';
      const partners =
        status === 'INNOVATION' && rng.chance(0.3)
          ? rng.sample(
              schools.filter((s) => s.id !== o.id),
              1,
            )
          : [];
      // Some municipalities decline their last application (never the only one).
      const decline = hosts.length > 1 && i === hosts.length - 1 && rng.chance(0.3);
      sites.push(sitePlan(ctx, rng, `site/${m.id}/${i + 1}`, call, { m, o }, partners, status, decline));
    });
    const regionalHost = [...schools].sort((a, b) => b.educators.length - a.educators.length || (a.id < b.id ? -1 : 1)).find((o) => !hosts.includes(o));
    if (regionalHost && ctx.region.municipalities.indexOf(m) % 3 === 0) regionalHosts.push({ m, o: regionalHost });
  }
  if (regionalHosts.length) {
    siteCalls.push(regionalCall);
    const rng = ctx.root.fork('sites/region');
    regionalHosts.forEach((h, i) => sites.push(sitePlan(ctx, rng, `site/region/${pad(i + 1)}`, regionalCall, h, [], 'INNOVATION', false)));
  }
  return { siteCalls, sites };
};
