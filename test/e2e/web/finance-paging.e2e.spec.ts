import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createToken, ensureWebBuilt, expectAccessible, expectNoSidewaysScroll, holdNext, launchBrowser, listen, openTab, signIn } from '../../support/browser.js';
import { defineWorkedExampleReferences, ok, recordWorkedExampleOctober, workedExampleCustomer } from '../../support/worked-example.js';

const id = (n: number) => `c${String(n).padStart(2, '0')}`;

/** The customer ids of the lines on the page, in order. */
const shownIds = (page: Page) => page.getByRole('table', { name: /^Customers / }).locator('tbody tr th[scope="row"]').allTextContents();

/** The totals table, one "state|count|amount" a row. */
const totalsRows = (page: Page) =>
  page
    .getByRole('region', { name: 'Totals per state and currency' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent).join('|')));

/**
 * The finance page holds 50 customers a page. 62 customers of the worked example's October make
 * two pages, and the totals are those of the whole month on both:
 * - acme and c01–c40 in fra: 210 min, AR 99.5296 % < 99.9, 200000 × 210 / 44640 = 940.9 → 941 each;
 * - globex and c41–c50 in sin on pro: 120 min, AR 99.7312 % < 99.9, 200000 × 120 / 44640 = 537.6 → 538 each;
 * - c51–c60 in sin on basic (target 99.5): 99.7312 % meets it, not eligible, 0.
 * Eligible-unclaimed: 52 customers, 41 × 941 + 11 × 538 = 38581 + 5918 = 44499 → €444.99.
 */
describe('the web interface for finance: a month of more customers than a page holds', () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let finance: string;
  // In the order of the credit states: not-eligible comes first.
  const TOTALS = ['not-eligible|10|€0.00', 'eligible-unclaimed|52|€444.99'];

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp('embedded');
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/plans', { id: 'basic', name: 'Basic', availabilityTarget: '99.5', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 480, supportHours: 'always', supportChannels: ['email'] });
    // Onboarded before October's incidents are recorded, so every notice reaches them as it reaches acme.
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra'));
    await ok(app, 'post', '/customers', workedExampleCustomer('globex', 'sin'));
    for (let n = 1; n <= 60; n += 1) await ok(app, 'post', '/customers', workedExampleCustomer(id(n), n <= 40 ? 'fra' : 'sin', n > 50 ? { planId: 'basic' } : {}));
    await recordWorkedExampleOctober(app);
    finance = await createToken(app, 'finance-paging', 'finance');
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('pages forward and back through the month, the totals staying those of every customer', async () => {
    const tab = await openTab(browser, base);
    const { page } = tab;
    await signIn(page, finance, '/app/finance/2026-10');
    await page.getByText('Customers 1–50 of 62').waitFor();
    // In customer id order: acme, then c01…c49.
    expect(await shownIds(page)).toEqual(['acme', ...Array.from({ length: 49 }, (_, k) => id(k + 1))]);
    expect(await totalsRows(page)).toEqual(TOTALS);
    const pager = page.getByRole('navigation', { name: 'Pages' });
    expect(await pager.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true);
    expect(await pager.getByLabel('Page').inputValue()).toBe('1');
    expect(await pager.textContent()).toContain('of 2');

    // While the next page is read, the first stays and the page says it is reading.
    const next = await holdNext(page, (request) => new URL(request.url()).searchParams.get('offset') === '50');
    await pager.getByRole('button', { name: 'Next page' }).click();
    await next.arrived;
    await page.getByRole('progressbar', { name: 'Reading the customers asked for' }).waitFor();
    await next.release();
    await page.waitForURL(/[?&]offset=50/);
    await page.getByText('Customers 51–62 of 62').waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(await shownIds(page)).toEqual([...Array.from({ length: 11 }, (_, k) => id(k + 50)), 'globex']);
    expect(await totalsRows(page)).toEqual(TOTALS);
    expect(await pager.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    expect(await pager.getByLabel('Page').inputValue()).toBe('2');
    // c55 on basic: 99.7312 % meets 99.5; globex on pro: 99.7312 % is below 99.9, 5.38 EUR.
    expect(await page.getByRole('row', { name: /^c55/ }).textContent()).toContain('not-eligible');
    expect(await page.getByRole('row', { name: /^globex/ }).textContent()).toContain('€5.38');
    await expectAccessible(page);

    await pager.getByRole('button', { name: 'Previous page' }).click();
    await page.getByText('Customers 1–50 of 62').waitFor();
    expect(await totalsRows(page)).toEqual(TOTALS);
    expect(await page.getByRole('row', { name: /^c01/ }).textContent()).toContain('€9.41');

    // The page number, typed and sent with the keyboard.
    await pager.getByLabel('Page').fill('2');
    await pager.getByLabel('Page').press('Enter');
    await page.getByText('Customers 51–62 of 62').waitFor();
    expect(await totalsRows(page)).toEqual(TOTALS);

    // A filter starts again from its first page, and its totals are those of what it selects.
    await page.getByRole('combobox', { name: 'State' }).selectOption('not-eligible');
    await page.getByText('Customers 1–10 of 10').waitFor();
    expect(page.url()).not.toContain('offset=');
    expect(await shownIds(page)).toEqual(Array.from({ length: 10 }, (_, k) => id(k + 51)));
    expect(await totalsRows(page)).toEqual(['not-eligible|10|€0.00']);

    // The CSV of what the filter selects, with its progress counted against the 10 lines.
    const csv = await holdNext(page, (request) => request.headers()['accept'] === 'text/csv');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    await csv.arrived;
    const progress = page.getByRole('status').filter({ hasText: 'Downloading the CSV' });
    await progress.waitFor();
    expect((await progress.textContent())?.trim()).toBe('Downloading the CSV (0 of 10)…');
    expect(await page.getByRole('button', { name: 'Preparing CSV…' }).isDisabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), csv.release()]);
    expect(download.suggestedFilename()).toBe('credits-2026-10-not-eligible.csv');
    const lines = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(Array.from({ length: 10 }, (_, k) => id(k + 51)));
    await progress.waitFor({ state: 'hidden' });
    expect(tab.errors).toEqual([]);
    await tab.close();
  });

  it('keeps the second page a deep link that reads at 390 px', async () => {
    const tab = await openTab(browser, base, { width: 390, height: 844 });
    const { page } = tab;
    await signIn(page, finance, '/app/finance/2026-10?offset=50');
    await page.getByText('Customers 51–62 of 62').waitFor();
    expect(await totalsRows(page)).toEqual(TOTALS);
    await expectNoSidewaysScroll(page, 390);
    await expectAccessible(page);
    expect(tab.errors).toEqual([]);
    await tab.close();
  });
});
