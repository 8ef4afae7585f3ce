import type { Browser, Page } from 'playwright-core';
import { addDays, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { ok, Platform } from '../../test/platform-harness';
import { eventually, expectAccessible, launch, personPage, pick, screenshot, signInAs, startPortalPlatform } from './browser';

/**
 * Issue 11 §8, the school's part: the organiser (a municipal methodologist) schedules a school
 * stage through the form; the school coordinator registers a class from a pasted list (a bad line
 * reported first), records the parents' consents, enters the consenting students at once, issues
 * codes and prints the code sheet. Real gateway and services, Debian's Chromium, axe on every page.
 */
describe('portal in a real browser: a school stage, the coordinator’s students, consents and codes', () => {
  let p: Platform;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const M = `mun-olymp-s-${stamp}`;
  const names = { municipality: `Олимпийский район ${stamp}`, school: `Лицей № 7 (${stamp})` };
  const title = `ВсОШ по математике, школьный этап (${stamp})`;
  const today = todayIn(DEFAULT_REGION_TIME_ZONE);

  const signIn = (page: Page, role: string, picks: [string, string][]) => signInAs(page, p.gateway.url, role, picks);

  beforeAll(async () => {
    p = await startPortalPlatform('portal-olymp-school', ['directory', 'contests']);
    browser = await launch();
    const ro = await p.token('regional_operator');
    ok(
      await p.gql(ro, `mutation($i: OnboardMunicipalityInput!) { onboardMunicipality(input: $i) { id } }`, {
        i: { id: M, name: names.municipality, oktmo: '04705000' },
      }),
    );
    const meth = await p.token('municipal_methodologist', { municipality: M });
    ok(await p.gql(meth, `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, { i: { name: names.school, kind: 'SCHOOL' } }));
  });

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('the organiser schedules a school stage with two tasks for grade 9', async () => {
    const { context, page } = await personPage(browser);
    await signIn(page, 'Методист муниципалитета', [['Муниципалитет', names.municipality]]);
    await page.getByRole('link', { name: 'Этапы олимпиад' }).click();
    await page.getByRole('heading', { name: 'Этапы олимпиад' }).waitFor();
    await page.getByText('Этапов в этом учебном году нет.').waitFor();
    await expectAccessible(page, 'the organiser’s stages (none yet)');

    await page.getByRole('link', { name: 'Назначить этап' }).click();
    await page.getByRole('heading', { name: 'Новый этап олимпиады' }).waitFor();
    await pick(page, 'Предмет ВсОШ', 'Математика');
    await page.getByRole('textbox', { name: 'Название' }).fill(title);
    await page.getByLabel('Первый день').fill(addDays(today, 40));
    await page.getByLabel('Последний день').fill(addDays(today, 40));
    await page.getByLabel('Регистрация с').fill(addDays(today, -1));
    await page.getByLabel('Регистрация по').fill(addDays(today, 20));
    // Grade 9 is the sixth default group (grades 4–11, one task of 10 points each): a second task.
    const nine = page.getByTestId('group-5');
    await nine.getByRole('button', { name: 'Добавить задание' }).click();
    await nine.getByTestId('group-5-max').getByText('Максимум группы: 20').waitFor();
    await expectAccessible(page, 'the stage form');
    await screenshot(page, 'contests-stage-form');
    await page.getByRole('button', { name: 'Назначить', exact: true }).click();

    await page.getByRole('heading', { name: title }).waitFor();
    const groups = page.getByRole('region', { name: 'Группы классов и задания' });
    await groups
      .getByRole('row', { name: /9 класс/ })
      .getByRole('cell', { name: '1: 10; 2: 10' })
      .waitFor();
    await expect(groups.getByRole('row').count()).resolves.toBe(9); // the header and grades 4–11
    await expectAccessible(page, 'the stage’s plan');
    await screenshot(page, 'contests-stage-plan');
    await page.getByRole('link', { name: 'К этапам' }).click();
    await eventually(page, () => page.getByRole('link', { name: title }));
    await context.close();
  });

  it('the coordinator registers a class list, records consents, enters those with consent and prints their codes', async () => {
    const { context, page } = await personPage(browser);
    await signIn(page, 'Координатор школы', [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
    ]);
    await page.getByRole('link', { name: 'Обучающиеся' }).click();
    await page.getByText('Обучающихся пока нет.', { exact: false }).waitFor();
    await expectAccessible(page, 'the school’s students (none yet)');

    // A class list pasted with a line that has no name: reported by its number, nothing sent.
    await page.getByRole('button', { name: 'Список класса' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, 'Класс', '9', dialog);
    const list = dialog.getByRole('textbox', { name: 'Список класса' });
    await list.fill('Орлова Анна Ивановна\t04.03.2011\nСоколов Пётр Андреевич; 2011-07-15\n\nБелова\nБелова Мария');
    await dialog.getByText('Строка 4: нужны фамилия и имя («Белова»)').waitFor();
    await dialog.getByRole('button', { name: 'Зарегистрировать (3)' }).click();
    await dialog.getByText('Исправьте строки с ошибками: список регистрируется целиком.').waitFor();
    await expectAccessible(page, 'the class list with a bad line');
    await screenshot(page, 'contests-class-list');
    await list.fill('Орлова Анна Ивановна\t04.03.2011\nСоколов Пётр Андреевич; 2011-07-15\nБелова Мария');
    await dialog.getByRole('status').getByText('Обучающихся в списке: 3').waitFor();
    await dialog.getByRole('button', { name: 'Зарегистрировать (3)' }).click();
    await page.getByText('Зарегистрировано обучающихся: 3').waitFor();
    for (const n of ['Орлова Анна Ивановна', 'Соколов Пётр Андреевич', 'Белова Мария'])
      await eventually(page, () => page.getByRole('cell', { name: n, exact: true }));
    await page
      .getByRole('row', { name: /Орлова Анна Ивановна/ })
      .getByRole('cell', { name: '04.03.2011' })
      .waitFor();

    // The form edits the record's own name parts.
    await page.getByRole('button', { name: 'Действия: Белова Мария' }).click();
    await page.getByRole('menuitem', { name: 'Изменить' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Фамилия' }).inputValue()).resolves.toBe('Белова');
    await expect(dialog.getByRole('textbox', { name: 'Имя' }).inputValue()).resolves.toBe('Мария');
    await expect(dialog.getByRole('textbox', { name: 'Отчество' }).inputValue()).resolves.toBe('');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Consents: Орлова's parents allow publishing the results with her name; Соколов's only participation; Белова has none.
    const consent = async (student: string, publishResults: boolean) => {
      await page.getByRole('button', { name: `Действия: ${student}` }).click();
      await page.getByRole('menuitem', { name: 'Согласие', exact: true }).click();
      if (publishResults) await dialog.getByRole('checkbox', { name: 'Согласие на публикацию результатов с фамилией и инициалами' }).check();
      if (publishResults) await expectAccessible(page, 'the consent form');
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByText('Согласие записано').first().waitFor();
      await dialog.waitFor({ state: 'detached' });
    };
    await consent('Орлова Анна Ивановна', true);
    await consent('Соколов Пётр Андреевич', false);
    await eventually(page, () => page.getByRole('row', { name: /Орлова Анна Ивановна/ }).getByText('на участие, публикацию результатов'));
    await eventually(page, () => page.getByRole('row', { name: /Соколов Пётр Андреевич/ }).getByText('на участие', { exact: true }));
    await page
      .getByRole('row', { name: /Белова Мария/ })
      .getByText('Нет согласия')
      .waitFor();
    await expectAccessible(page, 'the students with consents');
    await screenshot(page, 'contests-students');

    // The stage open for registration: the two with consent entered at once, then their codes.
    await page.getByRole('link', { name: 'Олимпиады школы' }).click();
    await eventually(page, () => page.getByRole('link', { name: title }));
    await expectAccessible(page, 'the school’s olympiads');
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByText('На этот этап пока никто не записан.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Записать нескольких' }).click();
    await dialog.getByRole('checkbox', { name: 'Орлова Анна Ивановна, 9 класс' }).waitFor();
    await expect(dialog.getByRole('checkbox', { name: 'Соколов Пётр Андреевич, 9 класс' }).isChecked()).resolves.toBe(true);
    await expect(dialog.getByText('Белова Мария').count()).resolves.toBe(0);
    await expectAccessible(page, 'entering several students');
    await dialog.getByRole('button', { name: 'Записать (2)' }).click();
    await page.getByText('Записано обучающихся: 2').waitFor();
    const entries = page.getByRole('region', { name: 'Записанные обучающиеся' });
    await eventually(page, () => entries.getByRole('row', { name: /Соколов Пётр Андреевич/ }));
    await entries
      .getByRole('row', { name: /Орлова Анна Ивановна/ })
      .getByText('ещё не выдан')
      .waitFor();

    await page.getByRole('button', { name: 'Выдать коды' }).click();
    await page.getByText('Выдано кодов: 2').waitFor();
    await eventually(page, () => entries.getByRole('row', { name: /Орлова Анна Ивановна/ }).getByText(/^9-[A-Z2-9]{6}$/));
    const code = (await entries
      .getByRole('row', { name: /Орлова Анна Ивановна/ })
      .getByText(/^9-[A-Z2-9]{6}$/)
      .textContent())!;
    // The pointer off the button just clicked: a hovered light button's tint is not the page's resting state.
    await page.mouse.move(0, 0);
    await expectAccessible(page, 'the stage with entries and codes');
    await screenshot(page, 'contests-school-stage');

    await page.getByRole('link', { name: 'Лист кодов для печати' }).click();
    const sheet = page.getByTestId('code-sheet');
    await sheet
      .getByRole('row', { name: /Орлова Анна Ивановна/ })
      .getByText(code)
      .waitFor();
    await expect(sheet.getByText(/^9-[A-Z2-9]{6}$/).count()).resolves.toBe(2);
    await expect(sheet.getByText('Белова Мария').count()).resolves.toBe(0);
    await expectAccessible(page, 'the code sheet');
    // Printed, the sheet keeps the codes and drops the buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Печать' }).isVisible()).resolves.toBe(false);
    await expect(sheet.getByText(code).isVisible()).resolves.toBe(true);
    // Nothing prints over the codes: the stage page's notifications are gone.
    await expect(page.getByText('Выдано кодов: 2').count()).resolves.toBe(0);
    await screenshot(page, 'contests-code-sheet-print');
    await context.close();
  });
});
