import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createToken, ensureWebBuilt, expectAccessible, expectNoSidewaysScroll, launchBrowser, listen, openTab, signIn, type Tab } from '../../support/browser.js';
import { ok, setUpWorkedExample } from '../../support/worked-example.js';


/**
 * Every page of the interface, at 1280 px and at 390 px: it reads without the page scrolling
 * sideways, passes the accessibility scan, throws no error, and (with SLA_SCREENSHOTS=<dir>,
 * `npm run screenshots`) leaves <page>-1280.png and <page>-390.png for people to look at.
 */
const WIDTHS = [1280, 390] as const;
type Role = 'ops' | 'support' | 'finance' | 'customer';

interface Visit {
  name: string;
  role: Role;
  path: string;
  /** Resolves once the page shows what it is for (no screenshot of a loading page). */
  ready(page: Page): Promise<void>;
  /** Only for people to look at: fills a form the way a user would before the picture. */
  prepare?(page: Page): Promise<void>;
  screenshot?: boolean;
}

const VISITS: Visit[] = [
  {
    name: 'ops-board',
    role: 'ops',
    path: '/app/',
    ready: async (page) => {
      await page.getByRole('row').filter({ hasText: 'api errors in fra' }).getByTestId('reach-fra-now').waitFor();
      await page.getByRole('listitem').filter({ hasText: 'storage firmware' }).getByText(/in time/).first().waitFor();
    },
    screenshot: true,
  },
  {
    name: 'maintenance-new',
    role: 'ops',
    path: '/app/maintenances/new',
    ready: async (page) => {
      await page.getByRole('heading', { level: 1, name: 'Schedule a maintenance' }).waitFor();
      await page.getByRole('checkbox', { name: 'fra (Frankfurt)' }).waitFor();
    },
    prepare: async (page) => {
      await page.getByLabel('Title').fill('kernel upgrade');
      await page.getByRole('checkbox', { name: 'fra (Frankfurt)' }).check();
      await page.getByLabel('Notice sent at (empty: now)').fill('2026-11-06T10:00');
      await page.getByLabel('Window start (your time)').fill('2026-11-12T09:00');
      await page.getByLabel('Window end (your time)').fill('2026-11-12T10:00');
      await page.getByTestId('earliest-utc').waitFor();
    },
    screenshot: true,
  },
  { name: 'customers', role: 'support', path: '/app/customers', ready: (page) => page.getByText('Customers 1–2 of 2').waitFor(), screenshot: true },
  {
    name: 'customer',
    role: 'support',
    path: '/app/customers/acme',
    ready: async (page) => {
      await page.getByRole('row', { name: /^2026-10/ }).getByText('99.5296 % (below)').waitFor();
      await page.getByRole('figure', { name: /Availability Rate of the last 12 months/ }).locator('.recharts-line').waitFor();
      // fra-now has run since a whole hour to this second: this month's Down Time is minutes and a
      // part of one (seconds / 60), shown to at most two decimals.
      const downtimes = await page.getByRole('table', { name: 'Month by month' }).locator('td[data-label="Down Time"]').allTextContents();
      expect(downtimes.filter((text) => !/^\d[\d,]*(\.\d{1,2})? min$/.test(text))).toEqual([]);
    },
    screenshot: true,
  },
  {
    name: 'month',
    role: 'support',
    path: '/app/customers/acme/months/2026-10',
    ready: async (page) => {
      await page.getByTestId('availability-rate').getByText('99.5296 %').waitFor();
      await page.getByRole('figure', { name: 'Intervals of the month on a time axis' }).locator('.recharts-bar-rectangle').first().waitFor();
    },
    screenshot: true,
  },
  { name: 'timeline', role: 'support', path: '/app/customers/acme/timeline', ready: (page) => page.getByRole('row', { name: /^r-1/ }).getByText('breached').waitFor(), screenshot: true },
  { name: 'finance', role: 'finance', path: '/app/finance/2026-10', ready: (page) => page.getByRole('region', { name: 'Totals per state and currency' }).getByRole('row', { name: /^claimed/ }).waitFor(), screenshot: true },
  {
    name: 'outage',
    role: 'ops',
    path: '/app/outages/fra-1',
    ready: async (page) => {
      await page.getByRole('region', { name: 'Customers reached' }).getByRole('link', { name: 'acme' }).waitFor();
      await page.getByRole('region', { name: 'Timeline' }).getByText('Outage fra-1 ended at').waitFor();
    },
    screenshot: true,
  },
  { name: 'maintenance', role: 'ops', path: '/app/maintenances/m-14', ready: (page) => page.getByRole('region', { name: 'Customers reached' }).getByRole('link', { name: 'acme' }).waitFor() },
  { name: 'emergency', role: 'ops', path: '/app/emergency-maintenances/e-27', ready: (page) => page.getByRole('region', { name: 'Customers reached' }).getByRole('link', { name: 'acme' }).waitFor() },
  { name: 'portal', role: 'customer', path: '/app/customers/acme', ready: (page) => page.getByRole('row', { name: /^2026-10/ }).getByText('99.5296 %').waitFor() },
  {
    name: 'portal-timeline',
    role: 'customer',
    path: '/app/customers/acme/timeline',
    ready: async (page) => {
      await page.getByRole('row', { name: /^r-1/ }).getByText('breached').waitFor();
      // Its own reports to read; acknowledging them is support's work.
      expect(await page.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);
    },
  },
  { name: 'portal-month', role: 'customer', path: '/app/customers/acme/months/2026-10', ready: (page) => page.getByTestId('downtime').getByText('210 min').waitFor() },
  { name: 'not-found', role: 'support', path: '/app/no-such-page', ready: (page) => page.getByRole('alert').getByText('There is no page at this address.').waitFor() },
];

