import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createToken, ensureWebBuilt, expectAccessible, launchBrowser, listen, openTab, screenshot, signIn } from '../../support/browser.js';
import { setUpWorkedExample } from '../../support/worked-example.js';


describe('the web interface for a customer token', () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let acme: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp('embedded');
    await setUpWorkedExample(app);
    acme = await createToken(app, 'acme-portal', 'customer', 'acme');
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lands on its own customer page, is sent back there from any other page, and signing out forgets the token', async () => {
    // A phone's width: the pages must read at 390 px.
    const tab = await openTab(browser, base, { width: 390, height: 844 });
    const { page } = tab;
    await signIn(page, acme);
    await page.waitForURL(`${base}/app/customers/acme`);
    await page.getByRole('heading', { level: 1, name: 'Customer acme' }).waitFor();
    const october = page.getByRole('row', { name: /^2026-10/ });
    await october.waitFor();
    expect(await october.textContent()).toContain('99.5296 %');
    expect(await october.textContent()).toContain('eligible-unclaimed');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['My service']);
    await screenshot(page, 'customer-390');
    await expectAccessible(page);

    for (const elsewhere of ['/app/', '/app/finance/2026-10', '/app/customers', '/app/customers/globex/months/2026-10', '/app/outages/fra-1', '/app/maintenances/new']) {
      await page.goto(elsewhere);
      await page.waitForURL(`${base}/app/customers/acme`);
    }

    await page.getByRole('link', { name: '2026-10' }).click();
    await page.getByTestId('availability-rate').getByText('99.5296 %').waitFor();
    expect(await page.getByTestId('downtime').textContent()).toBe('210 min');
    // The intervals name the incidents behind them, without links to pages this token cannot open.
    const intervals = page.getByRole('table', { name: 'Every interval and the events behind it' });
    await intervals.getByText('maintenance m-21').waitFor();
    expect(await intervals.getByRole('link').count()).toBe(0);
    await screenshot(page, 'month-390');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.goto('/app/customers/acme');
    await page.getByLabel('API token').waitFor();
    expect(tab.errors).toEqual([]);
    await tab.close();
  });

  it('shows the API refusing a token it does not know, verbatim', async () => {
    const tab = await openTab(browser, base);
    const { page } = tab;
    await page.goto('/app/');
    await page.getByLabel('API token').fill('sla_not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refusal = await app.http({ as: 'sla_not-a-token' }).get('/tokens/current');
    expect(refusal.status).toBe(401);
    await page.getByRole('alert').getByText(refusal.body.detail).waitFor();
    expect(tab.errors).toEqual([]);
    await tab.close();
  });
});
