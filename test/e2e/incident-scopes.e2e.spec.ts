import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { defineWorkedExampleReferences, ok, refused, workedExampleCustomer } from '../support/worked-example.js';

/** The three ways to start an incident, each with the body it needs besides its scope. */
const STARTS = [
  { path: '/outages', body: { impact: 'unavailable', title: 'down', startedAt: '2026-10-05T10:00:00Z' } },
  { path: '/maintenances', body: { title: 'upgrade', window: { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' }, noticeSentAt: '2026-10-08T09:00:00Z' } },
  { path: '/emergency-maintenances', body: { reason: 'patch', startedAt: '2026-10-27T02:00:00Z' } },
] as const;

describeOnBackends('incident scopes name only regions and customers that exist', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra'));
  });
  afterAll(async () => app?.close());

  it('refuses an unknown region with 400 naming it, and writes nothing', async () => {
    const responses = await refused(
      app,
      400,
      STARTS.map(({ path, body }) => () => app.http().post(path).send({ ...body, scope: { kind: 'regions', regions: ['fra', 'frx'] } })),
    );
    for (const response of responses) {
      expect(response.body).toMatchObject({
        detail: 'unknown region frx: register it with POST /regions first',
        violations: [{ field: 'scope.regions', problem: 'unknown region frx: register it with POST /regions first' }],
      });
    }
    const [two] = await refused(app, 400, [() => app.http().post('/outages').send({ ...STARTS[0].body, scope: { kind: 'regions', regions: ['ams', 'fra', 'nyc'] } })]);
    expect(two!.body.detail).toBe('unknown regions ams, nyc: register them with POST /regions first');
  });

  it('refuses an unknown customer with 400 naming it, and writes nothing', async () => {
    const responses = await refused(
      app,
      400,
      STARTS.map(({ path, body }) => () => app.http().post(path).send({ ...body, scope: { kind: 'customers', customers: ['acme', 'acne'] } })),
    );
    for (const response of responses) {
      expect(response.body).toMatchObject({
        detail: 'unknown customer acne: onboard it with POST /customers first, or check the id',
        violations: [{ field: 'scope.customers' }],
      });
    }
  });

  it('accepts scopes whose regions and customers all exist, and the platform', async () => {
    for (const [k, { path, body }] of STARTS.entries()) {
      for (const [j, scope] of [{ kind: 'regions', regions: ['fra', 'sin'] }, { kind: 'customers', customers: ['acme'] }, { kind: 'platform' }].entries()) {
        const created = await app.http().post(path).send({ ...body, id: `i-${k}-${j}`, scope });
        expect({ path, scope, status: created.status }).toEqual({ path, scope, status: 201 });
      }
    }
  });
});
