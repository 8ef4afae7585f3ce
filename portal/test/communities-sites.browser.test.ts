import type { Browser, Page } from 'playwright-core';
import { waitFor } from '@mms/testing/infra';
import { ok, Platform } from '../../test/platform-harness';
import { addDays, toWallClock } from '../src/contexts/communities/communities-helpers';
import { eventually, expectAccessible as axeOn, launch, personPage, pick, screenshot, signInAs, startPortalPlatform } from './browser';

/**
 * axe on the page at rest: the notifications gone (one sliding in over a button, top right, is
 * measured half-transparent) and the pointer off the button it just pressed (a button that takes
 * its place is measured mid-hover) — contrast failures of the moment rather than of the page.
 */
const expectAccessible = async (page: Page, what: string) => {
  await page.mouse.move(1, 1);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.waitForFunction(() => !document.querySelector('.mantine-Notification-root'), null, { timeout: 15_000 });
  await page.waitForTimeout(300);
  try {
    await axeOn(page, what);
  } catch (err) {
    // Say which colours axe measured, to tell a real contrast problem from a passing state.
    const contrast = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { nodes: { html: string; any: { data: unknown }[] }[] }[] }> };
        }
      ).axe;
      const r = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
      return r.violations.flatMap((v) => v.nodes.map((n) => `${n.html.slice(0, 120)} ${JSON.stringify(n.any[0]?.data)}`));
    });
    throw new Error(`${(err as Error).message}\n${contrast.join('\n')}`);
  }
};
/**
 * Issue 12's communities and sites in the portal (directory + communities, the real gateway
 * serving the built portal): the methodologist proposes a working group through the form (a
 * missing task said at its field), records the approving order, names the head and members and
 * starts it; the head sets tasks (one overdue, one done) and opens a discussion, a member posts,
 * the head hides the post with a reason; the methodologist removes a member (who stays in the
 * history) and sees the overdue task. A school applies for an innovation site in the
 * methodologist's call, is returned for missing documents, resubmits; an expert gives an
 * opinion, the status is granted by an order, the overdue annual report is submitted and
 * accepted. The public sees both registers. axe checks every page on the way.
 */
