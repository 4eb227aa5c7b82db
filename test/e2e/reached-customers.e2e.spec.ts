import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { ok, setUpWorkedExample, workedExampleCustomer } from '../support/worked-example.js';

describeOnBackends('the customers an incident reaches', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
    await setUpWorkedExample(app);
    // Subscribed in fra only from November: none of October's incidents reached it.
    await ok(app, 'post', '/customers', workedExampleCustomer('late', 'fra', { activeFrom: '2026-11-01T00:00:00Z' }));
  });
  afterAll(async () => app?.close());

  const reached = async (path: string) => {
    const answer = await app.http().get(path);
    expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    return answer.body;
  };

  it('follows the scope, the footprint and the subscription over the run of each incident', async () => {
    expect(await reached('/outages/fra-1/customers')).toEqual({ customers: ['acme'], total: 1, from: '2026-10-05T10:00:00Z', to: '2026-10-05T11:30:00Z' });
    expect((await reached('/outages/all-1/customers')).customers).toEqual(['acme', 'globex']);
    expect((await reached('/outages/sin-1/customers')).customers).toEqual(['globex']);
    // Degraded: it reaches acme even though it is no Down Time.
    expect((await reached('/outages/fra-slow/customers')).customers).toEqual(['acme']);
    expect(await reached('/maintenances/m-14/customers')).toMatchObject({ customers: ['acme'], from: '2026-10-14T01:00:00Z', to: '2026-10-14T03:30:00Z' });
    expect((await reached('/emergency-maintenances/e-27/customers')).customers).toEqual(['acme']);
  });

  it('counts an ongoing outage up to now, and a maintenance not yet started over its window', async () => {
    await ok(app, 'post', '/outages', { id: 'open-fra', scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: 'fra again', startedAt: '2026-11-20T08:00:00Z' });
    expect((await reached('/outages/open-fra/customers')).customers).toEqual(['acme', 'late']);
    await ok(app, 'post', '/maintenances', { id: 'm-next', scope: { kind: 'customers', customers: ['late'] }, title: 'move', window: { start: '2027-01-20T01:00:00Z', end: '2027-01-20T02:00:00Z' }, noticeSentAt: '2026-11-20T09:00:00Z' });
    expect(await reached('/maintenances/m-next/customers')).toEqual({ customers: ['late'], total: 1, from: '2027-01-20T01:00:00Z', to: '2027-01-20T02:00:00Z' });
  });

  it('answers 404 for an incident that does not exist', async () => {
    const answer = await app.http().get('/outages/nope/customers');
    expect(answer.status).toBe(404);
    expect(answer.body.detail).toBe('outage nope does not exist');
  });
});
