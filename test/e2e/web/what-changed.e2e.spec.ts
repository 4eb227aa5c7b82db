import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createToken, ensureWebBuilt, expectAccessible, expectNoSidewaysScroll, holdNext, launchBrowser, listen, openTab, screenshot, signIn } from '../../support/browser.js';
import { until } from '../../support/wait.js';
import { fra, ok, setUpWorkedExample } from '../../support/worked-example.js';

const ZONE = 'Europe/Paris';

/** An instant as the viewer's `<input type="datetime-local" step="1">` in `ZONE` takes it. */
function localInput(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso)).replace(' ', 'T');
}

/** The rows of the "Figures that changed" table, one string per row as it reads. */
async function changedRows(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Figures that changed' });
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent).join(' | ')));
}

/**
 * "What changed between two instants" on the month page: the worked example's October for acme
 * (210 min, 99.5296 %, 200000 × 210 / 44640 = 940.9 → 9.41 EUR), then a correction, then a new
 * outage, each recorded at its own second, read back through the form as support would.
 */
describe('the web interface: what changed in a month between two instants', () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let support: string;
  const instants: Record<string, string> = {};
  /** A whole second after everything recorded so far; nothing recorded later falls in it. */
  const mark = async (name: string) => {
    const second = Math.floor(Date.now() / 1000) * 1000;
    instants[name] = new Date(second).toISOString().replace('.000Z', 'Z');
    await until(() => Date.now() >= second + 1000);
  };

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp('embedded');
    await setUpWorkedExample(app);
    await mark('workedExample');
    // Monitoring raised the alarm half an hour early: fra-1 ran 10:30–11:30, and all-1 covers
    // 11:00–12:00, so acme's 5 October is 10:30–12:00 = 90 minutes instead of 120.
    await ok(app, 'post', '/outages/fra-1/corrections', { startedAt: '2026-10-05T10:30:00Z', reason: 'the alarm fired before the failure' });
    await mark('corrected');
    // A new outage in fra on 10 October, 08:00–08:45: 45 minutes more.
    await ok(app, 'post', '/outages', { id: 'fra-2', scope: fra, impact: 'unavailable', title: 'fra api errors', startedAt: '2026-10-10T08:00:00Z' });
    await ok(app, 'post', '/outages/fra-2/end', { endedAt: '2026-10-10T08:45:00Z' });
    support = await createToken(app, 'support-changes', 'support');
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the figures a correction and a new outage changed, and the events that changed them', async () => {
    const tab = await openTab(browser, base, { timezoneId: ZONE });
    const { page } = tab;
    await signIn(page, support, '/app/customers/acme/months/2026-10');
    // Now: 210 − 30 + 45 = 225 min; (44640 − 225) / 44640 = 99.49596… → 99.4960 %.
    await page.getByTestId('downtime').getByText('225 min').waitFor();
    expect(await page.getByTestId('availability-rate').textContent()).toBe('99.4960 %');

    const form = page.getByRole('form', { name: 'Compare two instants' });
    await form.getByLabel('From').fill(localInput(instants.workedExample!));
    await form.getByLabel('To (empty: now)').fill(localInput(instants.corrected!));
    await form.getByRole('button', { name: 'Compare' }).click();
    // 180 min: (44640 − 180) / 44640 = 99.59677… → 99.5968 %; 200000 × 180 / 44640 = 806.5 → 8.06 EUR.
    // The credit stays eligible-unclaimed (below 99.9 both times), so its state is not listed.
    expect(await changedRows(page)).toEqual(['Down Time | 210 min | 180 min', 'Availability Rate | 99.5296 % | 99.5968 %', 'Service Credit | €9.41 | €8.06']);
    const result = page.getByTestId('what-changed');
    await result.getByRole('heading', { name: '1 event recorded in between' }).waitFor();
    expect(await result.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('Outage fra-1 corrected to 2026-10-05T10:30:00Z – 2026-10-05T11:30:00Z (was 2026-10-05T10:00:00Z – 2026-10-05T11:30:00Z): the alarm fired before the failure.')]);
    expect(await result.locator(`time[datetime="${instants.workedExample}"]`).getAttribute('title')).toBe(`${instants.workedExample!.replace('T', ' ').replace('Z', '')} UTC`);
    await expectAccessible(page);

    // From the correction to now: the new outage, 45 minutes more.
    await form.getByLabel('From').fill(localInput(instants.corrected!));
    await form.getByLabel('To (empty: now)').fill('');
    await form.getByRole('button', { name: 'Compare' }).click();
    // 225 min: 99.4960 % as above; 200000 × 225 / 44640 = 1008.06 → 10.08 EUR.
    await result.getByRole('heading', { name: '2 events recorded in between' }).waitFor();
    expect(await changedRows(page)).toEqual(['Down Time | 180 min | 225 min', 'Availability Rate | 99.5968 % | 99.4960 %', 'Service Credit | €8.06 | €10.08']);
    const events = await result.getByRole('listitem').allTextContents();
    expect(events).toEqual([expect.stringContaining('Outage fra-2 (unavailable) started at 2026-10-10T08:00:00Z'), expect.stringContaining('Outage fra-2 ended at 2026-10-10T08:45:00Z.')]);
    await screenshot(page, 'what-changed');

    // The instants the wrong way round: the API's refusal, verbatim.
    await form.getByLabel('From').fill(localInput(instants.corrected!));
    await form.getByLabel('To (empty: now)').fill(localInput(instants.workedExample!));
    await form.getByRole('button', { name: 'Compare' }).click();
    const refused = await app.http({ as: support }).get('/customers/acme/availability/2026-10/changes').query({ from: instants.corrected, to: instants.workedExample });
    expect(refused.status).toBe(422);
    await page.getByRole('alert').getByText(refused.body.detail, { exact: true }).waitFor();
    expect(await result.count()).toBe(0);
    expect(tab.errors).toEqual([]);
    await tab.close();
  });

  it('reads the month as of an instant to the second at 390 px, showing progress while the ledger is read, and compares from there to now', async () => {
    const tab = await openTab(browser, base, { timezoneId: ZONE, width: 390, height: 844 });
    const { page } = tab;
    await signIn(page, support, '/app/customers/acme/months/2026-10');
    await page.getByTestId('downtime').getByText('225 min').waitFor();

    // The reading as of then is held: the figures of now stay, and the page says it is reading.
    const asOf = await holdNext(page, (request) => new URL(request.url()).searchParams.get('asOf') === instants.corrected);
    await page.getByLabel('As of (what the ledger knew then)').fill(localInput(instants.corrected!));
    await page.getByRole('button', { name: 'Show' }).click();
    await asOf.arrived;
    await page.getByRole('progressbar', { name: 'Reading the month as the ledger stood then' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Reading the month as the ledger stood then' }).count()).toBe(1);
    await asOf.release();
    await page.waitForURL(new RegExp(`asOf=${encodeURIComponent(instants.corrected!)}`));
    await page.getByTestId('downtime').getByText('180 min').waitFor();
    await page.getByRole('progressbar', { name: 'Reading the month as the ledger stood then' }).waitFor({ state: 'hidden' });
    expect(await page.getByTestId('availability-rate').textContent()).toBe('99.5968 %');
    expect(await page.locator(`time[datetime="${instants.corrected}"]`).first().getAttribute('title')).toBe(`${instants.corrected!.replace('T', ' ').replace('Z', '')} UTC`);

    // The comparison starts where the as-of reading stands; while it runs, Compare waits.
    const form = page.getByRole('form', { name: 'Compare two instants' });
    expect(await form.getByLabel('From').inputValue()).toBe(localInput(instants.corrected!));
    const changes = await holdNext(page, (request) => new URL(request.url()).pathname.endsWith('/changes'));
    await form.getByRole('button', { name: 'Compare' }).click();
    await changes.arrived;
    await page.getByRole('progressbar', { name: 'Comparing the month at the two instants' }).waitFor();
    expect(await form.getByRole('button', { name: 'Compare' }).isDisabled()).toBe(true);
    await changes.release();
    expect(await changedRows(page)).toEqual(['Down Time | 180 min | 225 min', 'Availability Rate | 99.5968 % | 99.4960 %', 'Service Credit | €8.06 | €10.08']);
    expect(await page.getByRole('progressbar').count()).toBe(0);
    await expectNoSidewaysScroll(page, 390);
    await expectAccessible(page);
    await screenshot(page, 'what-changed-390');
    expect(tab.errors).toEqual([]);
    await tab.close();
  });
});
