import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createToken, ensureWebBuilt, expectAccessible, launchBrowser, listen, openTab, screenshot, signIn } from '../../support/browser.js';
import { setUpWorkedExample } from '../../support/worked-example.js';


describe('the web interface: the month of the worked example, for support', () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let support: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp('embedded');
    await setUpWorkedExample(app);
    support = await createToken(app, 'support-web', 'support');
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('redirects / to /app and serves deep links as the application page', async () => {
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app/');
    const deep = await fetch(`${base}/app/customers/acme/months/2026-10`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
  });

  it("shows acme's October: 99.5296 %, 210 min of Down Time, and the intervals that explain them", async () => {
    const tab = await openTab(browser, base);
    const { page } = tab;
    await signIn(page, support, '/app/customers/acme/months/2026-10');
    await page.getByRole('heading', { level: 1, name: 'acme — October 2026' }).waitFor();
    await page.getByTestId('availability-rate').getByText('99.5296 %').waitFor();
    expect(await page.getByTestId('availability-rate').textContent()).toBe('99.5296 %');
    expect(await page.getByTestId('downtime').textContent()).toBe('210 min');
    const table = page.getByRole('table', { name: 'Every interval and the events behind it' });
    // 60 + 30 + 30 (the outages of the 5th), 120 excluded and 30 counted (m-14), 60 (m-21), 45 excluded (e-27).
    expect(await table.locator('tbody tr').count()).toBe(7);
    await page.getByRole('link', { name: 'maintenance m-21' }).first().waitFor();
    // The chart's first bar, hovered: 10:00–11:00 UTC is 12:00–13:00 in Paris (summer time), 60 minutes.
    await page.getByRole('figure', { name: 'Intervals of the month on a time axis' }).locator('.recharts-bar-rectangle').first().hover();
    const tooltip = page.locator('.recharts-tooltip-wrapper');
    await tooltip.getByText('(2026-10-05 10:00 – 11:00 UTC)', { exact: false }).waitFor();
    expect(await tooltip.locator('.recharts-tooltip-label').textContent()).toBe('5 Oct, 12:00 – 5 Oct, 13:00 (2026-10-05 10:00 – 11:00 UTC)');
    expect(await tooltip.textContent()).toContain('60 min, Down Time');
    await screenshot(page, 'month');
    await expectAccessible(page);
    expect(tab.errors).toEqual([]);
    await tab.close();
  });
});
