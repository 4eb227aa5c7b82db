import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { defineWorkedExampleReferences, ok, refused, workedExampleCustomer } from '../support/worked-example.js';

const outage = { scope: { kind: 'customers', customers: ['acme'] }, impact: 'unavailable', title: 'down', startedAt: '2026-10-05T10:00:00Z' };

describeOnBackends('clear answers to malformed requests', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra'));
    await ok(app, 'post', '/customers', workedExampleCustomer('globex', 'sin'));
  });
  afterAll(async () => app?.close());

  it('answers 415 saying to send application/json to a body that is not JSON, and writes nothing', async () => {
    const body = JSON.stringify(outage);
    const responses = await refused(app, 415, [
      () => app.http().post('/outages').set('Content-Type', 'text/plain').send(body),
      () => app.http().post('/outages').type('form').send({ title: 'down' }),
      () => app.http().post('/outages').set('Content-Type', 'application/xml').send('<outage/>'),
      () => app.http().post('/outages').set('Content-Type', 'application/merge-patch+json').send(body),
      () => app.http().post('/customers/acme/failure-reports').set('Content-Type', 'text/csv').send('a,b\n1,2'),
    ]);
    for (const response of responses) {
      expect(response.body).toMatchObject({ status: 415, type: '/problems/unsupported-media-type', detail: expect.stringContaining('send Content-Type: application/json') });
    }
    expect(responses[0]!.body.detail).toBe('the body was sent with Content-Type text/plain; send Content-Type: application/json with a JSON body');
  });

  it('still takes JSON with a charset, and commands without a body', async () => {
    const charset = await app.http().post('/outages').set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify({ ...outage, id: 'o-charset' }));
    expect(charset.status).toBe(201);
    await ok(app, 'post', '/maintenances', { id: 'm-cancel', scope: { kind: 'platform' }, title: 'x', window: { start: '2030-01-15T01:00:00Z', end: '2030-01-15T02:00:00Z' } });
    expect((await app.http().post('/maintenances/m-cancel/cancel')).status).toBe(200);
  });

  it('refuses an import batch whose items are not event objects (an array, a number, null) with 400, and writes nothing', async () => {
    const responses = await refused(app, 400, [
      () => app.http().post('/admin/events').send({ events: [[]] }),
      () => app.http().post('/admin/events').send({ events: [[{ id: 'x' }]] }),
      () => app.http().post('/admin/events').send({ events: [7] }),
      () => app.http().post('/admin/events').send({ events: [null] }),
    ]);
    for (const response of responses) {
      expect(response.body).toMatchObject({ type: '/problems/validation-failed', violations: expect.arrayContaining([{ field: 'events', problem: 'each of events must be an event object, one line of sla export' }]) });
    }
  });

  it('calls a bad query parameter a query parameter, not the request body', async () => {
    const response = await app.http().get('/outages?ongoing=maybe&limit=0');
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/^invalid query parameter: /);
    expect(response.body.detail).toContain('query parameter ongoing');
    expect(response.body.detail).toContain('query parameter limit: limit must be a whole number from 1 to 1000');
    expect(response.body.detail).not.toContain('body');
    expect(response.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'limit' }), expect.objectContaining({ field: 'ongoing' })]));
  });

  it('reads record-time filters to the precision of the instant given: asOf=<the second> includes what was recorded within it', async () => {
    // An end recorded at a whole second would pass even the old comparison: take one that was not.
    let id = '';
    let recordedAt = '';
    for (let attempt = 0; attempt < 20 && !/\.(?!000)\d{3}Z$/.test(recordedAt); attempt++) {
      id = `o-precise-${attempt}`;
      await ok(app, 'post', '/outages', { ...outage, id, scope: { kind: 'customers', customers: ['globex'] } });
      await ok(app, 'post', `/outages/${id}/end`, { endedAt: '2026-10-05T11:00:00Z' });
      const timeline = (await app.http().get(`/outages/${id}/timeline`)).body as { items: { type: string; recordedAt: string }[] };
      recordedAt = timeline.items.find((entry) => entry.type === 'OutageEnded')!.recordedAt;
    }
    expect(recordedAt).toMatch(/\.(?!000)\d{3}Z$/);
    const second = `${recordedAt.slice(0, 19)}Z`;
    const timeline = await app.http().get(`/outages/${id}/timeline?asOf=${second}`);
    expect(timeline.body.items.map((entry: { type: string }) => entry.type)).toEqual(['OutageStarted', 'OutageEnded']);
    // As of that second the outage had ended: 60 minutes, not an outage open until the second itself.
    const figures = await app.http().get(`/customers/globex/availability/2026-10?asOf=${second}`);
    expect(figures.status).toBe(200);
    expect(figures.body.ongoing).toBe(false);
    expect(figures.body.downtimeMinutes).toBe(60);
  });
});
