import type { Browser, Page } from 'playwright-core';
import { ok, Platform } from '../../test/platform-harness';
import { eventually, expectAccessible, launch, personPage, pick, screenshot, signInAs, startPortalPlatform } from './browser';

/**
 * The methodologist's walk of the issue: lands on the overdue list, uploads a diagnostics file
 * with a bad line through the page and sees the progress reach the end and that line reported,
 * then proposes and approves a route from the deficits the file opened; the catalogue and
 * cohorts, mentoring (pairing a young teacher, who then sees it on their page) and the
 * certificate register on the way; the school coordinator's training-due list. Real gateway
 * and services, Debian's Chromium, axe on every page, screenshots in .local/portal-screenshots.
 */
describe('portal in a real browser: a methodologist imports diagnostics and approves a route', () => {
  let p: Platform;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const M = `mun-meth-${stamp}`;
  const names = { municipality: `Методический район ${stamp}`, school: `Гимназия № 3 (${stamp})` };
  const teacher = { name: 'Петрова Анна Сергеевна', position: 'Учитель информатики' };
  const other = { name: 'Сидоров Олег Иванович', position: 'Учитель физики' };
  const young = { name: 'Козлова Дарья Андреевна', position: 'Учитель начальных классов' };
  const programmeTitle = `Цифровая образовательная среда ${stamp}`;
  let schoolId: string;
  let teacherId: string;
  let otherId: string;

  const signIn = (page: Page, role: string, picks: [string, string][], where: 'fresh' | 'here' = 'fresh') => signInAs(page, p.gateway.url, role, picks, where);

  beforeAll(async () => {
    p = await startPortalPlatform('portal-meth', ['directory', 'professional-development']);
    browser = await launch();
    const ro = await p.token('regional_operator');
    ok(
      await p.gql(ro, `mutation($i: OnboardMunicipalityInput!) { onboardMunicipality(input: $i) { id } }`, {
        i: { id: M, name: names.municipality, oktmo: '04702000' },
      }),
    );
    const meth = await p.token('municipal_methodologist', { municipality: M });
    schoolId = ok<any>(
      await p.gql(meth, `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, { i: { name: names.school, kind: 'SCHOOL' } }),
    ).registerOrganization.id;
    const register = async (e: { name: string; position: string }, careerStartDate: string) =>
      ok<any>(
        await p.gql(meth, `mutation($i: RegisterEducatorInput!) { registerEducator(input: $i) { id } }`, {
          i: { organizationId: schoolId, fullName: e.name, position: e.position, subjects: ['Информатика'], careerStartDate },
        }),
      ).registerEducator.id as string;
    teacherId = await register(teacher, '2010-09-01');
    otherId = await register(other, '2011-09-01');
    const lastYear = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
    await register(young, lastYear);
    const programme = ok<any>(
      await p.gql(meth, `mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }`, {
        i: { title: programmeTitle, provider: 'ИМЦ', hours: 72, format: 'DISTANCE', competences: ['DIGITAL'] },
      }),
    ).createProgramme.id;
    ok(await p.gql(meth, `mutation($id: ID!) { publishProgramme(id: $id) { id } }`, { id: programme }));
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    ok(
      await p.gql(meth, `mutation($i: ScheduleCohortInput!) { scheduleCohort(input: $i) { id } }`, {
        i: { programmeId: programme, startDate: start, endDate: end, seats: 25 },
      }),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('uploads diagnostics with a bad line, sees it reported and the import done, then proposes and approves a route', async () => {
    const { context, page } = await personPage(browser);
    await signIn(page, 'Методист муниципалитета', [['Муниципалитет', names.municipality]]);

    // Home: the overdue list and the reminders window (filters in the address).
    await page.waitForURL(new RegExp(`/municipalities/${M}/training-due`));
    await page.getByRole('heading', { name: 'Сроки повышения квалификации' }).waitFor();
    await eventually(page, () => page.getByRole('cell', { name: teacher.name, exact: true }));
    await page.getByRole('checkbox', { name: 'Только просроченные' }).click();
    await page.waitForURL(/overdue=1/);
    await page.getByRole('cell', { name: other.name, exact: true }).waitFor();
    await expectAccessible(page, 'the training-due list');
    await screenshot(page, 'methodologist-training-due');

    // The catalogue: programmes, a programme's cohorts, a cohort's learners.
    await page.getByRole('link', { name: 'Программы и группы' }).click();
    await eventually(page, () => page.getByRole('cell', { name: programmeTitle, exact: true }));
    await expectAccessible(page, 'the programmes page');
    await screenshot(page, 'methodologist-programmes');
    await page.getByRole('button', { name: 'Новая программа' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Новая программа' }).click();
    await page.getByRole('dialog').getByText('Заполните это поле.').first().waitFor();
    await expectAccessible(page, 'the new programme form');
    await screenshot(page, 'methodologist-programme-form');
    await page.getByRole('dialog').getByRole('button', { name: 'Отмена' }).click();
    await page.getByRole('link', { name: `Группы: ${programmeTitle}` }).click();
    await page.getByRole('heading', { name: `Группы: ${programmeTitle}` }).waitFor();
    await eventually(page, () => page.getByRole('cell', { name: 'Назначена' }));
    await expectAccessible(page, 'the programme’s cohorts');
    await screenshot(page, 'methodologist-cohorts');
    await page
      .getByRole('link', { name: /^Слушатели: / })
      .first()
      .click();
    await page.getByText('Заявок в эту группу нет.').waitFor();
    await expectAccessible(page, 'the cohort’s learners');

    // The diagnostics file: two good lines, one with an unknown area (line 4 of the file).
    await page.getByRole('link', { name: 'Импорт диагностики' }).click();
    await page.getByRole('heading', { name: 'Импорт результатов диагностики' }).waitFor();
    await expectAccessible(page, 'the diagnostics import page');
    const csv = [
      'educator_id;area;score;max_score;taken_on',
      `${teacherId};DIGITAL;3;10;2025-05-20`,
      `${otherId};ASSESSMENT;9;10;2025-05-20`,
      `${teacherId};COOKING;5;10;2025-05-20`,
    ].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'diagnostics.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    await page.waitForURL(/import=diag-/);
    await page.getByTestId('import-status').getByText('Завершён').waitFor({ timeout: 30_000 });
    await page.getByRole('progressbar', { name: 'Ход импорта' }).and(page.locator('[aria-valuenow="100"]')).waitFor();
    await page.getByTestId('import-rejected').getByText('1', { exact: true }).waitFor();
    const reported = page.getByRole('row', { name: /Неизвестная область компетенций/ });
    await reported.waitFor();
    await expect(reported.getByRole('cell').first().textContent()).resolves.toBe('4');
    await expectAccessible(page, 'the finished import with its report');
    await screenshot(page, 'methodologist-diagnostics-import');

    // The deficit the file opened: propose a route, approve it, read its history.
    await page.getByRole('link', { name: 'Педагоги с дефицитами' }).click();
    await page.getByRole('heading', { name: 'Индивидуальные маршруты' }).waitFor();
    await eventually(page, () => page.getByRole('row', { name: new RegExp(teacher.name) }).getByText('Цифровая'));
    await expect(page.getByRole('cell', { name: other.name, exact: true }).count()).resolves.toBe(0);
    await expectAccessible(page, 'the routes worklist');
    await screenshot(page, 'methodologist-routes');
    await page.getByRole('link', { name: `Маршрут: ${teacher.name}` }).click();
    await page.getByRole('heading', { name: `Маршрут: ${teacher.name}` }).waitFor();
    await page.getByRole('button', { name: 'Предложить маршрут' }).click();
    await page.getByText('Маршрут предложен (черновик)').first().waitFor();
    await page.getByTestId('route-status').getByText('Черновик').waitFor();
    await page.getByRole('cell', { name: programmeTitle, exact: true }).waitFor();
    await expectAccessible(page, 'the draft route');
    await screenshot(page, 'methodologist-route-draft');
    await page.getByRole('button', { name: 'Утвердить маршрут' }).click();
    await page.getByText('Маршрут утверждён').first().waitFor();
    await page.getByTestId('route-status').getByText('Утверждён').waitFor();
    await page.getByRole('button', { name: 'История' }).click();
    await page.getByRole('dialog').getByText('Методист муниципалитета').first().waitFor();
    await expectAccessible(page, 'the route’s history');
    await screenshot(page, 'methodologist-route-history');
    await page.keyboard.press('Escape');

    // Mentoring: the young teacher gets a mentor.
    await page.getByRole('link', { name: 'Наставничество' }).click();
    await eventually(page, () => page.getByRole('button', { name: `Назначить наставника: ${young.name}` }));
    await page.getByRole('button', { name: `Назначить наставника: ${young.name}` }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, 'Наставник (педагог той же организации)', `${teacher.name} — ${teacher.position}`);
    await dialog.getByRole('textbox', { name: 'Цели' }).fill('Освоить электронный журнал\nПровести открытый урок');
    await expectAccessible(page, 'the pairing form');
    await dialog.getByRole('button', { name: 'Назначить наставника' }).click();
    await page.getByText('Наставничество начато').first().waitFor();
    await eventually(page, () => page.getByRole('row', { name: new RegExp(young.name) }).getByText('Действует'));
    await expectAccessible(page, 'the mentoring page');
    await screenshot(page, 'methodologist-mentoring');

    // The certificate register (none issued yet: an empty file with its columns).
    await page.getByRole('link', { name: 'Реестр удостоверений' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Сформировать и скачать CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^certificates-.*\.csv$/);
    await page.getByTestId('certificate-rows').getByText('Удостоверений в выгрузке: 0').waitFor();
    await expectAccessible(page, 'the certificate register');
    await screenshot(page, 'methodologist-certificates');
    await context.close();
  });

  it('the young teacher sees the mentoring on their page; the coordinator sees the school’s training-due list', async () => {
    const t = await personPage(browser);
    await signIn(t.page, 'Педагог', [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
      ['Педагог', `${young.name} — ${young.position}`],
    ]);
    await t.page.getByRole('heading', { name: young.name }).waitFor();
    await t.page.getByRole('link', { name: 'Моё наставничество' }).click();
    await eventually(t.page, () => t.page.getByRole('row', { name: new RegExp(teacher.name) }).getByText('Наставляемый'));
    await expectAccessible(t.page, 'the teacher’s mentoring');
    await screenshot(t.page, 'teacher-mentoring');
    await t.context.close();

    const c = await personPage(browser);
    await signIn(c.page, 'Координатор школы', [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
    ]);
    await c.page.getByRole('heading', { name: 'Заявки на обучение' }).waitFor();
    await c.page.getByRole('link', { name: 'Сроки повышения квалификации' }).click();
    await c.page.getByRole('heading', { name: 'Сроки повышения квалификации в школе' }).waitFor();
    await eventually(c.page, () => c.page.getByRole('cell', { name: teacher.name, exact: true }));
    await c.page.getByRole('cell', { name: other.name, exact: true }).waitFor();
    await expect(c.page.getByRole('cell', { name: young.name, exact: true }).count()).resolves.toBe(0);
    await expectAccessible(c.page, 'the school’s training-due list');
    await screenshot(c.page, 'coordinator-training-due');
    await c.context.close();
  });
});
