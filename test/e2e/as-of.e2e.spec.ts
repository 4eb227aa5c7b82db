import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/wait.js';
import { describeOnBackends } from '../support/databases.js';

/** Support's question: "why does our October figure say this?" — the figures at past record instants. */
describeOnBackends('figures as of a past moment', (backend) => {
  let app: TestApp;
  const instants: Record<string, string> = {};
  const post = async (path: string, body: object) => {
    const response = await app.http().post(path).send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  /** A record instant strictly between what came before and what comes after. */
  const mark = async (name: string) => {
    // The clock moves past what was recorded before, and past the mark before anything else is recorded.
    const before = Date.now();
    await until(() => Date.now() > before, { everyMs: 1 });
    instants[name] = new Date().toISOString();
    await until(() => Date.now() > Date.parse(instants[name]!), { everyMs: 1 });
  };
  const availability = (asOf?: string) => app.http().get(`/customers/acme/availability/2026-10${asOf ? `?asOf=${asOf}` : ''}`);

  beforeAll(async () => {
    app = await startTestApp(backend);
    await mark('beforeAcme');
    await post('/plans', { id: 'pro', name: 'Pro', availabilityTarget: '99.9', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 240, supportHours: 'always', supportChannels: ['email'] });
    await post('/regions', { id: 'fra', name: 'Frankfurt' });
    await post('/customers', { id: 'acme', name: 'ACME', email: 'ops@acme.example', planId: 'pro', regions: ['fra'], monthlyFee: { amount: 200000, currency: 'EUR' }, activeFrom: '2026-09-01T00:00:00Z' });
    await post('/outages', { id: 'fra-1', scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: 'fra down', startedAt: '2026-10-05T10:00:00Z' });
    await post('/outages/fra-1/end', { endedAt: '2026-10-05T11:30:00Z' });
    await mark('ended');
    await post('/outages/fra-1/corrections', { endedAt: '2026-10-05T11:00:00Z', reason: 'monitoring lagged' });
    await mark('corrected');
    await post('/outages/fra-1/classification', { exclusion: 'force-majeure', reason: 'flood' });
    await mark('classified');
  });
  afterAll(async () => app?.close());

  it('shows the figures as they stood before and after a correction and a reclassification', async () => {
    expect((await availability(instants.ended)).body).toMatchObject({ downtimeMinutes: 90, availabilityRate: '99.7984', belowTarget: true });
    expect((await availability(instants.corrected)).body).toMatchObject({ downtimeMinutes: 60, availabilityRate: '99.8656', belowTarget: true });
    expect((await availability(instants.classified)).body).toMatchObject({ downtimeMinutes: 0, availabilityRate: '100.0000', belowTarget: false, excludedMinutes: { exclusions: 60 } });
    expect((await availability()).body).toMatchObject({ downtimeMinutes: 0 });
  });

  it('knows a customer that did not exist yet, and refuses a malformed instant', async () => {
    const before = await availability(instants.beforeAcme);
    expect(before.status).toBe(404);
    expect(before.body.detail).toMatch(/did not exist yet/);
    expect((await availability('yesterday')).status).toBe(400);
  });

  it("shows the credit line as it stood: 200000 × 90 / 44640 = 403.2 → 403 before the correction", async () => {
    const then = await app.http().get(`/customers/acme/credits/2026-10?asOf=${instants.ended}`);
    expect(then.body).toMatchObject({ state: 'eligible-unclaimed', amount: { amount: 403, currency: 'EUR' } });
    expect((await app.http().get('/customers/acme/credits/2026-10')).body).toMatchObject({ state: 'not-eligible', amount: { amount: 0 } });
  });

  it('says what changed between two instants and which events changed it', async () => {
    const response = await app.http().get(`/customers/acme/availability/2026-10/changes?from=${instants.ended}&to=${instants.classified}`);
    expect(response.status).toBe(200);
    expect(response.body.before).toMatchObject({ downtimeMinutes: 90, availabilityRate: '99.7984', state: 'eligible-unclaimed' });
    expect(response.body.after).toMatchObject({ downtimeMinutes: 0, availabilityRate: '100.0000', state: 'not-eligible' });
    expect(response.body.changed.map((c: { field: string }) => c.field)).toEqual(['downtimeMinutes', 'availabilityRate', 'state', 'amount']);
    expect(response.body.events.map((e: { type: string }) => e.type)).toEqual(['OutageCorrected', 'OutageClassified']);
    expect((await app.http().get(`/customers/acme/availability/2026-10/changes?from=${instants.classified}&to=${instants.ended}`)).status).toBe(422);
  });
});
