import type { Browser, Page } from 'playwright-core';
import { ok, Platform } from '../../test/platform-harness';
import { eventually, expectAccessible, launch, personPage, pick, screenshot, signInAs, startPortalPlatform } from './browser';

/**
 * The first walk of the issue: a teacher finds a programme and applies, the school's coordinator
 * approves, the teacher sees the enrolment; a visitor browses the catalogue without signing in;
 * a coordinator who edits the address to another school gets a clear "no". Through the real
 * gateway (serving the built portal and its development sign-in) and real services, in Debian's
 * Chromium; axe checks every page on the way and screenshots go to .local/portal-screenshots.
 */
describe('portal in a real browser: a teacher applies, the coordinator approves', () => {
  let p: Platform;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const M = `mun-portal-${stamp}`;
  const names = { municipality: `Тестовый район ${stamp}`, school: `Школа № 1 (${stamp})`, otherSchool: `Школа № 2 (${stamp})` };
  const teacherName = 'Иванова Мария Петровна';
  const programmeTitle = `Функциональная грамотность: читательская ${stamp}`;
  let schoolId: string;
  let teacherId: string;
  let otherSchoolId: string;
  let cohortId: string;

  const signIn = (page: Page, role: string, picks: [string, string][], where: 'fresh' | 'here' = 'fresh') => signInAs(page, p.gateway.url, role, picks, where);

  beforeAll(async () => {
    p = await startPortalPlatform('portal', ['directory', 'professional-development']);
    browser = await launch();
    const ro = await p.token('regional_operator');
    ok(
      await p.gql(ro, `mutation($i: OnboardMunicipalityInput!) { onboardMunicipality(input: $i) { id } }`, {
        i: { id: M, name: names.municipality, oktmo: '04701000' },
      }),
    );
    const meth = await p.token('municipal_methodologist', { municipality: M });
    const org = `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`;
    schoolId = ok<any>(await p.gql(meth, org, { i: { name: names.school, kind: 'SCHOOL' } })).registerOrganization.id;
    otherSchoolId = ok<any>(await p.gql(meth, org, { i: { name: names.otherSchool, kind: 'SCHOOL' } })).registerOrganization.id;
    teacherId = ok<any>(
      await p.gql(meth, `mutation($i: RegisterEducatorInput!) { registerEducator(input: $i) { id } }`, {
        i: { organizationId: schoolId, fullName: teacherName, position: 'Учитель русского языка', subjects: ['Русский язык'], careerStartDate: '2012-09-01' },
      }),
    ).registerEducator.id;
    const programme = ok<any>(
      await p.gql(meth, `mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }`, {
        i: { title: programmeTitle, provider: 'ИМЦ', hours: 36, format: 'BLENDED', competences: ['FUNCTIONAL_LITERACY'] },
      }),
    ).createProgramme.id;
    ok(await p.gql(meth, `mutation($id: ID!) { publishProgramme(id: $id) { id } }`, { id: programme }));
    const start = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    cohortId = ok<any>(
      await p.gql(meth, `mutation($i: ScheduleCohortInput!) { scheduleCohort(input: $i) { id } }`, {
        i: { programmeId: programme, startDate: start, endDate: end, seats: 20 },
      }),
    ).scheduleCohort.id;
  });

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('a visitor browses the public catalogue and the directory without signing in', async () => {
    const { context, page } = await personPage(browser);
    await page.goto(`${p.gateway.url}/`);
    await page.getByRole('heading', { name: 'Каталог программ повышения квалификации' }).waitFor();
    await page.getByRole('cell', { name: programmeTitle, exact: true }).waitFor();
    await expectAccessible(page, 'the public catalogue');
    await screenshot(page, 'public-catalogue');
    await page.getByRole('link', { name: 'Организации' }).click();
    await pick(page, 'Муниципалитет', names.municipality);
    await page.getByRole('cell', { name: names.school, exact: true }).waitFor();
    await expectAccessible(page, 'the public directory');
    await screenshot(page, 'public-organizations');
    await context.close();
  });

  it('the teacher applies from the catalogue, the coordinator approves, the teacher sees the enrolment', async () => {
    const teacher = await personPage(browser);
    await signIn(teacher.page, 'Педагог', [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
      ['Педагог', `${teacherName} — Учитель русского языка`],
    ]);
    await teacher.page.getByRole('heading', { name: teacherName }).waitFor();
    await teacher.page.getByTestId('training-due-date').waitFor();
    await expectAccessible(teacher.page, 'the teacher profile');
    await screenshot(teacher.page, 'teacher-profile');

    await teacher.page.getByRole('link', { name: 'Каталог программ' }).click();
    await teacher.page.getByRole('button', { name: `Подать заявку: ${programmeTitle}` }).click();
    await teacher.page.getByRole('dialog').getByRole('button', { name: 'Подать заявку' }).click();
    await teacher.page.getByText('Заявка подана').first().waitFor();
    await teacher.page.getByRole('link', { name: 'Мои заявки и обучение' }).click();
    await eventually(teacher.page, () => teacher.page.getByRole('row', { name: new RegExp(programmeTitle) }).getByText('Подана'));
    await expectAccessible(teacher.page, 'the teacher’s enrolments');
    await screenshot(teacher.page, 'teacher-enrolments-applied');

    const coordinator = await personPage(browser);
    await signIn(coordinator.page, 'Координатор школы', [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
    ]);
    await coordinator.page.getByRole('heading', { name: 'Заявки на обучение' }).waitFor();
    await eventually(coordinator.page, () => coordinator.page.getByRole('cell', { name: teacherName, exact: true }));
    await expectAccessible(coordinator.page, 'the applications page');
    await screenshot(coordinator.page, 'coordinator-applications');
    await coordinator.page.getByRole('button', { name: `Одобрить: ${teacherName}` }).click();
    await coordinator.page.getByText('Заявка одобрена').first().waitFor();
    await eventually(coordinator.page, () => coordinator.page.getByText('Заявок, ожидающих решения, нет.'));

    // Another school's page by editing the address: a clear "no", and nothing of theirs.
    await coordinator.page.goto(`${p.gateway.url}/schools/${otherSchoolId}/applications`);
    await coordinator.page.getByRole('heading', { name: 'Нет доступа' }).waitFor();
    await expectAccessible(coordinator.page, 'the forbidden page');
    await coordinator.context.close();

    await eventually(teacher.page, () => teacher.page.getByRole('row', { name: new RegExp(programmeTitle) }).getByText('Зачислен'));
    await teacher.page
      .getByRole('row', { name: new RegExp(programmeTitle) })
      .getByRole('button', { name: 'История' })
      .click();
    await teacher.page.getByRole('dialog').getByText('Координатор школы', { exact: false }).first().waitFor();
    await screenshot(teacher.page, 'teacher-enrolment-history');
    await teacher.context.close();
  });

  it('the coordinator sends the school’s applications as one list and approves all shown at once', async () => {
    const meth = await p.token('municipal_methodologist', { municipality: M });
    const register = `mutation($i: RegisterEducatorInput!) { registerEducator(input: $i) { id } }`;
    const learners = ['Петров Пётр Петрович', 'Сидорова Анна Ивановна'];
    const ids: string[] = [];
    for (const fullName of learners)
      ids.push(
        ok<any>(
          await p.gql(meth, register, {
            i: { organizationId: schoolId, fullName, position: 'Учитель математики', subjects: ['Математика'], careerStartDate: '2015-09-01' },
          }),
        ).registerEducator.id,
      );
    const coord = await p.token('school_coordinator', { municipality: M, organization: schoolId });
    const applyAll = `mutation($i: [ApplyForCohortInput!]!) { applyForCohorts(input: $i) { index enrolment { status appliedBy } error { code fields } } }`;
    // PD hears of the new educators from the directory's events: the list goes once both are known there.
    for (let known = 0; known < ids.length;) {
      known = 0;
      for (const id of ids)
        if (ok<any>(await p.gql(coord, `query($id: ID!) { educator(id: $id) { trainingDueDate } }`, { id })).educator?.trainingDueDate) known++;
      if (known < ids.length) await new Promise((r) => setTimeout(r, 100));
    }
    const answered: any[] = ok<any>(await p.gql(coord, applyAll, { i: ids.map((educatorId) => ({ cohortId, educatorId })) })).applyForCohorts;
    expect(answered.map((o) => o.enrolment)).toEqual(learners.map(() => ({ status: 'APPLIED', appliedBy: 'COORDINATOR' })));

    const coordinator = await personPage(browser);
    await signIn(coordinator.page, 'Координатор школы', [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
    ]);
    for (const name of learners) await eventually(coordinator.page, () => coordinator.page.getByRole('cell', { name, exact: true }));
    await coordinator.page.getByRole('button', { name: 'Одобрить все показанные (2)' }).click();
    await expectAccessible(coordinator.page, 'the approve-all confirmation');
    await coordinator.page.getByRole('dialog').getByRole('button', { name: 'Одобрить' }).click();
    await coordinator.page.getByText('Одобрено заявок: 2').first().waitFor();
    await eventually(coordinator.page, () => coordinator.page.getByText('Заявок, ожидающих решения, нет.'));
    await screenshot(coordinator.page, 'coordinator-approved-all');
    await coordinator.context.close();
  });

  it('at phone width the menu opens from its button and the catalogue still reads (no page-wide sideways scroll)', async () => {
    const { context, page } = await personPage(browser, { width: 390, height: 844 });
    await page.goto(`${p.gateway.url}/catalogue`);
    await page.getByRole('cell', { name: programmeTitle, exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, 'the catalogue at phone width');
    await screenshot(page, 'phone-catalogue');
    await page.getByRole('button', { name: 'Открыть меню' }).click();
    await page.getByRole('link', { name: 'Организации' }).click();
    await page.getByRole('heading', { name: 'Образовательные организации' }).waitFor();
    await context.close();
  });

  it('signed out or expired, a page sends the person to sign in and back where they were', async () => {
    const { context, page } = await personPage(browser);
    const teacherPicks: [string, string][] = [
      ['Муниципалитет', names.municipality],
      ['Образовательная организация', names.school],
      ['Педагог', `${teacherName} — Учитель русского языка`],
    ];
    await page.goto(`${p.gateway.url}/me/enrolments`);
    await page.waitForURL(/\/sign-in\?next=%2Fme%2Fenrolments/);
    await signIn(page, 'Педагог', teacherPicks, 'here');
    await page.waitForURL(/\/me\/enrolments$/);
    await page.getByRole('heading', { name: 'Мои заявки и обучение' }).waitFor();

    // A token that runs out while the person works: back to sign in, told why, then returned to the same page.
    await page.evaluate(
      async ([educatorId, municipalityId, organizationId]) => {
        const r = await fetch('/dev/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'teacher', municipalityId, organizationId, educatorId, expiresInSeconds: 6 }),
        });
        const body = await r.json();
        if (!r.ok) throw new Error(JSON.stringify(body));
        sessionStorage.setItem('mms.session.token', body.token);
      },
      [teacherId, M, schoolId],
    );
    await page.goto(`${p.gateway.url}/me`);
    await page.getByRole('heading', { name: teacherName }).waitFor();
    await page.waitForURL(/\/sign-in\?next=%2Fme$/, { timeout: 20_000 });
    await page.getByText('Сеанс истёк').waitFor();
    await signIn(page, 'Педагог', teacherPicks, 'here');
    await page.waitForURL(/\/me$/);
    await page.getByRole('heading', { name: teacherName }).waitFor();
    await context.close();
  });
});
