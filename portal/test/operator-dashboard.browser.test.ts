import type { Browser, Page } from 'playwright-core';
import { ok, Platform } from '../../test/platform-harness';
import { eventually, expectAccessible, launch, personPage, pick, screenshot, signInAs, startPortalPlatform } from './browser';

/**
 * The regional operator in a real browser: the dashboard compares every municipality (two with
 * educators here) ranked on an indicator, with trend charts over academic years; drills down to
 * a municipality's schools and a school's educators; onboards a municipality. The dashboard at
 * phone width too. axe on every page; screenshots in .local/portal-screenshots.
 */
describe('portal in a real browser: the regional operator’s dashboard', () => {
  let p: Platform;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const M1 = `mun-dash-1-${stamp}`;
  const M2 = `mun-dash-2-${stamp}`;
  const names = {
    m1: `Озёрный район ${stamp}`,
    m2: `Горный район ${stamp}`,
    s1: `Школа № 3 (${stamp})`,
    s2: `Школа № 7 (${stamp})`,
    s3: `Гимназия № 4 (${stamp})`,
    onboarded: `Лесной район ${stamp}`,
  };
  const people = {
    s1: ['Андреева Ольга Николаевна', 'Борисов Илья Петрович', 'Васильева Дарья Олеговна'],
    s2: ['Григорьев Павел Андреевич'],
    s3: ['Денисова Юлия Викторовна', 'Егоров Максим Сергеевич'],
  };

  const signInAsOperator = (page: Page) => signInAs(page, p.gateway.url, 'Региональный оператор', []);

  beforeAll(async () => {
    p = await startPortalPlatform('portal-dash', ['directory', 'professional-development', 'monitoring']);
    browser = await launch();
    const ro = await p.token('regional_operator');
    const onboard = `mutation($i: OnboardMunicipalityInput!) { onboardMunicipality(input: $i) { id } }`;
    ok(await p.gql(ro, onboard, { i: { id: M1, name: names.m1, oktmo: '04703000' } }));
    ok(await p.gql(ro, onboard, { i: { id: M2, name: names.m2, oktmo: '04704000' } }));
    const org = `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`;
    const educator = `mutation($i: RegisterEducatorInput!) { registerEducator(input: $i) { id } }`;
    const lastYear = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
    const seed = async (municipality: string, schools: [string, string[]][]) => {
      const meth = await p.token('municipal_methodologist', { municipality });
      for (const [school, educators] of schools) {
        const id = ok<any>(await p.gql(meth, org, { i: { name: school, kind: 'SCHOOL' } })).registerOrganization.id;
        for (const [i, fullName] of educators.entries()) {
          // The first of each school is young (under three years), the others long overdue for training.
          const careerStartDate = i === 0 ? lastYear : '2012-09-01';
          ok(await p.gql(meth, educator, { i: { organizationId: id, fullName, position: 'Учитель', subjects: ['Математика'], careerStartDate } }));
        }
      }
    };
    await seed(M1, [
      [names.s1, people.s1],
      [names.s2, people.s2],
    ]);
    await seed(M2, [[names.s3, people.s3]]);
    // Monitoring catches up through Kafka: wait until it counts every educator, so the page shows final figures.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = ok<any>(await p.gql(ro, `{ regionalComparison { municipalities { municipalityId indicators { educators } } } }`));
      const count = (id: string) => r.regionalComparison.municipalities.find((m: any) => m.municipalityId === id)?.indicators.educators;
      if (count(M1) === 4 && count(M2) === 2) break;
      if (Date.now() > deadline) throw new Error(`monitoring did not catch up: ${JSON.stringify(r)}`);
      await new Promise((done) => setTimeout(done, 500));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('compares municipalities, ranked, with trends; drills down to a school and its educators', async () => {
    const { context, page } = await personPage(browser);
    await signInAsOperator(page);
    await page.waitForURL(/\/region$/);
    await page.getByRole('heading', { name: 'Показатели региона' }).waitFor();
    // Both municipalities with their educators, side by side.
    const comparisonTable = page.getByRole('table', { name: /Муниципалитеты по показателю/ });
    await comparisonTable.getByRole('link', { name: names.m1, exact: true }).waitFor();
    await comparisonTable.getByRole('link', { name: names.m2, exact: true }).waitFor();
    await page.getByRole('img', { name: /Рейтинг муниципалитетов по показателю/ }).waitFor();
    await page.getByRole('img', { name: /Динамика показателя/ }).waitFor();
    // The region's methodological network (issue 12; its figures count other files' communities on the shared topic).
    await page.getByRole('region', { name: 'Методическая сеть' }).getByText('Проведено мероприятий').waitFor();
    // The trends of the past years arrive in their own (costly) request.
    await page
      .getByRole('table', { name: /Динамика показателя/ })
      .getByRole('columnheader')
      .nth(3)
      .waitFor();
    await expectAccessible(page, 'the regional dashboard');
    await screenshot(page, 'operator-dashboard');

    // Another indicator: the ranking follows it (a smaller overdue share ranks first).
    await pick(page, 'Показатель', 'Доля с просроченным обучением');
    await page.waitForURL(/indicator=overdueShare/);
    const comparison = page.getByRole('table', { name: 'Муниципалитеты по показателю «Доля с просроченным обучением», лучшие первыми' });
    await comparison.waitFor();
    // M1: 2 of 4 overdue (50 %); M2: 1 of 2 (50 %) — equal share, equal rank.
    const ranks = await comparison.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.children[0]?.textContent, r.children[1]?.textContent]));
    expect(ranks.filter(([, name]) => name === names.m1 || name === names.m2).map(([rank]) => rank)).toEqual(['1', '1']);
    await expectAccessible(page, 'the dashboard on another indicator');
    await screenshot(page, 'operator-dashboard-overdue');

    // Drill down: the municipality, its schools, a school's educators.
    await page.getByRole('link', { name: names.m1, exact: true }).click();
    await page.getByRole('heading', { name: `Показатели: ${names.m1}` }).waitFor();
    await page.getByRole('link', { name: names.s1, exact: true }).waitFor();
    // No communities service here: nobody of M1 is in a community, nothing held.
    const network = page.getByRole('region', { name: 'Методическая сеть' });
    await network.getByText('Состоят хотя бы в одном: 0').waitFor();
    await network.getByText('Действующих сообществ нет').waitFor();
    await network.getByText('Действующих площадок').waitFor();
    await page.getByRole('link', { name: names.s2, exact: true }).waitFor();
    await expectAccessible(page, 'a municipality’s indicators');
    await screenshot(page, 'operator-municipality');
    await page.getByRole('link', { name: names.s1, exact: true }).click();
    await page.getByRole('heading', { name: `Показатели: ${names.s1}` }).waitFor();
    for (const name of people.s1) await page.getByRole('cell', { name, exact: true }).waitFor();
    await expectAccessible(page, 'a school’s indicators and educators');
    await screenshot(page, 'operator-school');
    // Back up through the breadcrumbs.
    await page.getByRole('link', { name: names.m1, exact: true }).click();
    await page.getByRole('heading', { name: `Показатели: ${names.m1}` }).waitFor();
    await context.close();
  });

  it('the dashboard at phone width: tables scroll, charts fit', async () => {
    const { context, page } = await personPage(browser, { width: 390, height: 844 });
    await signInAsOperator(page);
    await page.waitForURL(/\/region$/);
    await eventually(page, () => page.getByRole('table', { name: /Муниципалитеты по показателю/ }).getByRole('row', { name: new RegExp(names.m2) }));
    const chartWidth = await page.getByRole('img', { name: /Рейтинг муниципалитетов/ }).evaluate((el) => el.getBoundingClientRect().width);
    expect(chartWidth).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'the dashboard at phone width');
    await screenshot(page, 'operator-dashboard-phone');
    await context.close();
  });

  it('onboards a municipality, which then lists with its history', async () => {
    const { context, page } = await personPage(browser);
    await signInAsOperator(page);
    await page.getByRole('link', { name: 'Муниципалитеты' }).click();
    await page.getByRole('heading', { name: 'Муниципалитеты' }).waitFor();
    await eventually(page, () => page.getByRole('cell', { name: names.m1, exact: true }));
    await page.getByRole('button', { name: 'Подключить муниципалитет' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Идентификатор' }).fill(`mun-dash-3-${stamp}`);
    await dialog.getByRole('textbox', { name: 'Название' }).fill(names.onboarded);
    await dialog.getByRole('textbox', { name: 'ОКТМО' }).fill('12');
    await dialog.getByRole('button', { name: 'Подключить муниципалитет' }).click();
    // A bad OKTMO is shown at its field.
    await dialog.getByText('Код ОКТМО — 8 или 11 цифр.').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'ОКТМО' }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the onboarding dialog with a field error');
    await screenshot(page, 'operator-onboard-error');
    await dialog.getByRole('textbox', { name: 'ОКТМО' }).fill('04705000');
    await dialog.getByRole('button', { name: 'Подключить муниципалитет' }).click();
    await page.getByText('Муниципалитет подключён').first().waitFor();
    await eventually(page, () => page.getByRole('cell', { name: names.onboarded, exact: true }));
    await page
      .getByRole('row', { name: new RegExp(names.onboarded) })
      .getByRole('button', { name: 'История' })
      .click();
    await page.getByRole('dialog').getByText('Региональный оператор').first().waitFor();
    await expectAccessible(page, 'the municipalities with a history');
    await screenshot(page, 'operator-municipalities');
    await context.close();
  });
});
