import type { Browser, Page } from 'playwright-core';
import { Platform } from '../../test/platform-harness';
import {
  csvRows,
  eventually,
  expectAccessible,
  exportTable,
  launch,
  personPage,
  pick,
  screenshot,
  seedSchoolStage,
  signInAs,
  startPortalPlatform,
  xlsxRows,
} from './browser';

/**
 * Issue 11 §8, scoring: the organiser appoints the jury (each juror's works of their own school
 * shown) and assigns the works; a juror sees only the codes of the other school and scores them; the
 * organiser uploads a score file for the rest (a bad line reported, the progress reaching the end),
 * previews quotas (what-if, counts named by school), saves them, publishes the stage's preliminary
 * protocols from its works tab and exports the group's (CSV, XLSX read back). Real gateway and services, Debian's Chromium.
 */
describe('portal in a real browser: jury, a juror’s scores, a score file, quotas and the preliminary protocol', () => {
  let p: Platform;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const title = `ВсОШ по математике, школьный этап (${stamp})`;
  const schools = [`Гимназия № 1 (${stamp})`, `Школа № 2 (${stamp})`];
  const jurors = [
    { fullName: 'Жюриева Ольга Петровна', school: 0 },
    { fullName: 'Судейкин Иван Ильич', school: 1 },
  ];
  let seed: Awaited<ReturnType<typeof seedSchoolStage>>;
  const kid = (surname: string) => seed.students.find((x) => x.surname === surname)!;

  const signIn = (page: Page, role: string, picks: [string, string][]) => signInAs(page, p.gateway.url, role, picks);

  beforeAll(async () => {
    p = await startPortalPlatform('portal-olymp-scoring', ['directory', 'contests']);
    browser = await launch();
    seed = await seedSchoolStage(p, stamp, {
      title,
      schools,
      jurors,
      students: [
        { surname: 'Антонова', name: 'Алла', patronymic: 'Сергеевна', school: 0, publishResults: true },
        { surname: 'Андреев', name: 'Антон', school: 0, publishResults: false },
        { surname: 'Борисова', name: 'Белла', school: 1, publishResults: true },
        { surname: 'Богданов', name: 'Борис', school: 1, publishResults: false },
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('the organiser appoints the jury, sees each juror’s own-school works, and assigns the works across schools', async () => {
    const { context, page } = await personPage(browser);
    await signIn(page, 'Методист муниципалитета', [['Муниципалитет', seed.municipality.name]]);
    await page.getByRole('link', { name: 'Этапы олимпиад' }).click();
    await eventually(page, () => page.getByRole('link', { name: title }));
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('tab', { name: 'Жюри' }).click();
    await page.getByText('Жюри не назначено.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Назначить жюри' }).click();
    const dialog = page.getByRole('dialog');
    for (const j of jurors) {
      await pick(page, 'Педагог', `${j.fullName} — ${schools[j.school]}`, dialog);
      await dialog.getByRole('button', { name: 'Добавить' }).first().click();
    }
    await dialog.getByRole('checkbox', { name: `Апелляционная комиссия: ${jurors[1]!.fullName} (${schools[1]})` }).check();
    await expect(dialog.getByRole('radio', { name: `Председатель: ${jurors[0]!.fullName} (${schools[0]})` }).isChecked()).resolves.toBe(true);
    await expectAccessible(page, 'the jury form');
    await screenshot(page, 'contests-jury-form');
    // Contests learns where the teachers work from the directory's events: until then the API refuses them, and the organiser tries again.
    const started = Date.now();
    for (;;) {
      const answer = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('AppointOlympiadJury'));
      await dialog.getByRole('button', { name: 'Назначить жюри' }).click();
      const body = (await (await answer).json()) as { errors?: unknown[] };
      if (!body.errors) break;
      if (Date.now() - started > 30_000) throw new Error(`the jury was refused: ${JSON.stringify(body.errors)}`);
    }
    await page.getByText('Жюри назначено').first().waitFor();
    // Conflicts: each juror has two works of their own school, which they will not score.
    const jury = page.getByRole('region', { name: 'Состав жюри' });
    for (const j of jurors) await eventually(page, () => jury.getByRole('row', { name: new RegExp(j.fullName) }).getByText('2', { exact: true }));
    await jury
      .getByRole('row', { name: new RegExp(jurors[1]!.fullName) })
      .getByRole('cell', { name: 'Да' })
      .waitFor();
    await expectAccessible(page, 'the jury with conflicts');
    await screenshot(page, 'contests-jury');

    await page.getByRole('tab', { name: 'Работы и протоколы' }).click();
    await page.getByRole('button', { name: 'Распределить работы' }).click();
    await page.getByText('Распределено работ: 1').waitFor();
    await eventually(page, () => page.getByRole('link', { name: '9 класс' }));
    await page.getByRole('link', { name: '9 класс' }).click();
    await page.getByRole('tab', { name: 'Распределение работ' }).click();
    const assigned = page.getByRole('region', { name: 'Кто проверяет какую работу' });
    for (const s of seed.students) {
      const other = jurors.find((j) => j.school !== s.school)!;
      await assigned
        .getByRole('row', { name: new RegExp(s.code) })
        .getByRole('cell', { name: other.fullName })
        .waitFor();
    }
    await page.mouse.move(0, 0);
    await expectAccessible(page, 'the assignment of works');
    await context.close();
  });

  it('a juror sees only the other school’s codes and scores them', async () => {
    const { context, page } = await personPage(browser);
    await signIn(page, 'Член жюри олимпиады', [
      ['Муниципалитет', seed.municipality.name],
      ['Образовательная организация', schools[0]!],
      ['Педагог', seed.jurors[0]!.label],
    ]);
    await page.getByRole('heading', { name: 'Мои работы' }).waitFor();
    const theirs = [kid('Борисова'), kid('Богданов')];
    for (const s of theirs) await page.getByTestId(`work-${s.code}`).waitFor();
    await expect(page.locator('[data-testid^="work-"]').count()).resolves.toBe(2);
    for (const own of [kid('Антонова'), kid('Андреев')]) await expect(page.getByText(own.code).count()).resolves.toBe(0);
    await expect(page.getByText(/Борисова|Богданов/).count()).resolves.toBe(0);
    await page.getByTestId('works-progress').getByText('Проверено работ: 0 из 2').waitFor();
    await expectAccessible(page, 'the juror’s works');

    const score = async (code: string, t1: string, t2: string) => {
      await page.getByRole('textbox', { name: `Задание t1, работа ${code} (из 10)` }).fill(t1);
      await page.getByRole('textbox', { name: `Задание t2, работа ${code} (из 10)` }).fill(t2);
      await page.getByRole('button', { name: `Сохранить оценки работы ${code}` }).click();
      await page.getByText(`Оценки работы ${code} сохранены`).waitFor();
    };
    await score(theirs[0]!.code, '9', '9');
    await score(theirs[1]!.code, '6', '5,5');
    await page.getByTestId('works-progress').getByText('Проверено работ: 2 из 2').waitFor();
    await page.mouse.move(0, 0);
    await expectAccessible(page, 'the juror’s works, scored');
    await screenshot(page, 'contests-juror-works');
    await context.close();
  });

  it('the organiser uploads a score file, previews quotas, saves them, publishes and exports the preliminary protocol', async () => {
    const { context, page } = await personPage(browser);
    await signIn(page, 'Методист муниципалитета', [['Муниципалитет', seed.municipality.name]]);
    const stagePath = `/municipalities/${seed.municipality.id}/olympiads/${encodeURIComponent(seed.stageId)}`;
    await page.goto(`${p.gateway.url}${stagePath}?tab=works`);
    await page.getByRole('link', { name: 'Загрузить баллы' }).click();
    await page.getByRole('heading', { name: `Загрузка баллов: ${title}` }).waitFor();
    await expectAccessible(page, 'the score upload page');
    const csv = [
      'code;task;score',
      `${kid('Антонова').code};t1;8`,
      `${kid('Антонова').code};t2;8`,
      `${kid('Андреев').code};t1;5`,
      `${kid('Андреев').code};t2;4`,
      '9-ZZZZZZ;t1;3',
    ];
    await page.locator('input[type=file]').setInputFiles({ name: 'баллы.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\n'), 'utf8') });
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    await page.waitForURL(/import=/);
    await page.getByTestId('import-status').getByText('Завершена').waitFor({ timeout: 30_000 });
    await page.getByRole('progressbar', { name: 'Ход загрузки' }).and(page.locator('[aria-valuenow="100"]')).waitFor();
    await page.getByTestId('import-rejected').getByText('1', { exact: true }).waitFor();
    const bad = page.getByRole('row', { name: /Кода 9-ZZZZZZ нет среди участников этапа/ });
    await expect(bad.getByRole('cell').first().textContent()).resolves.toBe('6');
    await expectAccessible(page, 'the finished score import');
    await screenshot(page, 'contests-score-import');

    // The draft: every work scored (18, 16, 11.5, 9 of 20).
    await page.getByRole('link', { name: 'К работам и протоколам' }).click();
    await page.getByRole('link', { name: '9 класс' }).click();
    await eventually(page, () => page.getByTestId('draft-incomplete').getByText('Все работы оценены.'));
    const draft = page.getByRole('region', { name: 'Черновик протокола' });
    await draft
      .getByRole('row', { name: new RegExp(kid('Антонова').code) })
      .getByRole('cell', { name: '16', exact: true })
      .waitFor();
    await expectAccessible(page, 'the draft protocol');

    // What-if: 50 % awarded instead of 45 % lets a prize-winner in (a winner and a prize-winner of four), named by school.
    await page.getByRole('tab', { name: 'Квоты: что если' }).click();
    await page.getByRole('textbox', { name: 'Победителей и призёров — не больше, % участников' }).fill('50');
    await page.getByRole('button', { name: 'Показать', exact: true }).click();
    const preview = page.getByTestId('quota-preview');
    await preview.getByText('Всего 4: победителей 1, призёров 1, участников 2').waitFor();
    const bySchool = page.getByRole('region', { name: 'По школам' });
    await bySchool
      .getByRole('row', { name: new RegExp(schools[0]!.replace(/[()]/g, '.')) })
      .getByRole('cell', { name: '1' })
      .first()
      .waitFor();
    await expect(bySchool.getByRole('cell', { name: schools[1]!, exact: true }).count()).resolves.toBe(1);
    await page.getByRole('region', { name: 'По муниципалитетам' }).getByRole('cell', { name: seed.municipality.name, exact: true }).waitFor();
    await expectAccessible(page, 'the quota preview');
    await screenshot(page, 'contests-quota-preview');
    await page.getByRole('button', { name: 'Сохранить в настройки этапа' }).click();
    await page.getByText('Квоты сохранены в настройки этапа').waitFor();

    // Published from the stage's works tab, all groups at once (the group's own button is there too, for one group).
    await page.getByRole('button', { name: 'Опубликовать предварительный протокол' }).waitFor();
    await page.goto(`${p.gateway.url}${stagePath}?tab=works`);
    await page.getByRole('button', { name: 'Опубликовать предварительные протоколы' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Опубликовать предварительные протоколы' }).click();
    await page.getByText('Опубликованы предварительные протоколы групп: 1').first().waitFor();
    await page.getByRole('link', { name: '9 класс' }).click();
    await page.getByRole('tab', { name: 'Протокол', exact: true }).click();
    const caption = `Протокол: ${title}: 9 класс`;
    const protocol = page.getByRole('region', { name: caption });
    await protocol
      .getByRole('row', { name: new RegExp(kid('Антонова').code) })
      .getByText('Призёр')
      .waitFor();
    await protocol
      .getByRole('row', { name: new RegExp(kid('Борисова').code) })
      .getByText('Победитель')
      .waitFor();
    await page.mouse.move(0, 0);
    await expectAccessible(page, 'the preliminary protocol');
    await screenshot(page, 'contests-preliminary-protocol');

    const asCsv = await exportTable(page, caption, 'CSV');
    expect(asCsv.name).toMatch(/^protocol-.*-v1\.csv$/);
    const rows = csvRows(asCsv.path);
    expect(rows).toHaveLength(5);
    const antonova = rows.find((r) => r.includes(kid('Антонова').code))!;
    expect(antonova).toEqual(expect.arrayContaining(['Антонова Алла Сергеевна', schools[0], '16', '2', 'Призёр']));
    const asXlsx = await exportTable(page, caption, 'Excel (XLSX)');
    expect(asXlsx.name).toMatch(/^protocol-.*-v1\.xlsx$/);
    const sheet = await xlsxRows(asXlsx.path);
    expect(sheet[0]).toEqual(rows[0]);
    expect(sheet.find((r) => r.includes(kid('Богданов').code))).toEqual(expect.arrayContaining(['Богданов Борис', '11.5', 'Участник']));

    // The audit trail of blind scoring: who was given and who scored the code, one code as typed.
    await page.getByRole('tab', { name: 'Распределение работ' }).click();
    const audit = page.getByRole('region', { name: 'Журнал слепой проверки: кто получил и оценил какую работу' });
    const borisova = kid('Борисова').code;
    await audit
      .getByRole('row', { name: new RegExp(`${borisova}.*Работа передана члену жюри`) })
      .first()
      .waitFor();
    await audit
      .getByRole('row', { name: new RegExp(`${borisova}.*Выставлен балл`) })
      .first()
      .waitFor();
    await page.getByRole('textbox', { name: 'Шифр работы' }).fill(borisova.toLowerCase());
    await page.getByRole('button', { name: 'Показать' }).click();
    await audit
      .getByRole('row', { name: new RegExp(kid('Антонова').code) })
      .first()
      .waitFor({ state: 'detached' });
    await audit
      .getByRole('row', { name: new RegExp(`${borisova}.*Выставлен балл`) })
      .first()
      .waitFor();
    await page.mouse.move(0, 0);
    await expectAccessible(page, 'the audit trail');
    await context.close();
  });
});
