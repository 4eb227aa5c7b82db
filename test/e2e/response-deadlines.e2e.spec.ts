import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

/** R14 through HTTP: deadlines counted inside support hours, met, breached and open, and compliance per plan. */
describeOnBackends('response deadlines', (backend) => {
  let app: TestApp;
  const post = async (path: string, body: object) => {
    const response = await app.http().post(path).send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const plan = (id: string, supportHours: unknown, responseTimeMinutes: number) =>
    post('/plans', { id, name: id, availabilityTarget: '99.9', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes, supportHours, supportChannels: ['email'] });
  const report = (customer: string, id: string, reportedAt: string) => post(`/customers/${customer}/failure-reports`, { id, reportedAt, channel: 'email', description: 'API down' });

  beforeAll(async () => {
    app = await startTestApp(backend);
    await plan('office', { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }, 240);
    await plan('always', 'always', 100_000);
    await post('/regions', { id: 'fra', name: 'Frankfurt' });
    for (const [id, planId] of [['acme', 'office'], ['globex', 'always']]) {
      await post('/customers', { id, name: id, email: `ops@${id}.example`, planId, regions: ['fra'], monthlyFee: { amount: 100000, currency: 'EUR' }, activeFrom: '2026-09-01T00:00:00Z' });
    }
  });
  afterAll(async () => app?.close());

  it('starts a Friday-evening report at Monday 09:00 Paris and meets it when acknowledged in time', async () => {
    // Fri 20 Nov 19:30 Paris → Mon 23 09:00 + 4 h = 13:00 Paris = 12:00Z.
    expect(await report('acme', 'friday', '2026-11-20T18:30:00Z')).toMatchObject({ deadline: '2026-11-23T12:00:00Z' });
    expect(await post('/customers/acme/failure-reports/friday/acknowledgement', { at: '2026-11-20T19:00:00Z' })).toMatchObject({ status: 'met' });
  });

  it('skips the Armistice Day holiday and breaches an acknowledgement after the deadline', async () => {
    // Tue 10 Nov 18:30 Paris, Wed 11 is a holiday: Thu 12 09:00 + 4 h = 13:00 Paris = 12:00Z.
    expect(await report('acme', 'armistice', '2026-11-10T17:30:00Z')).toMatchObject({ deadline: '2026-11-12T12:00:00Z' });
    const acknowledged = await post('/customers/acme/failure-reports/armistice/acknowledgement', { at: '2026-11-12T12:00:01Z' });
    expect(acknowledged).toMatchObject({ acknowledgedAt: '2026-11-12T12:00:01Z', status: 'breached' });
  });

  it('breaches a report never acknowledged once its deadline passed, and keeps one open before', async () => {
    await report('acme', 'forgotten', '2026-11-03T09:00:00Z');
    expect((await app.http().get('/customers/acme/failure-reports/forgotten')).body).toMatchObject({ deadline: '2026-11-03T13:00:00Z', status: 'breached' });
    // Support at all hours: straight counting; 100,000 minutes is well ahead of now.
    expect(await report('globex', 'pending', '2026-11-21T20:00:00Z')).toMatchObject({ deadline: '2027-01-30T06:40:00Z', status: 'open' });
  });

  it('gives each plan its monthly compliance', async () => {
    const compliance = await app.http().get('/support/compliance/2026-11');
    expect(compliance.status).toBe(200);
    expect(compliance.body).toEqual({
      month: '2026-11',
      plans: [
        { planId: 'always', reports: 1, met: 0, breached: 0, open: 1, compliance: null },
        { planId: 'office', reports: 3, met: 1, breached: 2, open: 0, compliance: '33.33' },
      ],
    });
    expect((await app.http().get('/support/compliance/november')).status).toBe(400);
  });
});
