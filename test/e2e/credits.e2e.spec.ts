import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { defineWorkedExampleReferences, ok, recordWorkedExampleOctober, refused as expectRefused, workedExampleCustomer } from '../support/worked-example.js';

/** RFC 4180 as finance's spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks. */
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

const EUR = (amount: number) => ({ amount, currency: 'EUR' });

describeOnBackends('service credits over HTTP', (backend) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(backend);
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/plans', {
      id: 'tiered',
      name: 'Tiered',
      availabilityTarget: '99.99',
      creditPolicy: { kind: 'tiers', tiers: [{ below: '99.99', percent: 10 }, { below: '99.0', percent: 30 }, { below: '95.0', percent: 100 }] },
      responseTimeMinutes: 60,
      supportHours: 'always',
      supportChannels: ['email', 'portal'],
    });
    for (const [id, region] of [['acme', 'fra'], ['globex', 'sin'], ['initech', 'fra'], ['latecorp', 'fra']] as const) {
      await ok(app, 'post', '/customers', workedExampleCustomer(id, region));
    }
    await ok(app, 'post', '/customers', workedExampleCustomer('hooli', 'sin', { planId: 'tiered', monthlyFee: { amount: 150000, currency: 'USD' } }));
    // No October at all: the refusals below write to it without touching the month's list.
    await ok(app, 'post', '/customers', workedExampleCustomer('newco', 'fra', { activeFrom: '2026-11-01T00:00:00Z' }));
    await recordWorkedExampleOctober(app);
    await ok(app, 'post', '/outages', { id: 'hooli-1', scope: { kind: 'customers', customers: ['hooli'] }, impact: 'unavailable', title: 'hooli tenant down', startedAt: '2026-10-10T00:00:00Z' });
    await ok(app, 'post', '/outages/hooli-1/end', { endedAt: '2026-10-10T06:00:00Z' });
  });
  afterAll(async () => app?.close());

  const credit = (customer: string, month = '2026-10') => app.http().get(`/customers/${customer}/credits/${month}`);
  const report = (customer: string, body: Record<string, unknown>) => app.http().post(`/customers/${customer}/failure-reports`).send(body);
  const issue = (customer: string, body: Record<string, unknown>) => app.http().post(`/customers/${customer}/invoices`).send(body);
  const pay = (customer: string, invoiceId: string, body: Record<string, unknown>) => app.http().post(`/customers/${customer}/invoices/${invoiceId}/payments`).send(body);
  const requestCredit = (customer: string, body: Record<string, unknown>) => app.http().post(`/customers/${customer}/credit-requests`).send(body);
  const decide = (customer: string, body: Record<string, unknown>, month = '2026-10') => app.http().post(`/credits/${customer}/${month}/decision`).send(body);

  const refused = (status: number, requests: (() => ReturnType<typeof issue>)[]) => expectRefused(app, status, requests);

  describe("the worked example's credit: 200000 × 210 / 44640 = 940.86 → 941", () => {
    it('is eligible but unclaimed before any report, saying what is missing', async () => {
      const response = await credit('acme');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        customerId: 'acme',
        month: '2026-10',
        availabilityRate: '99.5296',
        target: '99.9',
        fee: { amount: 200000, currency: 'EUR', formatted: '2,000.00 EUR' },
        owed: { amount: 200000, currency: 'EUR', formatted: '2,000.00 EUR' },
        policy: 'pro-rata-downtime',
        amount: { amount: 941, currency: 'EUR', formatted: '9.41 EUR' },
        state: 'eligible-unclaimed',
        explanation: '200000 × 210 min DT / 44640 min CP = 941, rounded half up',
        evidence: { reportIds: [], requestedAt: null, lateInvoices: [], decision: null },
        planId: 'pro',
        coveragePeriodMinutes: 44640,
        downtimeMinutes: 210,
        claimDeadline: null,
      });
      expect(response.body.reasons).toEqual([
        'AR 99.5296 % is below the target 99.9 % of plan pro',
        "no Service Failure report through the plan's support channels (email) for 2026-10",
        'no credit request for 2026-10',
      ]);
    });

    it('takes a report by email into account, and still waits for the request', async () => {
      const created = await report('acme', { id: 'acme-r1', reportedAt: '2026-10-05T10:20:00Z', channel: 'email', outageId: 'fra-1', description: 'API down' });
      expect(created.status).toBe(201);
      expect(created.body.takenIntoAccount).toBe(true);
      const after = (await credit('acme')).body;
      expect(after).toMatchObject({ state: 'eligible-unclaimed', evidence: { reportIds: ['acme-r1'] } });
      expect(after.reasons).toContain('Service Failure reported: acme-r1 via email at 2026-10-05T10:20:00Z');
      expect(after.reasons).toContain('no credit request for 2026-10');
    });

    it('issues invoices in the fee currency and records their payment', async () => {
      const issued = await issue('acme', { invoiceId: 'acme-2026-10', month: '2026-10', amount: EUR(200000), dueAt: '2026-10-31T01:00:00+01:00' });
      expect(issued.status).toBe(201);
      expect(issued.headers.location).toBe('/customers/acme/invoices/acme-2026-10');
      expect(issued.body).toEqual({ customerId: 'acme', invoiceId: 'acme-2026-10', month: '2026-10', amount: { amount: 200000, currency: 'EUR', formatted: '2,000.00 EUR' }, dueAt: '2026-10-31T00:00:00Z', paidAt: null });
      const paid = await pay('acme', 'acme-2026-10', { paidAt: '2026-10-25T09:00:00Z' });
      expect(paid.status).toBe(200);
      expect(paid.body).toMatchObject({ invoiceId: 'acme-2026-10', paidAt: '2026-10-25T09:00:00Z' });
      expect((await app.http().get('/customers/acme/invoices/acme-2026-10')).body).toEqual(paid.body);
      expect((await issue('acme', { invoiceId: 'acme-2026-11', month: '2026-11', amount: EUR(200000), dueAt: '2026-11-30T00:00:00Z' })).status).toBe(201);
    });

    it('is claimed once acme asks for the credit; the answer is the credit line', async () => {
      const requested = await requestCredit('acme', { month: '2026-10', requestedAt: '2026-11-02T09:00:00Z' });
      expect(requested.status).toBe(201);
      expect(requested.headers.location).toBe('/customers/acme/credits/2026-10');
      expect(requested.body).toMatchObject({ state: 'claimed', amount: EUR(941), owed: EUR(200000), evidence: { requestedAt: '2026-11-02T09:00:00Z', lateInvoices: [] } });
      expect((await credit('acme')).body).toEqual(requested.body);
    });

    it('is granted by finance: 941 EUR', async () => {
      const granted = await decide('acme', { decision: 'grant', reason: 'October outages' });
      expect(granted.status).toBe(200);
      expect(granted.body).toMatchObject({ state: 'granted', amount: EUR(941), evidence: { decision: { decision: 'grant', amount: EUR(941), reason: 'October outages' } } });
      expect(granted.body.reasons.at(-1)).toMatch(/^granted by finance at /);
      const [again] = await refused(409, [() => decide('acme', { decision: 'grant' })]);
      expect(again!.body.detail).toMatch(/the credit of 2026-10 was already granted at /);
    });

    it('is applied to an invoice, which must exist', async () => {
      await refused(422, [() => decide('acme', { decision: 'applied' }), () => decide('acme', { decision: 'applied', invoiceId: 'nope' })]);
      const applied = await decide('acme', { decision: 'applied', invoiceId: 'acme-2026-11' });
      expect(applied.status).toBe(200);
      expect(applied.body).toMatchObject({ state: 'applied', amount: EUR(941) });
      expect(applied.body.reasons.at(-1)).toMatch(/^applied to invoice acme-2026-11 at /);
      expect((await credit('acme')).body.state).toBe('applied');
    });
  });

  describe('a report through a channel outside the plan (§1)', () => {
    it('is recorded but not taken into account: the credit stays eligible-unclaimed, naming the channel', async () => {
      const created = await report('initech', { id: 'initech-r1', reportedAt: '2026-10-05T10:30:00Z', channel: 'phone', description: 'nothing works' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: 'initech-r1', channel: 'phone', takenIntoAccount: false });
      const requested = await requestCredit('initech', { month: '2026-10', requestedAt: '2026-11-03T09:00:00Z' });
      expect(requested.status).toBe(201);
      expect(requested.body).toMatchObject({ state: 'eligible-unclaimed', amount: EUR(941), evidence: { reportIds: [] } });
      expect(requested.body.reasons).toContain(
        "report initech-r1 came through phone, outside the plan's support channels (email), and is not taken into account (§1)",
      );
      const [grant] = await refused(422, [() => decide('initech', { decision: 'grant' })]);
      expect(grant!.body.detail).toMatch(/cannot be granted while it is eligible-unclaimed/);
    });
  });

  describe('a late payment in the month (§4.3)', () => {
    it('denies the credit, naming the invoice, and refuses to grant it as contrary to the contract', async () => {
      expect((await issue('latecorp', { invoiceId: 'late-2026-10', month: '2026-10', amount: EUR(200000), dueAt: '2026-10-15T00:00:00Z' })).status).toBe(201);
      expect((await pay('latecorp', 'late-2026-10', { paidAt: '2026-10-20T00:00:00Z' })).status).toBe(200);
      expect((await report('latecorp', { id: 'late-r1', reportedAt: '2026-10-05T10:40:00Z', channel: 'email', description: 'down' })).status).toBe(201);
      const requested = await requestCredit('latecorp', { month: '2026-10', requestedAt: '2026-11-02T10:00:00Z' });
      expect(requested.body).toMatchObject({ state: 'denied', amount: EUR(941), evidence: { lateInvoices: ['late-2026-10'] } });
      const late = 'late payment: invoice late-2026-10 was due 2026-10-15T00:00:00Z and paid only at 2026-10-20T00:00:00Z, so no credit is granted for 2026-10 (§4.3)';
      expect(requested.body.reasons).toContain(late);

      const [grant] = await refused(422, [() => decide('latecorp', { decision: 'grant', reason: 'goodwill' })]);
      expect(grant!.body.detail).toMatch(/^granting 2026-10 would contradict the contract \(§4\.3\): /);
      expect(grant!.body.detail).toContain('invoice late-2026-10');
      expect(grant!.body).toMatchObject({ state: 'denied', reasons: expect.arrayContaining([late]) });
    });

    it('records finance\'s denial with its reason, and still refuses a later grant', async () => {
      await refused(422, [() => decide('latecorp', { decision: 'deny' })]);
      const denied = await decide('latecorp', { decision: 'deny', reason: 'paid "late", see ticket 42' });
      expect(denied.status).toBe(200);
      expect(denied.body.state).toBe('denied');
      expect(denied.body.reasons.at(-1)).toMatch(/^denied by finance at .*: paid "late", see ticket 42$/);
      await refused(422, [() => decide('latecorp', { decision: 'grant' })]);
    });
  });

  describe('a tiers plan, worked by hand', () => {
    // hooli in sin: sin-1 60 + all-1 60 + its own 360 = 480 min; AR = 44,160 / 44,640 = 98.9247 %:
    // below 99.99 and below 99.0 but not below 95.0 → 30 % of 150,000 = 45,000 (USD cents).
    it('credits 30 % of the fee below 99.0', async () => {
      const response = await credit('hooli');
      expect(response.body).toMatchObject({
        availabilityRate: '98.9247',
        target: '99.99',
        downtimeMinutes: 480,
        policy: 'tiers',
        fee: { amount: 150000, currency: 'USD' },
        amount: { amount: 45000, currency: 'USD' },
        explanation: 'AR below 99.0 % → 30 % of the fee of 150000 = 45000, rounded half up',
        state: 'eligible-unclaimed',
      });
      expect(response.body.reasons).toContain("no Service Failure report through the plan's support channels (email, portal) for 2026-10");
    });

    it("takes a report through the plan's other channel into account, and grants 45,000", async () => {
      expect((await report('hooli', { id: 'hooli-r1', reportedAt: '2026-11-04T09:00:00Z', channel: 'portal', outageId: 'hooli-1', description: 'tenant down' })).body.takenIntoAccount).toBe(true);
      expect((await requestCredit('hooli', { month: '2026-10', requestedAt: '2026-11-04T09:05:00Z' })).body.state).toBe('claimed');
      const granted = await decide('hooli', { decision: 'grant' });
      expect(granted.body).toMatchObject({ state: 'granted', amount: { amount: 45000, currency: 'USD' } });
    });
  });

  describe('GET /credits/{month}', () => {
    // acme applied 941, globex (120 min: 537.63 → 538) unclaimed, hooli granted 45000 USD, initech unclaimed 941, latecorp denied 941.
    const lines = [
      ['acme', 'applied', 941],
      ['globex', 'eligible-unclaimed', 538],
      ['hooli', 'granted', 45000],
      ['initech', 'eligible-unclaimed', 941],
      ['latecorp', 'denied', 941],
    ];

    it("lists every customer's line with totals per currency", async () => {
      const month = await app.http().get('/credits/2026-10');
      expect(month.status).toBe(200);
      expect(month.body).toMatchObject({ month: '2026-10', total: 5, offset: 0, limit: 50 });
      expect(month.body.items.map((l: { customerId: string; state: string; amount: { amount: number } }) => [l.customerId, l.state, l.amount.amount])).toEqual(lines);
      expect(month.body.items[0]).toEqual((await credit('acme')).body);
      expect(month.body.totals).toEqual([
        { currency: 'EUR', amount: 941 + 538 + 941 + 941, formatted: '33.61 EUR', count: 4 },
        { currency: 'USD', amount: 45000, formatted: '450.00 USD', count: 1 },
      ]);
      // Split by state, in the order of the states: unclaimed globex 538 + initech 941.
      expect(month.body.totalsByState).toEqual([
        { state: 'eligible-unclaimed', currency: 'EUR', amount: 1479, formatted: '14.79 EUR', count: 2 },
        { state: 'denied', currency: 'EUR', amount: 941, formatted: '9.41 EUR', count: 1 },
        { state: 'granted', currency: 'USD', amount: 45000, formatted: '450.00 USD', count: 1 },
        { state: 'applied', currency: 'EUR', amount: 941, formatted: '9.41 EUR', count: 1 },
      ]);
    });

    it('filters by state and pages, with totals over every selected line', async () => {
      const unclaimed = (await app.http().get('/credits/2026-10?state=eligible-unclaimed')).body;
      expect(unclaimed.items.map((l: { customerId: string }) => l.customerId)).toEqual(['globex', 'initech']);
      expect(unclaimed.totals).toEqual([{ currency: 'EUR', amount: 1479, formatted: '14.79 EUR', count: 2 }]);
      const page = (await app.http().get('/credits/2026-10?offset=1&limit=2')).body;
      expect(page).toMatchObject({ total: 5, offset: 1, limit: 2 });
      expect(page.items.map((l: { customerId: string }) => l.customerId)).toEqual(['globex', 'hooli']);
      expect(page.totals).toHaveLength(2);
      expect((await app.http().get('/credits/2026-10?state=claimed')).body).toMatchObject({ items: [], total: 0, totals: [] });
    });

    it('gives every selected line, unpaged, as RFC 4180 CSV', async () => {
      const response = await app.http().get('/credits/2026-10?limit=1').set('Accept', 'text/csv');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.text.endsWith('\r\n')).toBe(true);
      const rows = parseCsv(response.text);
      expect(rows[0]).toEqual(['customerId', 'month', 'state', 'availabilityRate', 'target', 'policy', 'amountMinor', 'currency', 'reasons', 'customerName', 'planId', 'feeMinor', 'owedMinor', 'amount', 'decision']);
      expect(rows.slice(1).map((r) => [r[0], r[2], Number(r[6])])).toEqual(lines);
      const acme = (await credit('acme')).body;
      expect(rows[1]).toEqual(['acme', '2026-10', 'applied', '99.5296', '99.9', 'pro-rata-downtime', '941', 'EUR', acme.reasons.join(' | '), 'ACME', 'pro', '200000', '200000', '9.41', 'applied']);
      expect(rows.find((r) => r[0] === 'hooli')!.slice(9)).toEqual(['HOOLI', 'tiered', '150000', '150000', '450.00', 'grant']);
      expect(rows.find((r) => r[0] === 'hooli')!.slice(3, 8)).toEqual(['98.9247', '99.99', 'tiers', '45000', 'USD']);
      // Commas and quotes in reasons survive the round trip.
      expect(rows.find((r) => r[0] === 'initech')![8]).toContain('came through phone, outside the plan');
      expect(rows.find((r) => r[0] === 'latecorp')![8]).toMatch(/paid "late", see ticket 42$/);
      expect(response.text).toContain('""late""');
    });

    it('filters the CSV too, and gives only the header for a month without customers', async () => {
      const applied = parseCsv((await app.http().get('/credits/2026-10?state=applied').set('Accept', 'text/csv')).text);
      expect(applied.map((r) => r[0])).toEqual(['customerId', 'acme']);
      const empty = await app.http().get('/credits/2025-01').set('Accept', 'text/csv');
      expect(empty.text).toBe('customerId,month,state,availabilityRate,target,policy,amountMinor,currency,reasons,customerName,planId,feeMinor,owedMinor,amount,decision\r\n');
    });

    it('refuses an unknown state or a malformed month with 400', async () => {
      const state = await app.http().get('/credits/2026-10?state=paid');
      expect(state.status).toBe(400);
      expect(state.body.violations).toEqual([{ field: 'state', problem: expect.stringContaining('eligible-unclaimed') }]);
      expect((await app.http().get('/credits/2026-13')).status).toBe(400);
      expect((await app.http().get('/credits/2026-13').set('Accept', 'text/csv')).status).toBe(400);
    });
  });

  describe('refusals write nothing', () => {
    const invoice = { invoiceId: 'newco-1', month: '2026-11', amount: EUR(200000), dueAt: '2026-11-30T00:00:00Z' };

    it('refuses malformed invoices with 400 naming the field', async () => {
      const responses = await refused(400, [
        () => issue('newco', { ...invoice, amount: EUR(-1) }),
        () => issue('newco', { ...invoice, amount: EUR(1.5) }),
        () => issue('newco', { ...invoice, amount: { amount: '200000', currency: 'EUR' } }),
        () => issue('newco', { ...invoice, month: '2026-13' }),
        () => issue('newco', { ...invoice, month: '2026-1' }),
        () => issue('newco', { ...invoice, month: '0000-01' }),
        () => issue('newco', { ...invoice, amount: { amount: 1, currency: 'eur' } }),
        () => issue('newco', { ...invoice, amount: { amount: 1, currency: 'EURO' } }),
        () => issue('newco', { ...invoice, amount: { amount: 1, currency: 'QQQ' } }),
        () => issue('newco', { ...invoice, dueAt: '2026-11-30' }),
        () => issue('newco', { ...invoice, invoiceId: 'a/b' }),
        () => issue('newco', { ...invoice, vat: 20 }),
        () => issue('newco', { ...invoice, amount: { ...invoice.amount, cents: true } }),
        () => pay('newco', 'newco-1', { paidAt: 'yesterday' }),
        () => pay('newco', 'newco-1', { paidAt: '2026-11-02T00:00:00Z', method: 'card' }),
      ]);
      expect(responses.map((r) => r.body.violations[0].field)).toEqual([
        'amount.amount',
        'amount.amount',
        'amount.amount',
        'month',
        'month',
        'month',
        'amount.currency',
        'amount.currency',
        'amount.currency',
        'dueAt',
        'invoiceId',
        'vat',
        'amount.cents',
        'paidAt',
        'method',
      ]);
    });

    it("refuses an invoice in another currency than the customer's fee with 422", async () => {
      const [other] = await refused(422, [() => issue('newco', { ...invoice, amount: { amount: 1, currency: 'USD' } })]);
      expect(other!.body.detail).toBe('invoice newco-1 is in USD but customer newco is billed in EUR; issue it in EUR');
    });

    it('answers 404 for an unknown customer or invoice', async () => {
      const responses = await refused(404, [
        () => issue('nobody', invoice),
        () => pay('nobody', 'newco-1', { paidAt: '2026-11-02T00:00:00Z' }),
        () => pay('newco', 'never-issued', { paidAt: '2026-11-02T00:00:00Z' }),
        () => requestCredit('nobody', { month: '2026-10', requestedAt: '2026-11-02T00:00:00Z' }),
        () => decide('nobody', { decision: 'grant' }),
        () => credit('nobody'),
        () => app.http().get('/customers/nobody/invoices/newco-1'),
        () => app.http().get('/customers/newco/invoices/never-issued'),
      ]);
      expect(responses[0]!.body.detail).toBe('customer nobody does not exist; onboard it with POST /customers');
      expect(responses[2]!.body.detail).toBe('invoice never-issued of customer newco does not exist');
    });

    it('answers 409 for a duplicate invoice, a second payment or a second credit request', async () => {
      expect((await issue('newco', invoice)).status).toBe(201);
      expect((await pay('newco', 'newco-1', { paidAt: '2026-11-02T00:00:00Z' })).status).toBe(200);
      expect((await requestCredit('newco', { month: '2026-11', requestedAt: '2026-11-05T00:00:00Z' })).status).toBe(201);
      const [invoiceAgain, payAgain, requestAgain] = await refused(409, [
        () => issue('newco', { ...invoice, amount: EUR(1) }),
        () => pay('newco', 'newco-1', { paidAt: '2026-11-03T00:00:00Z' }),
        () => requestCredit('newco', { month: '2026-11', requestedAt: '2026-11-06T00:00:00Z' }),
      ]);
      expect(invoiceAgain!.body.detail).toBe('invoice newco-1 already exists');
      expect(payAgain!.body.detail).toBe('invoice newco-1 was already paid at 2026-11-02T00:00:00Z');
      expect(requestAgain!.body.detail).toBe('a credit for 2026-11 was already requested at 2026-11-05T00:00:00Z');
    });

    it('refuses malformed credit requests and decisions with 400, and impossible ones with 422', async () => {
      await refused(400, [
        () => requestCredit('newco', { month: '2026-13', requestedAt: '2026-11-05T00:00:00Z' }),
        () => requestCredit('newco', { month: '2026-12' }),
        () => requestCredit('newco', { month: '2026-12', requestedAt: '2026-12-05T00:00:00Z', reason: 'please' }),
        () => decide('newco', { decision: 'approve' }),
        () => decide('newco', { decision: 'grant', amount: 1 }),
        () => decide('newco', { decision: 'grant' }, '2026-13'),
        () => credit('newco', '2026-13'),
      ]);
      const [before, future, notEligible] = await refused(422, [
        () => requestCredit('newco', { month: '2026-11', requestedAt: '2026-10-31T23:59:59Z' }),
        () => requestCredit('newco', { month: '2026-11', requestedAt: '2999-01-01T00:00:00Z' }),
        () => decide('newco', { decision: 'deny', reason: 'no' }),
      ]);
      expect(before!.body.detail).toMatch(/requestedAt 2026-10-31T23:59:59Z is before 2026-11 began/);
      expect(future!.body.detail).toMatch(/in the future/);
      expect(notEligible!.body.detail).toBe('2026-10 is not eligible for a credit: nothing to deny');
    });
  });
});

