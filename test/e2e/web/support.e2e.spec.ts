import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createToken, ensureWebBuilt, expectAccessible, launchBrowser, listen, openTab, screenshot, signIn } from '../../support/browser.js';
import { ok, setUpWorkedExample } from '../../support/worked-example.js';


describe('the web interface for support', () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let support: string;
  let reportId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp('embedded');
    await setUpWorkedExample(app);
    reportId = (await ok(app, 'post', '/customers/acme/failure-reports', { id: 'r-1', reportedAt: '2026-10-05T10:30:00Z', channel: 'email', outageId: 'fra-1', description: 'cannot reach the API' })).id;
    support = await createToken(app, 'support-web', 'support');
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finds a customer by a piece of its name among all customers, and says when none matches', async () => {
    const tab = await openTab(browser, base);
    const { page } = tab;
    await signIn(page, support);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    const search = page.getByRole('search', { name: 'Search customers' });
    await search.getByLabel('Search by id, name or email').fill('cm');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/search=cm/);
    await page.getByText('Customers 1–1 of 1 matching “cm”').waitFor();
    await page.getByRole('link', { name: 'acme' }).waitFor();
    await search.getByLabel('Search by id, name or email').fill('no such customer');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No customer matches “no such customer”').waitFor();
    await expectAccessible(page);
    expect(tab.errors).toEqual([]);
    await tab.close();
  });

  it("reads acme's year, its timeline, acknowledges its failure report, and opens the outage behind it", async () => {
    const tab = await openTab(browser, base);
    const { page } = tab;
    await signIn(page, support);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.getByRole('link', { name: 'acme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Customer acme — ACME' }).waitFor();
    const october = page.getByRole('row', { name: /^2026-10/ });
    await october.waitFor();
    expect(await october.textContent()).toContain('99.5296 % (below)');
    expect(await october.textContent()).toContain('210 min');
    await page.getByRole('figure', { name: /Availability Rate of the last 12 months against the target of 99.9 %/ }).waitFor();
    await screenshot(page, 'customer');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Timeline and failure reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Timeline of acme' }).waitFor();
    const report = page.getByRole('row', { name: new RegExp(`^${reportId}`) });
    await report.getByText('breached').waitFor();
    await page.getByLabel('Kind').selectOption('outage');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/kind=outage/);
    await page.getByText('Outage fra-1 (unavailable) started').first().waitFor();
    await screenshot(page, 'timeline');
    await expectAccessible(page);

    // Reported at 10:30Z with a 240-minute response time around the clock: due at 14:30Z, long past.
    await report.getByRole('button', { name: `Acknowledge ${reportId}` }).click();
    const dialog = page.getByRole('dialog', { name: `Acknowledge report ${reportId}` });
    await dialog.getByLabel('Acknowledged at').fill('2026-10-05T15:00');
    await dialog.getByRole('button', { name: `Acknowledge report ${reportId}` }).click();
    await report.getByText('met').waitFor();
    expect((await app.http({ as: support }).get(`/customers/acme/failure-reports/${reportId}`)).body).toMatchObject({ acknowledgedAt: '2026-10-05T13:00:00Z', deadline: '2026-10-05T14:30:00Z', status: 'met' });

    await page.goto('/app/outages/fra-1');
    await page.getByRole('heading', { level: 1, name: 'Outage fra-1' }).waitFor();
    await page.getByRole('region', { name: 'Customers reached' }).getByRole('link', { name: 'acme' }).waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByText('Outage fra-1 ended at').waitFor();
    // Support reads the ledger; recording incidents is ops' work.
    expect(await page.getByRole('button', { name: /^End|^Correct|^Classify/ }).count()).toBe(0);
    await screenshot(page, 'outage');
    await expectAccessible(page);

    // As of an instant before anything was recorded the month did not exist yet: the API says so.
    await page.goto('/app/customers/acme/months/2026-10');
    await page.getByLabel('As of (what the ledger knew then)').fill('2026-01-01T00:00');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/asOf=2025-12-31T23%3A00%3A00Z/);
    const refusal = await app.http({ as: support }).get('/customers/acme/availability/2026-10').query({ asOf: '2025-12-31T23:00:00Z' });
    expect(refusal.status).toBeGreaterThanOrEqual(400);
    await page.getByRole('alert').getByText(refusal.body.detail).waitFor();
    expect(tab.errors).toEqual([]);
    await tab.close();
  });
});