describe('portal in a real browser: communities (order, members, tasks, discussion) and sites (application → review → status → annual report)', () => {
  let p: Platform;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const M = `mun-net-${stamp}`;
  const names = { municipality: `Округ сетей ${stamp}`, school: `Гимназия № 3 (${stamp})`, partner: `Школа № 12 (${stamp})` };
  const teachers = ['Григорьева Дарья Олеговна', 'Егорова Жанна Ильинична', 'Зайцева Ирина Петровна'];
  const position = 'Учитель физики';
  const group = `Рабочая группа по функциональной грамотности ${stamp}`;
  const theme = `Цифровая лаборатория естественных наук ${stamp}`;
  const today = toWallClock(new Date()).slice(0, 10);
  const year = Number(today.slice(0, 4)) - (today.slice(5) < '09-01' ? 1 : 0);
  let organizationId = '';

  const signInTeacher = (page: Page, i: number) =>
    signInAs(page, p.gateway.url, 'Педагог', [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
      ['Педагог', `${teachers[i]} — ${position}`],
    ]);
  const signInMethodologist = (page: Page) => signInAs(page, p.gateway.url, 'Методист муниципалитета', [['Муниципалитет', names.municipality]]);
  const signInCoordinator = (page: Page) =>
    signInAs(page, p.gateway.url, 'Координатор школы', [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
    ]);
  const dialog = (page: Page) => page.getByRole('dialog');
  const openCommunity = async (page: Page) => {
    await page.goto(`${p.gateway.url}/communities?municipality=${M}`);
    await eventually(page, () => page.getByRole('link', { name: group }).first());
    await page.getByRole('link', { name: group }).first().click();
    await page.getByRole('heading', { name: group, level: 1 }).waitFor();
  };
  const openSite = async (page: Page, siteUrl: string) => {
    await page.goto(siteUrl);
    await page.getByRole('heading', { name: theme, level: 1 }).waitFor();
  };

  beforeAll(async () => {
    p = await startPortalPlatform('communities-sites', ['directory', 'communities']);
    browser = await launch();
    const ro = await p.token('regional_operator');
    ok(
      await p.gql(ro, `mutation($i: OnboardMunicipalityInput!) { onboardMunicipality(input: $i) { id } }`, {
        i: { id: M, name: names.municipality, oktmo: '04701000' },
      }),
    );
    const meth = await p.token('municipal_methodologist', { municipality: M });
    organizationId = ok<any>(
      await p.gql(meth, `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, { i: { name: names.school, kind: 'SCHOOL' } }),
    ).registerOrganization.id as string;
    ok(
      await p.gql(meth, `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, { i: { name: names.partner, kind: 'SCHOOL' } }),
    );
    const ids: string[] = [];
    for (const fullName of teachers) {
      const i = { organizationId, fullName, position, subjects: ['Физика'], careerStartDate: '2010-09-01' };
      ids.push(ok<any>(await p.gql(meth, `mutation($i: RegisterEducatorInput!) { registerEducator(input: $i) { id } }`, { i })).registerEducator.id);
    }
    // The directory's educators reach communities through Kafka: wait until it knows every one.
    for (const id of ids)
      await waitFor(
        async () => (await p.gql(meth, `query($id: ID!) { educator(id: $id) { methodEventHours } }`, { id })).body.data?.educator?.methodEventHours === 0,
        { what: `communities knows educator ${id}`, timeoutMs: 60_000 },
      );
  });

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('the methodologist proposes a working group, records its order, names the head and members and starts it', async () => {
    const { context, page } = await personPage(browser);
    await signInMethodologist(page);
    await page.getByRole('link', { name: 'Сообщества', exact: true }).click();
    await page.getByRole('heading', { name: 'Профессиональные сообщества', level: 1 }).waitFor();
    await page.getByText('Просроченных задач нет.').waitFor();
    await expectAccessible(page, 'the register of communities (methodologist)');
    await page.getByRole('link', { name: 'Предложить сообщество' }).click();
    await page.getByRole('heading', { name: 'Новое сообщество', level: 1 }).waitFor();
    await pick(page, 'Вид', 'Рабочая группа');
    await page.getByRole('textbox', { name: 'Название', exact: true }).fill(group);
    await page.getByRole('textbox', { name: 'Направление', exact: true }).fill('Функциональная грамотность');
    await page.getByLabel('Срок: с').fill(today);
    await page.getByLabel('Срок: по').fill(addDays(today, 180));
    await page.getByRole('button', { name: 'Предложить', exact: true }).click();
    await page.getByText('Укажите задачу, для которой создаётся структура.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Задача', exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the proposal form with its error');
    await screenshot(page, 'communities-propose-errors');
    await page.getByRole('textbox', { name: 'Задача', exact: true }).fill('Банк заданий по естественно-научной грамотности для 7–9 классов');
    await page.getByRole('button', { name: 'Предложить', exact: true }).click();
    await page.getByRole('heading', { name: group, level: 1 }).waitFor();
    await page.getByText('Предложено', { exact: true }).first().waitFor();

    // The approving order.
    await page.getByRole('button', { name: 'Утвердить приказом' }).click();
    await dialog(page).getByRole('textbox', { name: 'Номер приказа' }).fill(`15-од`);
    await dialog(page).getByLabel('Дата приказа').fill(today);
    await dialog(page).getByRole('textbox', { name: 'Кем издан' }).fill('Управление образования');
    await dialog(page).getByRole('button', { name: 'Утвердить приказом' }).click();
    await eventually(page, () => page.getByText(/^Приказ № 15-од от .+, Управление образования$/));
    await page.getByText('Утверждено', { exact: true }).first().waitFor();

    // Members: the head first, then two members.
    for (const [i, role] of [
      [0, 'Руководитель'],
      [1, 'Участник'],
      [2, 'Участник'],
    ] as const) {
      await page.getByRole('button', { name: 'Добавить участника' }).click();
      await pick(page, 'Педагог', `${teachers[i]} — ${position}, ${names.school}`, dialog(page));
      await pick(page, 'Роль', role, dialog(page));
      await dialog(page).getByRole('button', { name: 'Добавить участника' }).click();
      await eventually(page, () => page.getByRole('row', { name: new RegExp(`${teachers[i]}.*${role}`) }));
    }
    await page.getByRole('button', { name: 'Начать работу' }).click();
    await eventually(page, () => page.getByText('Работает', { exact: true }).first());
    // A network of schools: the partner school joins.
    await page.getByRole('button', { name: 'Добавить школу в сеть' }).click();
    await pick(page, 'Школа', names.partner, dialog(page));
    await dialog(page).getByRole('button', { name: 'Добавить школу в сеть' }).click();
    await eventually(page, () => page.getByText(names.partner, { exact: true }));
    await expectAccessible(page, 'the community page (methodologist)');
    await screenshot(page, 'communities-community-started');
    await context.close();
  });

  it('the head sets tasks and opens a discussion, a member posts, the head hides the post with a reason', async () => {
    const head = await personPage(browser);
    await signInTeacher(head.page, 0);
    await openCommunity(head.page);
    // One task already past its deadline (the owner: a member), one done.
    const overdueTask = 'Собрать задания для 7 класса';
    const doneTask = 'Согласовать план заседаний';
    for (const [title, owner, dueOn] of [
      [overdueTask, teachers[1]!, addDays(today, -3)],
      [doneTask, teachers[0]!, addDays(today, 30)],
    ] as const) {
      await head.page.getByRole('button', { name: 'Поставить задачу' }).click();
      await dialog(head.page).getByRole('textbox', { name: 'Задача', exact: true }).fill(title);
      await pick(head.page, 'Ответственный', owner, dialog(head.page));
      await dialog(head.page).getByLabel('Срок').fill(dueOn);
      await dialog(head.page).getByRole('button', { name: 'Поставить задачу' }).click();
      await eventually(head.page, () => head.page.getByRole('row', { name: new RegExp(title) }));
    }
    await head.page
      .getByRole('row', { name: new RegExp(overdueTask) })
      .getByText('Просрочена')
      .waitFor();
    await head.page.getByRole('button', { name: `Отметить выполненной: ${doneTask}` }).click();
    await eventually(head.page, () => head.page.getByRole('row', { name: new RegExp(doneTask) }).getByText(/^Выполнена /));

    // A discussion.
    const topic = 'Какие задания PISA брать за образец';
    await head.page.getByRole('button', { name: 'Новое обсуждение' }).click();
    await dialog(head.page).getByRole('textbox', { name: 'Тема' }).fill(topic);
    await dialog(head.page).getByRole('textbox', { name: 'Первое сообщение' }).fill('Предлагаю начать с открытого банка заданий.');
    await dialog(head.page).getByRole('button', { name: 'Новое обсуждение' }).click();
    await eventually(head.page, () => head.page.getByRole('link', { name: topic }));
    await expectAccessible(head.page, 'the community page (its head)');
    await screenshot(head.page, 'communities-community-head');

    // The head holds a meeting of the group: an event organised by the community.
    const meeting = `Заседание группы ${stamp}`;
    await head.page.getByRole('link', { name: 'Провести мероприятие' }).click();
    await head.page.getByRole('heading', { name: 'Новое мероприятие', level: 1 }).waitFor();
    await head.page.getByRole('textbox', { name: 'Название', exact: true }).fill(meeting);
    await head.page.getByLabel('Начало (время региона)').fill(toWallClock(new Date(Date.now() + 7 * 86_400_000)));
    await head.page.getByLabel('Окончание (время региона)').fill(toWallClock(new Date(Date.now() + 7 * 86_400_000 + 2 * 3_600_000)));
    await head.page.getByLabel('Место проведения').fill('Гимназия № 3, каб. 21');
    await head.page.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    await head.page.waitForURL(/^[a-z]+:\/\/[^/]+\/events\/[^/]+$/);
    await head.page.getByRole('heading', { name: meeting, level: 1 }).waitFor();
    await head.page.getByText(group, { exact: true }).waitFor();
    await head.page.getByRole('heading', { name: 'Организатору' }).waitFor();
    await expectAccessible(head.page, 'the community’s event (its head)');

    const member = await personPage(browser);
    await signInTeacher(member.page, 1);
    await openCommunity(member.page);
    expect(await member.page.getByRole('button', { name: 'Поставить задачу' }).count()).toBe(0);
    await member.page.getByRole('link', { name: topic }).click();
    await member.page.getByRole('heading', { name: topic, level: 1 }).waitFor();
    const slip = 'Ученик 7 «Б» Петров сделал это задание лучше всех';
    await member.page.getByRole('textbox', { name: 'Сообщение' }).fill(slip);
    await member.page.getByRole('button', { name: 'Отправить' }).click();
    await eventually(member.page, () => member.page.getByText(slip));
    await expectAccessible(member.page, 'a discussion thread (a member)');
    const threadUrl = member.page.url();

    await head.page.goto(threadUrl);
    await eventually(head.page, () => head.page.getByText(slip));
    await head.page.getByRole('button', { name: new RegExp(`^Скрыть: ${teachers[1]}`) }).click();
    await dialog(head.page).getByRole('button', { name: 'Скрыть' }).click();
    await dialog(head.page).getByText('Заполните это поле.').waitFor();
    await dialog(head.page).getByRole('textbox', { name: 'Причина скрытия' }).fill('Персональные данные обучающегося');
    await dialog(head.page).getByRole('button', { name: 'Скрыть' }).click();
    await eventually(head.page, () => head.page.getByText('Сообщение скрыто руководителем: Персональные данные обучающегося'));
    await expectAccessible(head.page, 'a discussion thread (its head, a post hidden)');
    await screenshot(head.page, 'communities-thread-hidden');

    // The member sees that it was hidden and why, not its text.
    await member.page.reload();
    await member.page.getByText('Сообщение скрыто руководителем: Персональные данные обучающегося').waitFor();
    expect(await member.page.getByText(slip).count()).toBe(0);
    // The head's own page lists the group with their role.
    await head.page.getByRole('link', { name: 'Мои мероприятия' }).click();
    await eventually(head.page, () =>
      head.page.getByRole('table', { name: 'Мои сообщества' }).getByRole('row', { name: new RegExp(`${group}.*Руководитель`) }),
    );
    await expectAccessible(head.page, 'my events and communities');
    for (const person of [head, member]) await person.context.close();
  });

  it('the methodologist removes a member, who stays in the history, and sees the overdue task', async () => {
    const { context, page } = await personPage(browser);
    await signInMethodologist(page);
    await openCommunity(page);
    await page.getByRole('button', { name: `Исключить: ${teachers[2]}` }).click();
    await eventually(page, () => page.getByRole('row', { name: new RegExp(teachers[2]!) }).getByText(/^\d{2}\.\d{2}\.\d{4} · Исключён$/));
    expect(await page.getByRole('button', { name: `Исключить: ${teachers[2]}` }).count()).toBe(0);
    await page.getByRole('link', { name: 'Профессиональные сообщества' }).click();
    await page.getByRole('heading', { name: 'Профессиональные сообщества', level: 1 }).waitFor();
    await eventually(page, () =>
      page.getByRole('table', { name: 'Просроченные задачи рабочих групп' }).getByRole('row', { name: /Собрать задания для 7 класса/ }),
    );
    await expectAccessible(page, 'the register with overdue tasks');
    await context.close();
  });

  it('a school applies for an innovation site, is returned, resubmits; an expert reviews; the status is granted and the annual report accepted', async () => {
    // The methodologist announces a call.
    const meth = await personPage(browser);
    await signInMethodologist(meth.page);
    await meth.page.getByRole('link', { name: 'Площадки: процедура' }).click();
    await meth.page.getByRole('heading', { name: 'Площадки: процедура', level: 1 }).waitFor();
    await meth.page.getByRole('button', { name: 'Объявить приём заявок' }).click();
    await dialog(meth.page)
      .getByRole('textbox', { name: 'Название', exact: true })
      .fill(`Приём заявок ${year}/${year + 1}`);
    // A multi-select: its pills' box takes the click.
    await dialog(meth.page).getByRole('combobox', { name: 'Статусы', exact: true }).click({ force: true });
    await meth.page.getByRole('option', { name: 'Инновационная площадка', exact: true }).click();
    await dialog(meth.page).getByLabel('Сроки приёма: С').fill(today);
    await dialog(meth.page).getByLabel('Сроки приёма: По').fill(addDays(today, 30));
    await dialog(meth.page).getByRole('button', { name: 'Объявить приём заявок' }).click();
    await eventually(meth.page, () => meth.page.getByRole('row', { name: new RegExp(`Приём заявок ${year}`) }).getByText('Идёт приём'));
    await expectAccessible(meth.page, 'the sites’ procedure (methodologist)');

    // The school applies, without the documents.
    const school = await personPage(browser);
    await signInCoordinator(school.page);
    await school.page.getByRole('link', { name: 'Площадки школы' }).click();
    await school.page.getByRole('heading', { name: 'Площадки школы', level: 1 }).waitFor();
    await eventually(school.page, () => school.page.getByRole('link', { name: 'Подать заявку' }));
    await expectAccessible(school.page, 'the school’s sites');
    await school.page.getByRole('link', { name: 'Подать заявку' }).click();
    await school.page.getByRole('heading', { name: 'Заявка на статус площадки', level: 1 }).waitFor();
    await pick(school.page, 'Статус площадки', 'Инновационная площадка');
    await school.page.getByRole('textbox', { name: 'Направление', exact: true }).fill('Естественно-научное образование');
    await school.page.getByRole('textbox', { name: 'Тема проекта', exact: true }).fill(theme);
    await school.page.getByRole('textbox', { name: 'Цели', exact: true }).fill('Лабораторный практикум с цифровыми датчиками в 5–9 классах');
    await school.page.getByRole('textbox', { name: 'Этап 1', exact: true }).fill('Подготовительный');
    await school.page.getByLabel('Этап 1: С', { exact: true }).fill(`${year}-09-01`);
    await school.page.getByLabel('Этап 1: По', { exact: true }).fill(`${year + 1}-05-31`);
    await school.page.getByRole('textbox', { name: 'Этап 1: Ожидаемые результаты' }).fill('Закуплено оборудование, обучены учителя');
    await school.page.getByRole('textbox', { name: 'Мероприятие плана 1', exact: true }).fill('Семинар для учителей округа');
    await school.page.getByRole('textbox', { name: 'Мероприятие плана 1: Когда' }).fill('Март');
    await expectAccessible(school.page, 'the application form');
    await school.page.getByRole('button', { name: 'Подать заявку' }).click();
    await school.page.getByRole('heading', { name: theme, level: 1 }).waitFor();
    await school.page.getByText('Заявка подана', { exact: true }).first().waitFor();
    const siteUrl = school.page.url();

    // The completeness check returns it: the documents are missing.
    await meth.page.reload();
    await eventually(meth.page, () => meth.page.getByRole('link', { name: theme }));
    await meth.page.getByRole('link', { name: theme }).click();
    await meth.page.getByRole('heading', { name: theme, level: 1 }).waitFor();
    await meth.page.getByRole('button', { name: 'Проверить комплектность' }).click();
    await dialog(meth.page).getByRole('button', { name: 'Проверить комплектность' }).click();
    await eventually(meth.page, () => meth.page.getByText('Возвращена на доработку', { exact: true }).first());
    await meth.page.getByText('согласие учредителя; решение совета школы').waitFor();

    // The school completes the card and resubmits.
    await school.page.reload();
    await school.page.getByText('согласие учредителя; решение совета школы').waitFor();
    await expectAccessible(school.page, 'a returned application (the school)');
    await school.page.getByRole('button', { name: 'Подать повторно' }).click();
    await dialog(school.page).getByRole('textbox', { name: 'Согласие учредителя (реквизиты)' }).fill(`Письмо управления образования № 112 от ${today}`);
    await dialog(school.page).getByRole('textbox', { name: 'Решение совета школы (реквизиты)' }).fill('Протокол № 2');
    await dialog(school.page).getByRole('button', { name: 'Подать повторно' }).click();
    await eventually(school.page, () => school.page.getByText('Заявка подана', { exact: true }).first());

    await meth.page.reload();
    await meth.page.getByRole('button', { name: 'Проверить комплектность' }).click();
    await dialog(meth.page).getByRole('button', { name: 'Проверить комплектность' }).click();
    await eventually(meth.page, () => meth.page.getByText('На экспертизе', { exact: true }).first());
    // No status without an expert's opinion.
    await meth.page.getByRole('button', { name: 'Присвоить статус' }).click();
    const grant = async () => {
      await dialog(meth.page).getByRole('textbox', { name: 'Номер приказа' }).fill('212-од');
      await dialog(meth.page).getByLabel('Дата приказа').fill(today);
      await dialog(meth.page).getByRole('textbox', { name: 'Кем издан' }).fill('Управление образования');
      await dialog(meth.page)
        .getByLabel('Срок проекта: С')
        .fill(`${year - 1}-09-01`);
      await dialog(meth.page)
        .getByLabel('Срок проекта: По')
        .fill(`${year + 2}-08-31`);
      await dialog(meth.page).getByRole('button', { name: 'Присвоить статус' }).click();
    };
    await grant();
    await dialog(meth.page).getByText('Сначала нужно экспертное заключение.').waitFor();
    await dialog(meth.page).getByRole('button', { name: 'Отмена' }).click();

    // An expert of the municipality gives an opinion.
    const expert = await personPage(browser);
    await signInAs(expert.page, p.gateway.url, 'Эксперт', [['Муниципалитет', names.municipality]]);
    // The expert starts at the applications under review.
    await expert.page.waitForURL(/\/sites\?phase=UNDER_REVIEW$/);
    await eventually(expert.page, () => expert.page.getByRole('link', { name: theme }));
    await expert.page.getByRole('link', { name: theme }).click();
    await expert.page.getByRole('heading', { name: theme, level: 1 }).waitFor();
    await expert.page.getByRole('button', { name: 'Экспертное заключение' }).click();
    for (const criterion of ['Актуальность', 'Новизна', 'Реалистичность плана', 'Ресурсы'])
      await pick(expert.page, `${criterion}: Балл (0–10)`, '8', dialog(expert.page));
    await pick(expert.page, 'Рекомендация', 'Присвоить статус', dialog(expert.page));
    await dialog(expert.page).getByRole('textbox', { name: 'Заключение' }).fill('Проект актуален, план реалистичен.');
    await dialog(expert.page).getByRole('button', { name: 'Экспертное заключение' }).click();
    await eventually(expert.page, () => expert.page.getByText('Проект актуален, план реалистичен.'));
    await expectAccessible(expert.page, 'a site under review (an expert)');

    // The status by an order; the first year's report is overdue.
    await meth.page.reload();
    await meth.page.getByText('Проект актуален, план реалистичен.').waitFor();
    await meth.page.getByRole('button', { name: 'Присвоить статус' }).click();
    await grant();
    await eventually(meth.page, () => meth.page.getByText('Действует', { exact: true }).first());
    const firstYear = `${year - 1}/${year}`;
    await meth.page
      .getByRole('row', { name: new RegExp(firstYear) })
      .getByText('Просрочен')
      .waitFor();
    await meth.page.getByText(/^Приказ № 212-од от .+, Управление образования$/).waitFor();
    await expectAccessible(meth.page, 'an active site (methodologist)');
    await screenshot(meth.page, 'communities-site-granted');
    await meth.page.getByRole('link', { name: 'Площадки: процедура' }).click();
    await eventually(meth.page, () => meth.page.getByRole('table', { name: 'Просроченные отчёты' }).getByRole('row', { name: new RegExp(theme) }));

    // The school submits the annual report; the methodologist accepts it.
    await school.page.reload();
    await school.page.getByRole('button', { name: `Сдать отчёт: ${firstYear}` }).click();
    await dialog(school.page).getByRole('textbox', { name: 'Что сделано за год' }).fill('Оборудована лаборатория, проведено 4 семинара.');
    await dialog(school.page).getByRole('button', { name: 'Сдать отчёт' }).click();
    await eventually(school.page, () => school.page.getByRole('row', { name: new RegExp(firstYear) }).getByText('Сдан', { exact: true }));

    await openSite(meth.page, siteUrl);
    await meth.page.getByRole('button', { name: `Рассмотреть отчёт: ${firstYear}` }).click();
    await pick(meth.page, 'Принят', 'Да', dialog(meth.page));
    await dialog(meth.page).getByRole('textbox', { name: 'Заключение' }).fill('Результаты этапа достигнуты.');
    await dialog(meth.page).getByRole('button', { name: 'Рассмотреть отчёт' }).click();
    await eventually(meth.page, () => meth.page.getByRole('row', { name: new RegExp(firstYear) }).getByText('Принят', { exact: true }));
    await screenshot(meth.page, 'communities-site-report-accepted');
    for (const person of [meth, school, expert]) await person.context.close();
  });

  it('the public sees the registers of communities and sites', async () => {
    const { context, page } = await personPage(browser);
    await page.goto(`${p.gateway.url}/communities`);
    await page.getByRole('heading', { name: 'Профессиональные сообщества', level: 1 }).waitFor();
    await pick(page, 'Муниципалитет', names.municipality);
    await eventually(page, () => page.getByRole('row', { name: new RegExp(group) }).getByText('Работает'));
    expect(await page.getByRole('table', { name: 'Просроченные задачи рабочих групп' }).count()).toBe(0);
    await expectAccessible(page, 'the public register of communities');
    await page.getByRole('link', { name: 'Площадки', exact: true }).click();
    await page.getByRole('heading', { name: 'Инновационные и базовые площадки', level: 1 }).waitFor();
    await pick(page, 'Муниципалитет', names.municipality);
    await eventually(page, () => page.getByRole('row', { name: new RegExp(theme) }).getByText('Действует'));
    await expectAccessible(page, 'the public register of sites');
    await screenshot(page, 'communities-sites-register');
    await page.getByRole('link', { name: theme }).click();
    await page.getByRole('heading', { name: theme, level: 1 }).waitFor();
    await page.getByText(/^Приказ № 212-од от .+, Управление образования$/).waitFor();
    // The project card and the opinions are not the public's.
    expect(await page.getByRole('heading', { name: 'Карточка проекта' }).count()).toBe(0);
    expect(await page.getByText('Проект актуален, план реалистичен.').count()).toBe(0);
    await expectAccessible(page, 'a site’s public page');
    await context.close();
  });
});
