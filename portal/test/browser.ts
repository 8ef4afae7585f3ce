import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

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
