import type { Browser, Page } from 'playwright-core';
import { waitFor } from '@mms/testing/infra';
import { ok, Platform } from '../../test/platform-harness';
import { toWallClock } from '../src/contexts/communities/communities-helpers';
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
 * Issue 12's methodological events in the portal (directory + communities, the real gateway
 * serving the built portal): the organiser publishes a seminar through the form (bad input is
 * said in Russian at its fields); a visitor finds it in the public calendar and its .ics feed;
 * teachers register — two seats, the third waits — and when a seated teacher cancels the first
 * waiting is seated; each teacher sees "Мои мероприятия" and a personal feed. A day later on
 * communities' clock (CLOCK_OFFSET_DAYS, as in the e2e test) the seminar runs: a teacher
 * checks in with the code the organiser shows (a wrong code named at its field), the organiser
 * marks the other; two days later certificates with hours are issued and a teacher leaves
 * feedback. axe checks every page on the way.
 */
describe('portal in a real browser: methodological events (calendar, registration, waitlist, attendance, certificates)', () => {
  let p: Platform;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const M = `mun-events-${stamp}`;
  const names = { municipality: `Округ семинаров ${stamp}`, school: `Школа № 7 (${stamp})` };
  const teachers = ['Андреева Анна Андреевна', 'Борисова Вера Борисовна', 'Власова Галина Власовна'];
  const title = `Формирующее оценивание ${stamp}`;
  const position = 'Учитель математики';
  const teacherIds: string[] = [];
  let eventId = '';
  // The seminar runs from an hour before this moment tomorrow to two hours after it (the region's wall clock).
  const t0 = Date.now();
  const startsAt = toWallClock(new Date(t0 + 86_400_000 - 3_600_000));
  const endsAt = toWallClock(new Date(t0 + 86_400_000 + 2 * 3_600_000));

  const signInTeacher = (page: Page, i: number) =>
    signInAs(page, p.gateway.url, 'Педагог', [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
      ['Педагог', `${teachers[i]} — ${position}`],
    ]);
  const signInMethodologist = (page: Page) => signInAs(page, p.gateway.url, 'Методист муниципалитета', [['Муниципалитет', names.municipality]]);
  const openEvent = async (page: Page) => {
    await page.goto(`${p.gateway.url}/events/${eventId}`);
    await eventually(page, () => page.getByRole('heading', { name: title, level: 1 }));
  };

  beforeAll(async () => {
    p = await startPortalPlatform('communities-events', ['directory', 'communities']);
    browser = await launch();
    const ro = await p.token('regional_operator');
    ok(
      await p.gql(ro, `mutation($i: OnboardMunicipalityInput!) { onboardMunicipality(input: $i) { id } }`, {
        i: { id: M, name: names.municipality, oktmo: '04705000' },
      }),
    );
    const meth = await p.token('municipal_methodologist', { municipality: M });
    const school = ok<any>(
      await p.gql(meth, `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, { i: { name: names.school, kind: 'SCHOOL' } }),
    ).registerOrganization.id as string;
    for (const fullName of teachers) {
      const i = { organizationId: school, fullName, position, subjects: ['Математика'], careerStartDate: '2012-09-01' };
      teacherIds.push(ok<any>(await p.gql(meth, `mutation($i: RegisterEducatorInput!) { registerEducator(input: $i) { id } }`, { i })).registerEducator.id);
    }
    // The directory's educators reach communities through Kafka: wait until it knows every one.
    for (const id of teacherIds)
      await waitFor(
        async () => (await p.gql(meth, `query($id: ID!) { educator(id: $id) { methodEventHours } }`, { id })).body.data?.educator?.methodEventHours === 0,
        {
          what: `communities knows educator ${id}`,
          timeoutMs: 60_000,
        },
      );
  });

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('the organiser publishes a seminar through the form; bad input is said in Russian at its fields', async () => {
    const { context, page } = await personPage(browser);
    await signInMethodologist(page);
    await page.getByRole('link', { name: 'Мероприятия (организатор)' }).click();
    await page.getByRole('heading', { name: 'Мероприятия муниципалитета' }).waitFor();
    await expectAccessible(page, 'the organiser’s events');
    await page.getByRole('link', { name: 'Опубликовать мероприятие' }).click();
    await page.getByRole('heading', { name: 'Новое мероприятие' }).waitFor();
    await page.getByRole('textbox', { name: 'Название', exact: true }).fill(title);
    await page.getByLabel('Начало (время региона)').fill(startsAt);
    await page.getByLabel('Окончание (время региона)').fill(endsAt);
    await page.getByLabel('Место проведения').fill('ИМЦ, ауд. 12');
    await page.getByLabel('Ссылка для онлайн-участия (https://…)').fill('ftp://imc.example/room');
    await page.getByLabel('Предметы (через запятую)').fill('Математика');
    const seats = page.getByRole('textbox', { name: 'Мест', exact: true });
    await seats.fill('0');
    await page.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    await page.getByText('Целое число от 1 до 10000.').waitFor();
    await page.getByText('Ссылка должна начинаться с https://.').waitFor();
    expect(await seats.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the event form with its errors');
    await screenshot(page, 'communities-event-form-errors');

    await seats.fill('2');
    await page.getByLabel('Ссылка для онлайн-участия (https://…)').fill('https://imc.example/room');
    await page.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    await page.waitForURL(/^[a-z]+:\/\/[^/]+\/events\/[^/]+$/);
    eventId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Организатору' }).waitFor();
    await page.getByText('Записей пока нет.').waitFor();
    // A speaker presents their experience; the number of seats cannot be zero.
    await page.getByRole('button', { name: 'Добавить выступающего' }).click();
    await pick(page, 'Выступающий', `${teachers[0]} — ${position}, ${names.school}`, page.getByRole('dialog'));
    await page.getByRole('dialog').getByRole('textbox', { name: 'Тема выступления' }).fill('Листы самооценки на уроке');
    await page.getByRole('dialog').getByRole('button', { name: 'Добавить выступающего' }).click();
    await eventually(page, () => page.getByText(`Листы самооценки на уроке — ${teachers[0]}`));
    await page.getByRole('button', { name: 'Изменить число мест' }).click();
    const capacity = page.getByRole('dialog').getByRole('textbox', { name: 'Мест всего' });
    await capacity.fill('0');
    await page.getByRole('dialog').getByRole('button', { name: 'Изменить число мест' }).click();
    await page.getByRole('dialog').getByText('Целое число от 1 до 10000.').waitFor();
    expect(await capacity.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('dialog').getByRole('button', { name: 'Отмена' }).click();
    await expectAccessible(page, 'the organiser’s event page');
    await context.close();
  });

  it('a visitor finds it in the public calendar and its feed; teachers register, one waits and is seated when another cancels', async () => {
    // Anyone: the municipality's calendar, the event page and the .ics feed.
    const visitor = await personPage(browser);
    await visitor.page.goto(`${p.gateway.url}/events`);
    await visitor.page.getByRole('heading', { name: 'Методические мероприятия', level: 1 }).waitFor();
    await pick(visitor.page, 'Муниципалитет', names.municipality);
    await eventually(visitor.page, () => visitor.page.getByRole('row', { name: new RegExp(title) }).getByText('Свободно 2 из 2'));
    await expectAccessible(visitor.page, 'the public calendar');
    await screenshot(visitor.page, 'communities-calendar');
    const feedHref = await visitor.page.getByTestId('municipality-feed').getAttribute('href');
    expect(feedHref).toBe(`/calendar/municipalities/${M}.ics`);
    const feed = await visitor.page.request.get(`${p.gateway.url}${feedHref}`);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    expect(await feed.text()).toContain('BEGIN:VEVENT');
    await visitor.page.getByRole('link', { name: title }).click();
    await visitor.page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await visitor.page.getByText('ИМЦ, ауд. 12').waitFor();
    await visitor.page.getByRole('link', { name: 'Войдите как педагог, чтобы записаться.' }).waitFor();
    expect(await visitor.page.getByRole('heading', { name: 'Организатору' }).count()).toBe(0);
    await expectAccessible(visitor.page, 'the public event page');
    await visitor.context.close();

    // Three teachers register for two seats: the third waits, first in line.
    const people = [await personPage(browser), await personPage(browser), await personPage(browser)];
    for (const [i, person] of people.entries()) {
      await signInTeacher(person.page, i);
      await openEvent(person.page);
      await person.page.getByRole('button', { name: 'Записаться', exact: true }).click();
      await person.page.getByRole('dialog').getByRole('button', { name: 'Записаться' }).click();
      await person.page
        .getByTestId('my-registration')
        .getByText(i < 2 ? 'Место подтверждено' : 'Лист ожидания · 1')
        .waitFor();
    }
    const third = people[2]!.page;
    await third.getByText('Вы в листе ожидания: 1-й по очереди').waitFor();
    await expectAccessible(third, 'the event page of a waiting teacher');
    await screenshot(third, 'communities-event-waitlisted');
    await third.getByRole('link', { name: 'Мои мероприятия' }).click();
    await eventually(third, () => third.getByRole('row', { name: new RegExp(title) }).getByText('Лист ожидания · 1'));
    const myFeed = await third.getByTestId('my-feed').getAttribute('href');
    expect(myFeed).toMatch(new RegExp(`^/calendar/educators/${teacherIds[2]}\\.ics\\?key=`));
    expect((await third.request.get(`${p.gateway.url}${myFeed}`)).status()).toBe(200);
    await expectAccessible(third, 'my events');

    // The organiser sees the registrations in order of arrival, the waitlist last.
    const organiser = await personPage(browser);
    await signInMethodologist(organiser.page);
    await openEvent(organiser.page);
    const rowOf = (page: Page, i: number) => page.getByRole('row', { name: new RegExp(teachers[i]!) });
    await eventually(organiser.page, () => rowOf(organiser.page, 2).getByText('Лист ожидания · 1'));
    await rowOf(organiser.page, 0).getByText('Место подтверждено').waitFor();
    await expectAccessible(organiser.page, 'the organiser’s registrations');
    await screenshot(organiser.page, 'communities-event-registrations');

    // The first teacher cancels: the waiting one is seated at once.
    const first = people[0]!.page;
    await first.getByRole('button', { name: 'Отменить запись' }).click();
    await first.getByRole('dialog').getByRole('button', { name: 'Отменить запись' }).click();
    await first.getByTestId('my-registration').getByText('Отменена').waitFor();
    await eventually(third, () => third.getByRole('row', { name: new RegExp(title) }).getByText('Место подтверждено'));
    await screenshot(third, 'communities-my-events-promoted');
    await eventually(organiser.page, () => rowOf(organiser.page, 2).getByText('Место подтверждено'));
    expect(await organiser.page.getByTestId('waiting').textContent()).toBe('0');
    for (const person of [...people, organiser]) await person.context.close();
  });

  it('while it runs a teacher checks in with the code and the organiser marks another; afterwards certificates and feedback', async () => {
    // A day later on communities' clock: the seminar is running.
    await p.kill('communities');
    await p.restart('communities', { env: { CLOCK_OFFSET_DAYS: '1' } });
    const organiser = await personPage(browser);
    await signInMethodologist(organiser.page);
    await openEvent(organiser.page);
    const code = (await organiser.page.getByTestId('check-in-code').textContent())!.trim();
    expect(code).toMatch(/^\S{4,}$/);

    const second = await personPage(browser);
    await signInTeacher(second.page, 1);
    await openEvent(second.page);
    const codeInput = second.page.getByRole('textbox', { name: 'Код отметки', exact: true });
    await codeInput.fill('НЕТАКОЙ');
    await second.page.getByRole('button', { name: 'Отметиться' }).click();
    await second.page.getByText('Это не код мероприятия.').waitFor();
    expect(await codeInput.getAttribute('aria-invalid')).toBe('true');
    await codeInput.fill(code);
    await second.page.getByRole('button', { name: 'Отметиться' }).click();
    await second.page.getByTestId('my-registration').getByText('Вы отмечены как присутствовавший').waitFor();

    await organiser.page.getByRole('button', { name: `Отметить присутствие: ${teachers[2]}` }).click();
    await organiser.page.getByRole('button', { name: `Снять отметку: ${teachers[2]}` }).waitFor();
    await eventually(organiser.page, () => organiser.page.getByRole('button', { name: `Снять отметку: ${teachers[1]}` }));
    await expectAccessible(organiser.page, 'the organiser during the event');
    await screenshot(organiser.page, 'communities-event-attendance');

    // Two days later: certificates with hours, then feedback.
    await p.kill('communities');
    await p.restart('communities', { env: { CLOCK_OFFSET_DAYS: '2' } });
    await organiser.page.reload();
    const hours = organiser.page.getByRole('textbox', { name: 'Часов', exact: true });
    await hours.fill('0,3');
    await organiser.page.getByRole('button', { name: 'Выдать сертификаты' }).click();
    await organiser.page.getByText('Часы — от 0,5 до 144, с шагом полчаса.').waitFor();
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    await hours.fill('2');
    await organiser.page.getByRole('button', { name: 'Выдать сертификаты' }).click();
    await eventually(organiser.page, () => organiser.page.getByRole('row', { name: new RegExp(teachers[2]!) }).getByText(/-0002 · 2 ч/));

    const third = await personPage(browser);
    await signInTeacher(third.page, 2);
    await openEvent(third.page);
    await third.page
      .getByTestId('my-registration')
      .getByText(/Сертификат № .+-0002, 2 ч/)
      .waitFor();
    await pick(third.page, 'Оценка от 1 до 5', '5');
    await third.page.getByLabel('Комментарий (без персональных данных обучающихся)').fill('Полезные приёмы для 7 класса');
    await third.page.getByRole('button', { name: 'Отправить отзыв' }).click();
    await third.page.getByText('Спасибо за отзыв').first().waitFor();
    await expectAccessible(third.page, 'the event page after it, with feedback');
    await third.page.getByRole('link', { name: 'Мои мероприятия' }).click();
    await eventually(third.page, () => third.page.getByText('Часов по сертификатам: 2'));
    await screenshot(third.page, 'communities-my-events-certificate');
    await eventually(organiser.page, () => organiser.page.getByText('Полезные приёмы для 7 класса'));

    // After the start the school's coordinator can no longer register a teacher.
    const coordinator = await personPage(browser);
    await signInAs(coordinator.page, p.gateway.url, 'Координатор школы', [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
    ]);
    await openEvent(coordinator.page);
    await pick(coordinator.page, 'Педагог', `${teachers[0]} — ${position}`);
    await coordinator.page.getByRole('region', { name: 'Записать педагога школы' }).getByRole('button', { name: 'Записаться' }).click();
    await coordinator.page.getByText('Запись закрыта: мероприятие уже началось.').waitFor();
    await expectAccessible(coordinator.page, 'the event page (the school’s coordinator)');
    await coordinator.context.close();
    for (const person of [organiser, second, third]) await person.context.close();
  });
});