describeOnBackends('service credits with a claim deadline (CLAIM_DEADLINE_DAYS=30)', (backend) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(backend, { CLAIM_DEADLINE_DAYS: '30' });
    await defineWorkedExampleReferences(app);
    for (const id of ['early', 'tardy']) {
      await ok(app, 'post', '/customers', workedExampleCustomer(id, 'fra', { activeFrom: '2026-08-01T00:00:00Z' }));
      await ok(app, 'post', `/customers/${id}/failure-reports`, { reportedAt: '2026-08-10T10:30:00Z', channel: 'email', description: 'down' });
    }
    // 120 min of August's 44,640: 200000 × 120 / 44640 = 537.63 → 538.
    await ok(app, 'post', '/outages', { id: 'aug-1', scope: { kind: 'platform' }, impact: 'unavailable', title: 'down', startedAt: '2026-08-10T10:00:00Z' });
    await ok(app, 'post', '/outages/aug-1/end', { endedAt: '2026-08-10T12:00:00Z' });
  });
  afterAll(async () => app?.close());

  const requestCredit = (customer: string, requestedAt: string) => app.http().post(`/customers/${customer}/credit-requests`).send({ month: '2026-08', requestedAt });

  it('counts a request made up to 30 days after the month, inclusive', async () => {
    const early = await requestCredit('early', '2026-10-01T00:00:00Z');
    expect(early.status).toBe(201);
    expect(early.body).toMatchObject({ state: 'claimed', amount: EUR(538), claimDeadline: '2026-10-01T00:00:00Z' });
    expect(early.body.reasons).toContain('credit requested at 2026-10-01T00:00:00Z');
  });

  it('leaves a later request recorded but unclaimed, saying why, and refuses to grant it', async () => {
    const tardy = await requestCredit('tardy', '2026-10-01T00:00:01Z');
    expect(tardy.status).toBe(201);
    expect(tardy.body).toMatchObject({ state: 'eligible-unclaimed', amount: EUR(538), evidence: { requestedAt: '2026-10-01T00:00:01Z' } });
    expect(tardy.body.reasons).toContain('the credit request of 2026-10-01T00:00:01Z came after the claim deadline (30 days after the month)');
    const before = await app.running.storage.events.headPosition();
    const grant = await app.http().post('/credits/tardy/2026-08/decision').send({ decision: 'grant' });
    expect(grant.status).toBe(422);
    expect(await app.running.storage.events.headPosition()).toBe(before);
  });
});
