import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page, type Request, type Route } from 'playwright-core';
import { webDirectory } from '../../apps/api/src/web/web-interface.js';
import type { TestApp } from './app.js';

/** Debian's package (`apt-get install -y chromium`); no browser download works where CI runs. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless and quiet: without the background-networking flags it keeps calling home on a closed network. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm test` builds the interface first; a single file run from an editor builds it here when it is missing or older than its sources. */
export function ensureWebBuilt(): void {
  const index = join(webDirectory(), 'index.html');
  const sources = join(process.cwd(), 'apps', 'web');
  if (existsSync(index) && statSync(index).mtimeMs >= newestUnder(join(sources, 'src'))) return;
  execFileSync(process.execPath, [join(process.cwd(), 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(sources, 'vite.config.ts')], { stdio: 'inherit' });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Listens on an ephemeral loopback port; returns the base URL. */
export async function listen(app: TestApp): Promise<string> {
  await app.running.app.listen(0, '127.0.0.1');
  const address = app.running.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

export async function createToken(app: TestApp, name: string, role: string, customerId?: string): Promise<string> {
  const response = await app.http().post('/tokens').send({ name, role, ...(customerId && { customerId }) });
  if (response.status !== 201) throw new Error(`POST /tokens → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token as string;
}

export interface Tab {
  page: Page;
  /** Every uncaught error the page threw; a flow ends by expecting none. */
  errors: Error[];
  close(): Promise<void>;
}

export async function openTab(browser: Browser, base: string, options: { width?: number; height?: number; timezoneId?: string } = {}): Promise<Tab> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, timezoneId: options.timezoneId ?? 'Europe/Paris', locale: 'en-GB', acceptDownloads: true });
  // Playwright's own 30 s per action is too tight beside a second copy of the suite; jest's timeout bounds the test.
  context.setDefaultTimeout(240_000);
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return { page, errors, close: () => context.close() };
}

/** Pastes the token into the sign-in form, sends it with the keyboard, and waits until the header offers Sign out. */
export async function signIn(page: Page, token: string, path = '/app/'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('API token').fill(token);
  await page.getByLabel('API token').press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  expect(serious).toEqual([]);
}

/** The document itself never scrolls sideways at this width: wide tables scroll inside their own box. */
export async function expectNoSidewaysScroll(page: Page, width: number): Promise<void> {
  const overflow = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')) as { scroll: number; client: number };
  expect({ width, ...overflow, fits: overflow.scroll <= overflow.client }).toEqual({ width, ...overflow, fits: true });
}

/**
 * Holds the next request the page sends that `matches` until `release()`: long work made long on
 * purpose, to see what the page shows meanwhile. Other requests go through.
 */
export async function holdNext(page: Page, matches: (request: Request) => boolean): Promise<{ arrived: Promise<void>; release(): Promise<void> }> {
  let hold!: (route: Route) => void;
  let taken = false;
  const held = new Promise<Route>((resolve) => (hold = resolve));
  // The handler stays until the release: removing the last route lets a paused request go on.
  const handler = async (route: Route) => {
    if (taken || !matches(route.request())) return route.fallback();
    taken = true;
    hold(route);
  };
  await page.route('**/*', handler);
  const release = async () => {
    await (await held).continue();
    await page.unroute('**/*', handler);
  };
  return { arrived: held.then(() => undefined), release };
}

/** Screenshots for people to look at: SLA_SCREENSHOTS=<dir> keeps them. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SLA_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
