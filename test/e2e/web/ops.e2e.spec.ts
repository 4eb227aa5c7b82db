import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createToken, ensureWebBuilt, expectAccessible, launchBrowser, listen, openTab, screenshot, signIn } from '../../support/browser.js';
import { defineWorkedExampleReferences, ok, workedExampleCustomer } from '../../support/worked-example.js';


describe('the web interface for ops', () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let ops: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp('embedded');
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra'));
    ops = await createToken(app, 'ops-web', 'ops');
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('starts an outage in fra from the board, ends it, and sees it leave the board', async () => {
    const tab = await openTab(browser, base);
    const { page } = tab;
    await signIn(page, ops);
    await page.getByRole('heading', { level: 1, name: 'Ops board' }).waitFor();
    await page.getByText('No outage is ongoing.').waitFor();

    await page.getByLabel('Title').fill('fra api errors');
    await page.getByRole('radio', { name: 'Regions' }).check();
    await page.getByRole('checkbox', { name: 'fra (Frankfurt)' }).check();
    // Paris wall-clock time (the tab's zone): 09:00Z.
    await page.getByLabel('Started at').fill('2026-11-30T10:00');
    await page.getByRole('button', { name: 'Start outage' }).click();

    const row = page.getByRole('row').filter({ hasText: 'fra api errors' });
    await row.waitFor();
    const listed = await app.http({ as: ops }).get('/outages').query({ ongoing: true });
    expect(listed.body.items).toEqual([expect.objectContaining({ title: 'fra api errors', startedAt: '2026-11-30T09:00:00Z', scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable' })]);
    const id = listed.body.items[0].id as string;
    // acme is the one customer in fra.
    expect(await page.getByTestId(`reach-${id}`).textContent()).toBe('1 customer');
    await screenshot(page, 'ops-board');
    await expectAccessible(page);

    // From the keyboard: Enter opens the dialog with the focus inside it, Escape closes it.
    const end = row.getByRole('button', { name: `End ${id}` });
    await end.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `End outage ${id}` });
    await dialog.waitFor();
    expect(await dialog.evaluate((element) => element.contains(element.ownerDocument.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await end.click();
    await dialog.getByLabel('Ended at').fill('2026-11-30T11:15');
    await dialog.getByRole('button', { name: `End outage ${id}` }).click();
    await page.getByText('No outage is ongoing.').waitFor();
    expect((await app.http({ as: ops }).get(`/outages/${id}`)).body).toMatchObject({ endedAt: '2026-11-30T10:15:00Z', ongoing: false });
    expect(tab.errors).toEqual([]);
    await tab.close();
  });

  it('schedules a maintenance too soon, sees the earliest compliant start, and records it only as Down Time', async () => {
    const tab = await openTab(browser, base);
    const { page } = tab;
    await signIn(page, ops, '/app/maintenances/new');
    await page.getByRole('heading', { level: 1, name: 'Schedule a maintenance' }).waitFor();
    await page.getByLabel('Title').fill('kernel upgrade');
    await page.getByRole('checkbox', { name: 'fra (Frankfurt)' }).check();
    // Notice Fri 6 November, window Thu 12: Mon 9 and Tue 10 between, Wed 11 is a holiday in France.
    await page.getByLabel('Notice sent at (empty: now)').fill('2026-11-06T10:00');
    await page.getByLabel('Window start (your time)').fill('2026-11-12T09:00');
    await page.getByLabel('Window end (your time)').fill('2026-11-12T10:00');
    const check = page.getByTestId('notice-check');
    await check.getByText('Too little notice').waitFor();
    expect(await check.textContent()).toContain('2 full working day(s)');
    // Mon 9, Tue 10, Thu 12 make three: Fri 13 at midnight in Paris, 23:00 UTC the day before.
    expect(await page.getByTestId('earliest-legal').textContent()).toBe('Fri, 13 Nov 2026, 00:00');
    expect(await page.getByTestId('earliest-utc').textContent()).toBe('2026-11-12 23:00 UTC');
    const schedule = page.getByRole('button', { name: 'Schedule maintenance' });
    expect(await schedule.isDisabled()).toBe(true);
    await screenshot(page, 'maintenance-new');
    await expectAccessible(page);

    await page.getByRole('checkbox', { name: /count it as Down Time/ }).check();
    await schedule.click();
    await page.getByRole('status').getByText(/it will count as Down Time/).waitFor();
    const listed = (await app.http({ as: ops }).get('/maintenances')).body.items;
    expect(listed).toEqual([expect.objectContaining({ title: 'kernel upgrade', window: { start: '2026-11-12T08:00:00Z', end: '2026-11-12T09:00:00Z' }, acceptedAsDowntime: true, noticeInTime: false })]);
    expect(tab.errors).toEqual([]);
    await tab.close();
  });

  it('lists an upcoming maintenance with its notice and reach, and cancels it from the board', async () => {
    // Thirty days ahead: whatever today is, a notice sent now leaves more than three working days.
    const start = new Date(Date.now() + 30 * 86_400_000);
    start.setUTCHours(1, 0, 0, 0);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
    await ok(app, 'post', '/maintenances', { id: 'm-next', scope: { kind: 'regions', regions: ['fra'] }, title: 'database upgrade', window: { start: iso(start), end: iso(end) } });
    const tab = await openTab(browser, base);
    const { page } = tab;
    await signIn(page, ops);
    const card = page.getByRole('listitem').filter({ hasText: 'database upgrade' });
    await card.waitFor();
    await card.getByText(/in time/).first().waitFor();
    expect(await page.getByTestId('reach-m-next').textContent()).toBe('1 customer');
    await card.getByRole('button', { name: 'Cancel m-next' }).click();
    await page.getByRole('dialog', { name: 'Cancel maintenance m-next' }).getByRole('button', { name: 'Cancel maintenance m-next' }).click();
    await page.getByText('No maintenance is scheduled.').waitFor();
    expect((await app.http({ as: ops }).get('/maintenances/m-next')).body.cancelledAt).toEqual(expect.any(String));
    expect(tab.errors).toEqual([]);
    await tab.close();
  });
  it('voids an outage recorded in error: it leaves the board, shows voided with its reason, and a second void shows the API\'s refusal verbatim', async () => {
    await ok(app, 'post', '/outages', { id: 'o-probe', scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: 'probe alarm', startedAt: '2026-11-30T12:00:00Z' });
    await ok(app, 'post', '/emergency-maintenances', { id: 'e-wrong', scope: { kind: 'regions', regions: ['fra'] }, reason: 'disk swap', startedAt: '2026-11-30T12:00:00Z' });
    const tab = await openTab(browser, base);
    const { page } = tab;
    await signIn(page, ops);
    const row = page.getByRole('row').filter({ hasText: 'probe alarm' });
    await row.waitFor();

    await row.getByRole('button', { name: 'Void o-probe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Void outage o-probe' });
    await dialog.waitFor();
    const reason = dialog.getByLabel('Why it was recorded in error');
    // The API's bounds (1–500 characters), held by the form before anything is sent.
    expect(await reason.getAttribute('maxlength')).toBe('500');
    expect(await reason.getAttribute('required')).not.toBeNull();
    await expectAccessible(page);
    await reason.fill('probe misconfigured, nothing was down');
    await dialog.getByRole('button', { name: 'Void outage o-probe' }).click();
    await page.getByText('No outage is ongoing.').waitFor();
    expect((await app.http({ as: ops }).get('/outages/o-probe')).body).toMatchObject({ voided: true, voidReason: 'probe misconfigured, nothing was down', ongoing: false });

    await page.goto('/app/outages/o-probe');
    await page.getByTestId('voided').getByText(/recorded in error: probe misconfigured, nothing was down\./).waitFor();
    // Recorded in error: nothing is left to end, correct, classify or void.
    expect(await page.getByRole('button', { name: /o-probe$/ }).count()).toBe(0);

    // The emergency maintenance is voided by someone else while the dialog is open: 409, worded by the API.
    await page.goto('/app/');
    const card = page.getByRole('listitem').filter({ hasText: 'disk swap' });
    await card.getByRole('button', { name: 'Void e-wrong' }).click();
    const emergencyDialog = page.getByRole('dialog', { name: 'Void emergency maintenance e-wrong' });
    await emergencyDialog.getByLabel('Why it was recorded in error').fill('logged against the wrong region');
    await ok(app, 'post', '/emergency-maintenances/e-wrong/void', { reason: 'duplicate' });
    await emergencyDialog.getByRole('button', { name: 'Void emergency maintenance e-wrong' }).click();
    const again = await app.http({ as: ops }).post('/emergency-maintenances/e-wrong/void').send({ reason: 'logged against the wrong region' });
    expect(again.status).toBe(409);
    await emergencyDialog.getByRole('alert').getByText(again.body.detail, { exact: true }).waitFor();
    await emergencyDialog.getByRole('button', { name: 'Close' }).click();
    await page.reload();
    await page.getByText('No emergency maintenance is ongoing.').waitFor();
    expect(tab.errors).toEqual([]);
    await tab.close();
  });
});
