import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { readXlsxRows } from '../../packages/service-kit/src/imports/xlsx';
import { addDays, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { waitFor } from '@mms/testing/infra';
import { ok, Platform, ServiceName, startPlatform } from '../../test/platform-harness';

/** Debian's Chromium (`apt-get install chromium`; browser downloaders do not work here). */
export const CHROMIUM = process.env['MMS_CHROMIUM'] ?? '/usr/bin/chromium';
/** Where the browser tests leave their screenshots (README: "Portal"). */
export const SCREENSHOTS = resolve(__dirname, '../../.local/portal-screenshots');

/**
 * Headless Chromium as this machine's closed network allows: no background networking (its
 * connections would be refused, many at a time), no sandbox (root in CI), a fresh profile.
 */
export const launch = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: bin/platform test installs Debian's chromium package (or set MMS_CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
};

/** A person's own browser window: a fresh context (no shared session storage), Russian locale, the region's zone. */
export const personPage = async (browser: Browser, viewport = { width: 1280, height: 860 }): Promise<{ context: BrowserContext; page: Page }> => {
  // Reduced motion: the portal then skips its transitions, so screenshots never catch a modal half-open.
  const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Asia/Krasnoyarsk', viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
};

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now; the violations, to assert empty. */
export const axeCheck = async (page: Page): Promise<AxeViolation[]> => {
  await page.evaluate(`${AXE}\n;0`);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
};

/** A readable list of violations for a failing assertion. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.impact ?? ''} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');

export const screenshot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
};

/**
 * The platform the browser tests walk: services as processes and the real gateway serving the
 * built portal with its development sign-in (identity cache off, so a move shows at once).
 */
export const startPortalPlatform = (label: string, services: ServiceName[]): Promise<Platform> =>
  startPlatform(label, services, {
    gatewayEnv: { NODE_ENV: 'development', PORTAL_DIR: resolve(__dirname, '../dist'), GATEWAY_IDENTITY_CACHE_MS: '0' },
  });

