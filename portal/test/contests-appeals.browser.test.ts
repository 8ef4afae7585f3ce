import type { Browser, Page } from 'playwright-core';
import { waitFor } from '@mms/testing/infra';
import { addDays } from '@mms/contracts';
import { ok, Platform } from '../../test/platform-harness';
import {
  academicYearOf,
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
 * Issue 11 §8, after publication: a school's coordinator files an appeal; a juror of the appeal
 * commission sees it on their page, previews who would move, raises the score (another student
 * loses the winner's place); two days later on contests' clock (CLOCK_OFFSET_DAYS, as the e2e
 * test moves past the appeal deadline) the organiser approves the final protocol, sets the
 * municipal stage's passing score and exports protocol and admission list (CSV, XLSX read back);
 * the public sees masked results. Real gateway and services, Debian's Chromium, axe on each page.
 */
describe('portal in a real browser: an appeal, the final protocol, admission and public results', () => {
  let p: Platform;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const title = `ВсОШ по математике, школьный этап (${stamp})`;
  const municipalTitle = `ВсОШ по математике, муниципальный этап (${stamp})`;
  const schools = [`Гимназия № 1 (${stamp})`, `Школа № 2 (${stamp})`];
  const jurors = [
    { fullName: 'Жюриева Ольга Петровна', school: 0 },
    { fullName: 'Судейкин Иван Ильич', school: 1 },
  ];
  let seed: Awaited<ReturnType<typeof seedSchoolStage>>;
  let municipalId: string;
  const kid = (surname: string) => seed.students.find((x) => x.surname === surname)!;
  const partitionId = () => `${seed.stageId}~9`;

  const signIn = (page: Page, role: string, picks: [string, string][]) => signInAs(page, p.gateway.url, role, picks);

  beforeAll(async () => {
    p = await startPortalPlatform('portal-olymp-appeals', ['directory', 'contests']);
    browser = await launch();
    seed = await seedSchoolStage(p, stamp, {
      title,
      schools,
      jurors,
      students: [
        { surname: 'Орлова', name: 'Анна', patronymic: 'Ивановна', birthDate: '2011-05-01', school: 0, publishResults: true },
        { surname: 'Андреев', name: 'Антон', patronymic: 'Олегович', birthDate: '2011-06-02', school: 0, publishResults: false },
        { surname: 'Соколов', name: 'Пётр', school: 1, publishResults: false },
        { surname: 'Белова', name: 'Мария', school: 1, publishResults: true },
      ],
    });
    // The jury (the second teacher on the appeal commission), the scores from a file, the preliminary protocol: 18, 15, 13, 12 of 20.
    const members = seed.jurors.map((j, i) => ({ educatorId: j.id, chair: i === 0, appealCommission: i === 1 }));
    await waitFor(
      async () =>
        !(
          await p.gql(seed.meth, `mutation($i: AppointOlympiadJuryInput!) { appointOlympiadJury(input: $i) { id } }`, { i: { stageId: seed.stageId, members } })
        ).body.errors,
      { what: 'contests knows the jurors', timeoutMs: 60_000 },
    );
    const scores: [string, number, number][] = [
      ['Орлова', 9, 9],
      ['Соколов', 8, 7],
      ['Белова', 7, 6],
      ['Андреев', 9, 3],
    ];
    const csv = ['code;task;score', ...scores.flatMap(([s, t1, t2]) => [`${kid(s).code};t1;${t1}`, `${kid(s).code};t2;${t2}`])].join('\n');
    const res = await fetch(`${p.gateway.url}/imports/olympiad-scores?stageId=${seed.stageId}&importId=seed-${stamp}&wait=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seed.meth}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    const published = ok<any>(
      await p.gql(seed.meth, `mutation($id: ID!) { publishPreliminaryProtocol(partitionId: $id) { rows { code status } } }`, { id: partitionId() }),
    ).publishPreliminaryProtocol;
    expect(published.rows.map((r: any) => r.status)).toEqual(['WINNER', 'PARTICIPANT', 'PARTICIPANT', 'PARTICIPANT']);
  });

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('the coordinator files an appeal; the appeal commission previews who moves and raises the score', async () => {
    const c = await personPage(browser);
    await signIn(c.page, 'Координатор школы', [
      ['Муниципалитет', seed.municipality.name],
      ['Образовательная организация', schools[0]!],
    ]);
    await c.page.getByRole('link', { name: 'Олимпиады школы' }).click();
    await eventually(c.page, () => c.page.getByRole('link', { name: title }));
    await c.page.getByRole('link', { name: title }).click();
    const protocol = c.page.getByRole('region', { name: 'Протокол, 9 класс: Предварительный' });
    await eventually(c.page, () => protocol.getByRole('row', { name: /Андреев Антон Олегович/ }));
    // The school's own rows only.
    await expect(protocol.getByText(/Соколов|Белова/).count()).resolves.toBe(0);
    await c.page.getByRole('button', { name: `Апелляция: ${kid('Андреев').code}` }).click();
    const dialog = c.page.getByRole('dialog');
    await pick(c.page, 'Задание', 'Задание t2 (максимум 10)', dialog);
    await dialog.getByRole('textbox', { name: 'Заявление' }).fill('Задача 2 решена полностью, проверено только первое решение.');
    await expectAccessible(c.page, 'the appeal form');
    await dialog.getByRole('button', { name: 'Апелляция', exact: true }).click();
    await c.page.getByText('Апелляция подана').first().waitFor();
    await eventually(c.page, () => c.page.getByRole('region', { name: 'Апелляции школы: 9 класс' }).getByText('Ждёт решения'));
    await c.page.mouse.move(0, 0);
    await expectAccessible(c.page, 'the school’s protocol with its appeal');
    await screenshot(c.page, 'contests-school-appeal');
    await c.context.close();

    const j = await personPage(browser);
    await signIn(j.page, 'Член жюри олимпиады', [
      ['Муниципалитет', seed.municipality.name],
      ['Образовательная организация', schools[1]!],
      ['Педагог', seed.jurors[1]!.label],
    ]);
    await j.page.getByRole('link', { name: 'Апелляции' }).click();
    await j.page.getByRole('heading', { name: 'Апелляции', exact: true }).waitFor();
    const decide = `Решить: ${kid('Андреев').code}, Задание t2`;
    await eventually(j.page, () => j.page.getByRole('button', { name: decide }));
    await j.page.getByRole('heading', { name: `${title} (Школьный): 9 класс` }).waitFor();
    await expectAccessible(j.page, 'the appeal commission’s appeals');
    await screenshot(j.page, 'contests-jury-appeals');
    await j.page.getByRole('button', { name: decide }).click();
    const form = j.page.getByRole('dialog');
    await form.getByText('Сейчас за задание: 3').waitFor();
    await form.getByRole('radio', { name: 'Удовлетворить: повысить балл' }).check();
    await form.getByRole('textbox', { name: 'Новый балл за задание' }).fill('10');
    await form.getByRole('textbox', { name: 'Обоснование решения' }).fill('Второе решение верное и полное.');
    await form.getByRole('button', { name: 'Показать последствия' }).click();
    const preview = form.getByTestId('appeal-preview');
    await preview
      .getByRole('row', { name: new RegExp(kid('Андреев').code) })
      .getByText('1 место, Победитель, 19')
      .waitFor();
    await preview
      .getByRole('row', { name: new RegExp(kid('Орлова').code) })
      .getByText('1 место, Победитель, 18')
      .waitFor();
    await preview
      .getByRole('row', { name: new RegExp(kid('Орлова').code) })
      .getByText('2 место, Участник, 18')
      .waitFor();
    await expectAccessible(j.page, 'the appeal decision with its preview');
    await screenshot(j.page, 'contests-appeal-preview');
    await form.getByRole('button', { name: 'Принять решение' }).click();
    await j.page.getByText('Решение по апелляции принято').first().waitFor();
    await eventually(j.page, () => j.page.getByText('Апелляций, ожидающих решения, нет.'));
    await j.page.getByRole('checkbox', { name: 'Показать решённые' }).click();
    await j.page.waitForURL(/decided=1/);
    await j.page
      .getByRole('row', { name: new RegExp(kid('Андреев').code) })
      .getByText(/3\s*→\s*10/)
      .waitFor();
    await j.context.close();
  });

  it('two days later the organiser approves the final protocol, sets the passing score and exports protocol and admission list', async () => {
    // Past the appeal deadline on contests' clock: the service restarts two days ahead, as in the e2e test.
    await p.kill('contests', 'SIGTERM');
    await p.restart('contests', { env: { CLOCK_OFFSET_DAYS: '2' } });
    municipalId = ok<any>(
      await p.gql(seed.meth, `mutation($i: ScheduleOlympiadStageInput!) { scheduleOlympiadStage(input: $i) { id } }`, {
        i: {
          kind: 'VSOSH',
          title: municipalTitle,
          academicYear: academicYearOf(seed.today),
          subject: 'MATHEMATICS',
          level: 'MUNICIPAL',
          startsOn: addDays(seed.today, 70),
          endsOn: addDays(seed.today, 70),
          registrationFrom: addDays(seed.today, 3),
          registrationTo: addDays(seed.today, 60),
          groups: [
            {
              groupId: '9',
              grades: [9],
              tasks: [
                { taskId: 't1', maxPoints: 10 },
                { taskId: 't2', maxPoints: 10 },
              ],
            },
          ],
        },
      }),
    ).scheduleOlympiadStage.id;

    const { context, page } = await personPage(browser);
    await signIn(page, 'Методист муниципалитета', [['Муниципалитет', seed.municipality.name]]);
    const base = `${p.gateway.url}/municipalities/${seed.municipality.id}/olympiads`;
    await page.goto(`${base}/${encodeURIComponent(seed.stageId)}/partitions/${encodeURIComponent(partitionId())}`);
    await eventually(page, () => page.getByText('Предварительный · версия 2', { exact: false }));
    await page.getByRole('button', { name: 'Утвердить итоговый протокол' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Утвердить итоговый протокол' }).click();
    await page.getByText('Итоговый протокол утверждён').first().waitFor();
    await page.getByText('Итоговый · версия 3', { exact: false }).waitFor();
    const caption = `Протокол: ${title}: 9 класс`;
    await page
      .getByRole('region', { name: caption })
      .getByRole('row', { name: new RegExp(kid('Андреев').code) })
      .getByText('Победитель')
      .waitFor();
    await page.mouse.move(0, 0);
    await expectAccessible(page, 'the final protocol');
    await screenshot(page, 'contests-final-protocol');
    const final = await xlsxRows((await exportTable(page, caption, 'Excel (XLSX)')).path);
    expect(final.slice(1).map((r) => [r.find((x) => /^9-/.test(x)), r.at(-2), r.at(-1)])).toEqual([
      [kid('Андреев').code, '19', 'Победитель'],
      [kid('Орлова').code, '18', 'Участник'],
      [kid('Соколов').code, '15', 'Участник'],
      [kid('Белова').code, '13', 'Участник'],
    ]);
    const finalCsv = csvRows((await exportTable(page, caption, 'CSV')).path);
    expect(finalCsv.map((r) => r.slice(0, 2))).toEqual(final.map((r) => r.slice(0, 2)));

    // The municipal stage admits from 15 of 20: three of four, shown per school before it is saved.
    await page.goto(`${base}/${encodeURIComponent(municipalId)}?tab=passing`);
    await page.getByRole('heading', { name: municipalTitle }).waitFor();
    await page.getByRole('textbox', { name: 'Проходной балл: 9 класс' }).fill('15');
    await page.getByRole('button', { name: 'Кто проходит: 9 класс' }).click();
    await eventually(page, () => page.getByTestId('passing-preview-9').getByText('Набирают проходной балл: 3 из 4 (ровно на проходном: 1)'));
    await page
      .getByRole('region', { name: 'Кто проходит: 9 класс: школа' })
      .getByRole('row', { name: new RegExp(schools[1]!.replace(/[()]/g, '.')) })
      .waitFor();
    await page.mouse.move(0, 0);
    await expectAccessible(page, 'the passing score preview');
    await screenshot(page, 'contests-passing-preview');
    await page.getByRole('button', { name: 'Сохранить проходные баллы' }).click();
    await page.getByText('Проходные баллы сохранены').waitFor();

    await page.getByRole('tab', { name: 'Допуск' }).click();
    await page.waitForURL(/tab=admission/);
    const admitted = page.getByRole('region', { name: 'Список допущенных' });
    await eventually(page, () => admitted.getByRole('cell', { name: 'Соколов Пётр', exact: true }));
    await expect(admitted.getByText('Белова Мария').count()).resolves.toBe(0);
    await expectAccessible(page, 'the admission list');
    await screenshot(page, 'contests-admission');
    const list = csvRows((await exportTable(page, 'Список допущенных', 'CSV')).path);
    expect(
      list
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['Андреев Антон Олегович', 'Орлова Анна Ивановна', 'Соколов Пётр']);
    const listXlsx = await xlsxRows((await exportTable(page, 'Список допущенных', 'Excel (XLSX)')).path);
    expect(listXlsx).toHaveLength(4);
    expect(listXlsx.find((r) => r[0] === 'Андреев Антон Олегович')).toEqual(['Андреев Антон Олегович', schools[0], '9', '19', 'Проходной балл']);
    await context.close();
  });

  it('the public sees the final results masked: surname and initials with consent, else the code; never a birth date', async () => {
    const { context, page } = await personPage(browser);
    await page.goto(`${p.gateway.url}/olympiads`);
    await eventually(page, () => page.getByRole('link', { name: title }));
    await expectAccessible(page, 'the public schedule');
    await page.getByRole('link', { name: title }).click();
    const results = page.getByRole('region', { name: '9 класс: Итоговый' });
    await eventually(page, () => results.getByRole('cell', { name: 'Орлова А. И.', exact: true }));
    const participants = await results.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(participants).toEqual([kid('Андреев').code, 'Орлова А. И.', kid('Соколов').code, 'Белова М.']);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/Андреев|Соколов|Анна|Ивановна|Олегович|2011|01\.05|02\.06/);
    await expectAccessible(page, 'the public results');
    await screenshot(page, 'contests-public-results');
    const exported = csvRows((await exportTable(page, '9 класс: Итоговый', 'CSV')).path);
    expect(exported.map((r) => r[1])).toEqual(['Участник', kid('Андреев').code, 'Орлова А. И.', kid('Соколов').code, 'Белова М.']);
    await context.close();
  });
});
