import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { defineWorkedExampleReferences, ok, recordWorkedExampleOctober, workedExampleCustomer } from '../support/worked-example.js';

/** RFC 4180 as a spreadsheet reads it: quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

const EVIL = '=HYPERLINK("http://attacker.example","pay")';

describeOnBackends('finance exports', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra'));
    await ok(app, 'post', '/customers', workedExampleCustomer('evil', 'fra', { name: EVIL }));
    await recordWorkedExampleOctober(app);
  });
  afterAll(async () => app?.close());

  it('streams the credit lines with the extra columns, and a spreadsheet never runs a name as a formula', async () => {
    const response = await app.http().get('/credits/2026-10').set('Accept', 'text/csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="credits-2026-10.csv"');
    // Written as it is produced: no length known up front.
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const [header, ...rows] = parseCsv(response.text);
    expect(header).toEqual(['customerId', 'month', 'state', 'availabilityRate', 'target', 'policy', 'amountMinor', 'currency', 'reasons', 'customerName', 'planId', 'feeMinor', 'owedMinor', 'amount', 'decision']);
    // The worked example: 210 min of Down Time over 44,640 -> AR 99.5296 %; 200000 × 210 / 44640 = 940.86 -> 941 cents.
    const acme = rows.find((r) => r[0] === 'acme')!;
    expect([acme[2], acme[3], acme[6], acme[7], acme[9], acme[10], acme[11], acme[12], acme[13], acme[14]]).toEqual(['eligible-unclaimed', '99.5296', '941', 'EUR', 'ACME', 'pro', '200000', '200000', '9.41', '']);
    const evil = rows.find((r) => r[0] === 'evil')!;
    expect(evil[9]).toBe(`'${EVIL}`);
  });

  it('answers GET /availability/{month} as CSV with Accept: text/csv, every customer unpaged', async () => {
    const json = await app.http().get('/availability/2026-10?limit=1').expect(200);
    expect(json.body.total).toBe(2);
    const response = await app.http().get('/availability/2026-10?limit=1').set('Accept', 'text/csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const [header, ...rows] = parseCsv(response.text);
    expect(header).toEqual(['customerId', 'month', 'planId', 'coveragePeriodMinutes', 'downtimeMinutes', 'scheduledMaintenanceMinutes', 'emergencyMaintenanceMinutes', 'excludedCauseMinutes', 'availabilityRate', 'target', 'belowTarget', 'ongoing', 'computedAt']);
    expect(rows.map((r) => r[0])).toEqual(['acme', 'evil']);
    // October has 31 × 1,440 = 44,640 minutes; acme's Down Time is 210 of them.
    expect(rows[0]!.slice(0, 5)).toEqual(['acme', '2026-10', 'pro', '44640', '210']);
    expect(rows[0]!.slice(8, 12)).toEqual(['99.5296', '99.9', 'true', 'false']);
    const item = (await app.http().get('/availability/2026-10?limit=2').expect(200)).body.items[0];
    expect(rows[0]!.slice(5, 8)).toEqual([String(item.excludedMinutes.scheduledMaintenance), String(item.excludedMinutes.emergencyMaintenance), String(item.excludedMinutes.exclusions)]);
    const below = parseCsv((await app.http().get('/availability/2026-10?belowTarget=false').set('Accept', 'text/csv')).text);
    expect(below).toEqual([header]);
    expect((await app.http().get('/availability/2026-13').set('Accept', 'text/csv')).status).toBe(400);
  });

  it('splits the totals by state', async () => {
    const month = (await app.http().get('/credits/2026-10').expect(200)).body;
    expect(month.totalsByState).toEqual([{ state: 'eligible-unclaimed', currency: 'EUR', amount: 941 * 2, formatted: '18.82 EUR', count: 2 }]);
  });
});
