import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createToken, ensureWebBuilt, expectAccessible, launchBrowser, listen, openTab, screenshot, signIn } from '../../support/browser.js';
import { ok, setUpWorkedExample, workedExampleCustomer } from '../../support/worked-example.js';


describe('the web interface for finance', () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let finance: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp('embedded');
    await setUpWorkedExample(app);
    // In sin like globex (120 min of Down Time, AR 99.7312 %), but on a plan whose target is 99.5: not eligible.
    await ok(app, 'post', '/plans', { id: 'basic', name: 'Basic', availabilityTarget: '99.5', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 480, supportHours: 'always', supportChannels: ['email'] });
    await ok(app, 'post', '/customers', workedExampleCustomer('calm', 'sin', { planId: 'basic' }));
    // acme reported the failure by email (its plan's channel) and asked for October's credit.
    await ok(app, 'post', '/customers/acme/failure-reports', { reportedAt: '2026-10-05T10:30:00Z', channel: 'email', description: 'cannot reach the API' });
    await ok(app, 'post', '/customers/acme/credit-requests', { month: '2026-10', requestedAt: '2026-11-02T09:00:00Z' });
    finance = await createToken(app, 'finance-web', 'finance');
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('filters below target, grants acme 9.41 EUR, shows a refusal as the API words it, and downloads the CSV', async () => {
    const tab = await openTab(browser, base);
    const { page } = tab;
    await signIn(page, finance, '/app/finance/2026-10');
    await page.getByRole('heading', { level: 1, name: 'Service Credits — October 2026' }).waitFor();
    const totals = page.getByRole('region', { name: 'Totals per state and currency' });
    await totals.getByRole('row', { name: /^claimed/ }).waitFor();
    // acme claimed 941 minor units; globex (120 min in sin: 200000 × 120 / 44640 = 537.6 → 538) has not claimed.
    expect(await totals.getByRole('row', { name: /^claimed/ }).textContent()).toBe('claimed1€9.41');
    expect(await totals.getByRole('row', { name: /eligible-unclaimed/ }).textContent()).toBe('eligible-unclaimed1€5.38');
    expect(await totals.getByRole('row', { name: /not-eligible/ }).textContent()).toBe('not-eligible1€0.00');

    await page.getByRole('checkbox', { name: 'Below target only' }).check();
    await page.getByText('Customers 1–2 of 2').waitFor();
    expect(await page.getByRole('row', { name: /^calm/ }).count()).toBe(0);
    await screenshot(page, 'finance');
    await expectAccessible(page);

    // Granting globex's unclaimed credit is refused by the contract: the dialog shows the API's detail.
    await page.getByRole('button', { name: 'Decide globex' }).click();
    const globexDialog = page.getByRole('dialog', { name: "Decision on globex's credit for 2026-10" });
    await globexDialog.getByRole('button', { name: "Decision on globex's credit for 2026-10" }).click();
    const refusal = await globexDialog.getByRole('alert').textContent();
    const refusedByApi = await app.http({ as: finance }).post('/credits/globex/2026-10/decision').send({ decision: 'grant' });
    expect(refusedByApi.status).toBe(422);
    expect(refusal).toBe(refusedByApi.body.detail);
    await globexDialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Decide acme' }).click();
    const acmeDialog = page.getByRole('dialog', { name: "Decision on acme's credit for 2026-10" });
    await acmeDialog.getByLabel('Decision').selectOption('grant');
    await acmeDialog.getByRole('button', { name: "Decision on acme's credit for 2026-10" }).click();
    await page.getByRole('row', { name: /^acme/ }).getByText('granted', { exact: true }).waitFor();
    expect((await app.http({ as: finance }).get('/customers/acme/credits/2026-10')).body).toMatchObject({ state: 'granted', amount: { amount: 941, currency: 'EUR' } });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('credits-2026-10-below-target.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    // The documented columns first; later ones are extensions.
    expect(lines[0]!.startsWith('customerId,month,state,availabilityRate,target,policy,amountMinor,currency,reasons')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 8).join(','))).toEqual(['acme,2026-10,granted,99.5296,99.9,pro-rata-downtime,941,EUR', 'globex,2026-10,eligible-unclaimed,99.7312,99.9,pro-rata-downtime,538,EUR']);
    expect(tab.errors).toEqual([]);
    await tab.close();
  });

  it('answers ?belowTarget and the totals per state on the API too', async () => {
    const below = await app.http({ as: finance }).get('/credits/2026-10').query({ belowTarget: 'true' });
    expect(below.body.items.map((l: { customerId: string }) => l.customerId)).toEqual(['acme', 'globex']);
    const above = await app.http({ as: finance }).get('/credits/2026-10').query({ belowTarget: 'false' });
    expect(above.body).toMatchObject({ total: 1, items: [expect.objectContaining({ customerId: 'calm', state: 'not-eligible' })] });
    // Per state and currency, over the lines the filters select; acme was granted by the flow above.
    const all = await app.http({ as: finance }).get('/credits/2026-10').query({ limit: 1 });
    expect(all.body.totalsByState).toMatchObject([
      { state: 'not-eligible', currency: 'EUR', amount: 0, count: 1 },
      { state: 'eligible-unclaimed', currency: 'EUR', amount: 538, count: 1 },
      { state: 'granted', currency: 'EUR', amount: 941, count: 1 },
    ]);
    expect(below.body.totalsByState.map((t: { state: string }) => t.state)).toEqual(['eligible-unclaimed', 'granted']);
    const bad = await app.http({ as: finance }).get('/credits/2026-10').query({ belowTarget: 'maybe' });
    expect(bad.status).toBe(400);
  });
});
