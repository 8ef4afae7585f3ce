import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { Platform, ServiceName, startPlatform } from '../../test/platform-harness';

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