async function keep(page: Page, name: string, width: number): Promise<void> {
  const dir = process.env.SLA_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  // The first screens of a page: long tables stop there, which keeps the pictures small.
  const height = Math.min(((await page.evaluate('document.documentElement.scrollHeight')) as number), width === 390 ? 2400 : 1600);
  await page.screenshot({ path: join(dir, `${name}-${width}.png`), clip: { x: 0, y: 0, width, height }, fullPage: true, animations: 'disabled', caret: 'hide' });
}

describe('every page of the web interface at 1280 px and 390 px', () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp('embedded');
    await setUpWorkedExample(app);
    await ok(app, 'post', '/customers/acme/failure-reports', { id: 'r-1', reportedAt: '2026-10-05T10:30:00Z', channel: 'email', outageId: 'fra-1', description: 'cannot reach the API' });
    await ok(app, 'post', '/customers/acme/credit-requests', { month: '2026-10', requestedAt: '2026-11-02T09:00:00Z' });
    // The board: an outage and an emergency maintenance going on now, a maintenance a month ahead.
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const hourAgo = new Date(Date.now() - 3_600_000);
    hourAgo.setUTCMinutes(0, 0, 0);
    await ok(app, 'post', '/outages', { id: 'fra-now', scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: 'api errors in fra', startedAt: iso(hourAgo) });
    await ok(app, 'post', '/emergency-maintenances', { id: 'e-now', scope: { kind: 'regions', regions: ['sin'] }, reason: 'storage controller swap', startedAt: iso(hourAgo) });
    const start = new Date(Date.now() + 30 * 86_400_000);
    start.setUTCHours(1, 0, 0, 0);
    await ok(app, 'post', '/maintenances', { id: 'm-next', scope: { kind: 'regions', regions: ['sin'] }, title: 'storage firmware', window: { start: iso(start), end: iso(new Date(start.getTime() + 2 * 3_600_000)) } });
    tokens.ops = await createToken(app, 'ops-pages', 'ops');
    tokens.support = await createToken(app, 'support-pages', 'support');
    tokens.finance = await createToken(app, 'finance-pages', 'finance');
    tokens.customer = await createToken(app, 'acme-pages', 'customer', 'acme');
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const width of WIDTHS) {
    it(`signs in at ${width} px: the form is labelled, accessible, and fits`, async () => {
      const tab = await openTab(browser, base, { width, height: width === 390 ? 844 : 900 });
      const { page } = tab;
      await page.goto('/app/');
      await page.getByLabel('API token').waitFor();
      await expectNoSidewaysScroll(page, width);
      await expectAccessible(page);
      expect(tab.errors).toEqual([]);
      await tab.close();
    });

    it(`reads every page at ${width} px with no serious accessibility violation`, async () => {
      const tabs = new Map<Role, Tab>();
      try {
        for (const visit of VISITS) {
          let tab = tabs.get(visit.role);
          if (!tab) {
            tab = await openTab(browser, base, { width, height: width === 390 ? 844 : 900 });
            await signIn(tab.page, tokens[visit.role], visit.path);
            tabs.set(visit.role, tab);
          } else {
            await tab.page.goto(visit.path);
          }
          const { page } = tab;
          await visit.ready(page);
          await visit.prepare?.(page);
          await expectNoSidewaysScroll(page, width);
          await expectAccessible(page);
          if (visit.screenshot) await keep(page, visit.name, width);
          expect({ page: visit.name, errors: tab.errors }).toEqual({ page: visit.name, errors: [] });
        }
      } finally {
        for (const tab of tabs.values()) await tab.close();
      }
    });
  }

  it('is driven from the keyboard: the skip link comes first and leads to the content, dialogs open and close', async () => {
    const tab = await openTab(browser, base);
    const { page } = tab;
    await signIn(page, tokens.ops, '/app/outages/fra-1');
    await page.getByRole('region', { name: 'Customers reached' }).getByRole('link', { name: 'acme' }).waitFor();
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#main$/);
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
    // Tabbing on from the content reaches the outage's actions; Enter opens one, Escape closes it.
    let name = '';
    for (let presses = 0; presses < 20 && name !== 'Correct fra-1'; presses += 1) {
      await page.keyboard.press('Tab');
      name = (await page.evaluate("document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''")) as string;
    }
    expect(name).toBe('Correct fra-1');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Correct outage fra-1' });
    await dialog.waitFor();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(tab.errors).toEqual([]);
    await tab.close();
  });

  it('shows instants in the viewer\'s zone and in UTC on hover', async () => {
    // 5 October 10:00 UTC is 12:00 in Paris (summer time) and 19:00 in Tokyo.
    for (const [zone, clock] of [['Europe/Paris', '12:00'], ['Asia/Tokyo', '19:00']] as const) {
      const tab = await openTab(browser, base, { timezoneId: zone });
      const { page } = tab;
      await signIn(page, tokens.ops, '/app/outages/fra-1');
      const started = page.locator('time[datetime="2026-10-05T10:00:00Z"]').first();
      await started.waitFor();
      expect(await started.textContent()).toContain(clock);
      expect(await started.getAttribute('title')).toBe('2026-10-05 10:00:00 UTC');
      expect(await page.getByRole('banner').getByText(`Times in ${zone}`).count()).toBe(1);
      await tab.close();
    }
  });
});