/** Picks an option of a labelled select (Mantine's combobox), by its whole text; `within` narrows to a dialog. */
export const pick = async (page: Page, label: string, option: string, within?: Locator) => {
  await (within ?? page).getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

/**
 * Lists are read models fed through Kafka: a change shows a moment after it was accepted. Like a
 * person, the test reloads until it does (bounded), and leaves a screenshot when it never does.
 */
export const eventually = async (page: Page, locator: () => Locator, tries = 12) => {
  for (let i = 0; ; i++) {
    try {
      await locator().waitFor({ timeout: 2_500 });
      return;
    } catch (err) {
      if (i >= tries) {
        await screenshot(page, `failed-${Date.now()}`);
        throw err;
      }
      await page.reload();
    }
  }
};

/** axe on the page as it is now: fails naming every violation. */
export const expectAccessible = async (page: Page, what: string) => {
  const violations = await axeCheck(page);
  if (violations.length) throw new Error(`axe on ${what}:\n${describeViolations(violations)}`);
};

/**
 * Signs in through the development sign-in page: opened fresh, or the one the portal sent the
 * person to (`here`, which keeps where they were going); waits until the portal has left it.
 */
export const signInAs = async (page: Page, baseUrl: string, role: string, picks: [string, string][], where: 'fresh' | 'here' = 'fresh') => {
  if (where === 'fresh') await page.goto(`${baseUrl}/sign-in`);
  await pick(page, 'Роль', role);
  for (const [label, option] of picks) await pick(page, label, option);
  await page.getByRole('button', { name: 'Войти', exact: true }).last().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
};

/**
 * Exports a DataTable (the one named by its caption) through its «Выгрузить» menu, as a person
 * does, and returns the downloaded file: its suggested name and where Playwright saved it.
 */
export const exportTable = async (page: Page, caption: string, format: 'CSV' | 'Excel (XLSX)') => {
  const table = page
    .locator('div')
    .filter({ has: page.getByRole('region', { name: caption, exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Выгрузить', exact: true }) })
    .last();
  await table.getByRole('button', { name: 'Выгрузить', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: format, exact: true }).click();
  const file = await download;
  return { name: file.suggestedFilename(), path: (await file.path())! };
};

/** A downloaded CSV as the portal writes it (UTF-8 with BOM, ";"), in rows of cells; quotes are kept as written. */
export const csvRows = (path: string): string[][] =>
  readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => line.split(';'));

/** A downloaded XLSX's first sheet in rows of cells, read by the platform's own workbook reader. */
export const xlsxRows = async (path: string): Promise<string[][]> => {
  const rows: string[][] = [];
  for await (const r of readXlsxRows(path, { maxRowBytes: 1 << 20, maxSheetBytes: 64 << 20, maxSharedStringsBytes: 16 << 20 }))
    if ('cells' in r) rows.push(r.cells);
  return rows;
};

/** The academic year of a day (1 September starts it), as the contests API writes it. */
export const academicYearOf = (iso: string) => {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}/${start + 1}`;
};

export interface SeedStudent {
  surname: string;
  name: string;
  patronymic?: string;
  birthDate?: string;
  /** Index into the seeded schools. */
  school: number;
  publishResults: boolean;
}

/**
 * What the contests walks start from, through the API: a municipality with schools, its teachers
 * who will sit on the jury, a school stage of the ВсОШ in mathematics (grade group 9, tasks t1 and
 * t2 of 10 points; registration open, the stage in 40 days), and students registered with their
 * parents' consent, entered and coded by their schools' coordinators; it returns once the
 * organiser reads every code (the read model caught up).
 */
export const seedSchoolStage = async (
  p: Platform,
  stamp: string,
  o: { schools: string[]; jurors: { fullName: string; school: number }[]; students: SeedStudent[]; title: string },
) => {
  const today = todayIn(DEFAULT_REGION_TIME_ZONE);
  const municipality = { id: `mun-olymp-${stamp}`, name: `Округ олимпиад ${stamp}` };
  const ro = await p.token('regional_operator');
  ok(await p.gql(ro, `mutation($i: OnboardMunicipalityInput!) { onboardMunicipality(input: $i) { id } }`, { i: { ...municipality, oktmo: '04706000' } }));
  const meth = await p.token('municipal_methodologist', { municipality: municipality.id });
  const schools: { id: string; name: string; coordinator: string }[] = [];
  for (const name of o.schools) {
    const id = ok<any>(
      await p.gql(meth, `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, { i: { name, kind: 'SCHOOL' } }),
    ).registerOrganization.id as string;
    schools.push({ id, name, coordinator: await p.token('school_coordinator', { municipality: municipality.id, organization: id }) });
  }
  const jurors: { id: string; fullName: string; label: string; school: number }[] = [];
  for (const j of o.jurors) {
    const i = {
      organizationId: schools[j.school]!.id,
      fullName: j.fullName,
      position: 'Учитель математики',
      subjects: ['Математика'],
      careerStartDate: '2010-09-01',
    };
    const id = ok<any>(await p.gql(meth, `mutation($i: RegisterEducatorInput!) { registerEducator(input: $i) { id } }`, { i })).registerEducator.id as string;
    jurors.push({ id, fullName: j.fullName, label: `${j.fullName} — Учитель математики`, school: j.school });
  }
  const stageId = ok<any>(
    await p.gql(meth, `mutation($i: ScheduleOlympiadStageInput!) { scheduleOlympiadStage(input: $i) { id } }`, {
      i: {
        kind: 'VSOSH',
        title: o.title,
        academicYear: academicYearOf(today),
        subject: 'MATHEMATICS',
        level: 'SCHOOL',
        startsOn: addDays(today, 40),
        endsOn: addDays(today, 40),
        registrationFrom: addDays(today, -1),
        registrationTo: addDays(today, 20),
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
  ).scheduleOlympiadStage.id as string;
  const students: (SeedStudent & { id: string; code: string; fullName: string })[] = [];
  for (const [i, school] of schools.entries()) {
    const mine = o.students.filter((x) => x.school === i);
    if (!mine.length) continue;
    for (const x of mine) {
      const consent = { signedOn: today, participation: true, publishResults: x.publishResults, publishWork: false };
      const { school: _, publishResults: __, ...person } = x;
      const id = ok<any>(
        await p.gql(school.coordinator, `mutation($i: RegisterStudentInput!) { registerStudent(input: $i) { id } }`, { i: { ...person, grade: 9, consent } }),
      ).registerStudent.id as string;
      ok(await p.gql(school.coordinator, `mutation($i: EnterStudentInput!) { enterStudentForStage(input: $i) { id } }`, { i: { stageId, studentId: id } }));
      students.push({ ...x, id, code: '', fullName: [x.surname, x.name, x.patronymic].filter(Boolean).join(' ') });
    }
    const coded = ok<any>(await p.gql(school.coordinator, `mutation($s: ID!) { issueParticipantCodes(stageId: $s) { student { id } code } }`, { s: stageId }))
      .issueParticipantCodes as { student: { id: string }; code: string }[];
    for (const c of coded) students.find((x) => x.id === c.student.id)!.code = c.code;
  }
  await waitFor(
    async () => {
      const r = await p.gql(meth, `query($s: ID!) { olympiadStage(id: $s) { entries { code } } }`, { s: stageId });
      return (r.body.data?.olympiadStage?.entries ?? []).filter((e: { code: string | null }) => e.code).length === students.length;
    },
    { what: 'the organiser reads every code', timeoutMs: 60_000 },
  );
  return { municipality, schools, jurors, stageId, students, meth, today };
};
