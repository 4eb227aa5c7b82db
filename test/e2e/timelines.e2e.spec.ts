import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

describeOnBackends('timelines and the event feed', (backend) => {
  let app: TestApp;
  const post = async (path: string, body: object = {}) => {
    const response = await app.http().post(path).send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };

  beforeAll(async () => {
    app = await startTestApp(backend);
    await post('/plans', { id: 'pro', name: 'Pro', availabilityTarget: '99.9', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 240, supportHours: 'always', supportChannels: ['email'] });
    for (const id of ['fra', 'sin', 'par']) await post('/regions', { id, name: id });
    await post('/customers', { id: 'acme', name: 'ACME', email: 'ops@acme.example', planId: 'pro', regions: ['fra'], monthlyFee: { amount: 200000, currency: 'EUR' }, activeFrom: '2026-09-01T00:00:00Z' });
    await post('/customers', { id: 'globex', name: 'Globex', email: 'ops@globex.example', planId: 'pro', regions: ['sin'], monthlyFee: { amount: 100000, currency: 'EUR' }, activeFrom: '2026-09-01T00:00:00Z' });
    await post('/outages', { id: 'fra-1', scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: 'fra down', startedAt: '2026-10-05T10:00:00Z' });
    await post('/outages/fra-1/end', { endedAt: '2026-10-05T11:30:00Z' });
    await post('/outages/fra-1/corrections', { endedAt: '2026-10-05T11:00:00Z', reason: 'monitoring lagged' });
    await post('/outages', { id: 'sin-1', scope: { kind: 'regions', regions: ['sin'] }, impact: 'unavailable', title: 'sin down', startedAt: '2026-10-06T10:00:00Z' });
    await post('/outages', { id: 'all-1', scope: { kind: 'platform' }, impact: 'unavailable', title: 'all down', startedAt: '2026-10-07T10:00:00Z' });
    await post('/outages/all-1/classification', { exclusion: 'force-majeure', reason: 'flood in the data centre' });
    await post('/maintenances', { id: 'm-1', scope: { kind: 'regions', regions: ['fra', 'sin'] }, title: 'upgrade', window: { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' }, noticeSentAt: '2026-10-08T09:00:00Z' });
    await post('/maintenances/m-1/notices', { sentAt: '2026-10-09T09:00:00Z', customers: ['globex'] });
    await post('/emergency-maintenances', { id: 'e-1', scope: { kind: 'customers', customers: ['acme'] }, startedAt: '2026-10-27T02:00:00Z', reason: 'patch' });
    await post('/customers/acme/regions', { regions: ['fra', 'par'], effectiveAt: '2026-10-20T00:00:00Z' });
    await post('/plans', { id: 'pro-plus', name: 'Pro+', availabilityTarget: '99.95', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 120, supportHours: 'always', supportChannels: ['email'] });
    await post('/customers/acme/plan', { planId: 'pro-plus', effectiveAt: '2026-11-01T00:00:00Z' });
    // Money and claims: fra-1 left 60 minutes of Down Time, below 99.9 % for October.
    await post('/customers/acme/invoices', { invoiceId: 'inv-10', month: '2026-10', amount: { amount: 200000, currency: 'EUR' }, dueAt: '2026-10-15T00:00:00Z' });
    await post('/customers/acme/invoices/inv-10/payments', { paidAt: '2026-10-14T00:00:00Z' });
    await post('/customers/acme/failure-reports', { id: 'r-1', reportedAt: '2026-10-05T10:20:00Z', channel: 'email', outageId: 'fra-1', description: 'API down' });
    await post('/customers/acme/failure-reports/r-1/acknowledgement', { at: '2026-10-05T10:40:00Z' });
    await post('/customers/acme/credit-requests', { month: '2026-10', requestedAt: '2026-11-02T09:00:00Z' });
    await post('/credits/acme/2026-10/decision', { decision: 'grant' });
  });
  afterAll(async () => app?.close());

  it("tells a customer's story in order, with who did what, and readable sentences", async () => {
    const response = await app.http().get('/customers/acme/timeline?limit=100');
    expect(response.status).toBe(200);
    const types = response.body.items.map((e: { type: string; entityId: string }) => `${e.type}:${e.entityId}`);
    expect(types).toEqual([
      'CustomerOnboarded:acme',
      'OutageStarted:fra-1',
      'OutageEnded:fra-1',
      'OutageCorrected:fra-1',
      'OutageStarted:all-1',
      'OutageClassified:all-1',
      'MaintenanceScheduled:m-1',
      'MaintenanceNoticeSent:m-1',
      'EmergencyMaintenanceStarted:e-1',
      'CustomerRegionsChanged:acme',
      'CustomerPlanChanged:acme',
      'InvoiceIssued:acme',
      'InvoicePaid:acme',
      'FailureReported:acme',
      'FailureReportAcknowledged:acme',
      'CreditRequested:acme',
      'CreditGranted:acme',
    ]);
    expect(response.body.items.at(-1).summary).toBe('Service Credit for 2026-10 granted: 2.69 EUR.');
    const corrected = response.body.items[3];
    expect(corrected).toMatchObject({ actor: expect.any(String), occurredAt: expect.any(String), recordedAt: expect.any(String) });
    expect(corrected.summary).toBe('Outage fra-1 corrected to 2026-10-05T10:00:00Z – 2026-10-05T11:00:00Z (was 2026-10-05T10:00:00Z – 2026-10-05T11:30:00Z): monitoring lagged.');
    expect(response.body.items[1]).toMatchObject({ occurredAt: '2026-10-05T10:00:00Z' });
  });

  it('leaves out other customers\' incidents and notices addressed to others', async () => {
    const acme = await app.http().get('/customers/acme/timeline?limit=100');
    expect(acme.body.items.some((e: { entityId: string }) => e.entityId === 'sin-1')).toBe(false);
    const globex = await app.http().get('/customers/globex/timeline?limit=100');
    const ids = globex.body.items.map((e: { type: string; entityId: string }) => `${e.type}:${e.entityId}`);
    expect(ids).toContain('OutageStarted:sin-1');
    expect(ids.filter((id: string) => id === 'MaintenanceNoticeSent:m-1')).toHaveLength(2);
    expect(ids.some((id: string) => id.endsWith(':e-1'))).toBe(false);
  });

  it('filters by business period and kind, and pages', async () => {
    const october5 = await app.http().get('/customers/acme/timeline?from=2026-10-05T00:00:00Z&to=2026-10-06T00:00:00Z&kind=outage');
    expect(october5.body.items.map((e: { type: string }) => e.type)).toEqual(['OutageStarted', 'OutageEnded']);
    const page = await app.http().get('/customers/acme/timeline?limit=3&offset=3');
    expect(page.body).toMatchObject({ total: 17, offset: 3, limit: 3 });
    expect(page.body.items.map((e: { type: string }) => e.type)).toEqual(['OutageCorrected', 'OutageStarted', 'OutageClassified']);
    expect((await app.http().get('/customers/acme/timeline?kind=nonsense')).status).toBe(400);
  });

  it("shows an outage's own history and answers 404 for an unknown one", async () => {
    const outage = await app.http().get('/outages/fra-1/timeline');
    expect(outage.body.items.map((e: { type: string }) => e.type)).toEqual(['OutageStarted', 'OutageEnded', 'OutageCorrected']);
    expect((await app.http().get('/maintenances/m-1/timeline')).body.total).toBe(3);
    expect((await app.http().get('/outages/nope/timeline')).status).toBe(404);
    expect((await app.http().get('/customers/nope/timeline')).status).toBe(404);
  });

  it('feeds every event after a position, in order, paged', async () => {
    const first = await app.http().get('/events?limit=5');
    expect(first.status).toBe(200);
    expect(first.body.events).toHaveLength(5);
    const rest = await app.http().get(`/events?after=${first.body.next}&limit=1000`);
    const positions = [...first.body.events, ...rest.body.events].map((e: { position: string }) => BigInt(e.position));
    for (let i = 1; i < positions.length; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);
    expect(rest.body.next).toBe(rest.body.events.at(-1).position);
    expect((await app.http().get(`/events?after=${rest.body.next}`)).body).toEqual({ events: [], next: rest.body.next });
    expect((await app.http().get('/events?after=-1')).status).toBe(400);
  });
});
