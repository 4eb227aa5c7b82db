import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { PROBLEMS } from '../../apps/api/src/infrastructure/problems/catalogue.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

const fra = { kind: 'regions', regions: ['fra'] };

describeOnBackends('typed problems', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
    await app.http().post('/regions').send({ id: 'fra', name: 'Frankfurt' }).expect(201);
  });
  afterAll(async () => app?.close());

  it('tells too little notice from an end before the start by type, with the standard title', async () => {
    // Sent Tuesday 1 December 2026, 06:00 Paris: Wednesday 2, Thursday 3 and Friday 4 are the three
    // full working days, so the earliest compliant start is Saturday 5 December 00:00 Paris (CET).
    const late = await app.http().post('/maintenances').send({
      id: 'm-late', scope: fra, title: 'upgrade', window: { start: '2026-12-04T08:00:00Z', end: '2026-12-04T10:00:00Z' }, noticeSentAt: '2026-12-01T05:00:00Z',
    });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({
      type: '/problems/insufficient-notice',
      title: 'Unprocessable Content',
      earliestCompliantStart: '2026-12-04T23:00:00Z',
      earliestCompliantStartLocal: 'Sat 5 Dec 00:00 Europe/Paris',
    });
    expect(late.body.detail).toContain('Start the window at Sat 5 Dec 00:00 Europe/Paris (2026-12-04T23:00:00Z) or later');

    const backwards = await app.http().post('/maintenances').send({
      id: 'm-back', scope: fra, title: 'upgrade', window: { start: '2026-12-20T10:00:00Z', end: '2026-12-20T08:00:00Z' }, noticeSentAt: '2026-12-01T09:00:00Z',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body).toMatchObject({ type: '/problems/end-before-start', title: 'Unprocessable Content' });
  });

  it('names the kind of every common refusal', async () => {
    const start = (id: string) => app.http().post('/outages').send({ id, scope: fra, impact: 'unavailable', title: 'down', startedAt: '2026-10-05T10:00:00Z' });
    await start('o-1').expect(201);
    const cases: [string, Promise<{ status: number; body: any }>, number, string][] = [
      ['invalid body', app.http().post('/outages').send({ scope: fra, impact: 'sideways', title: 'x', startedAt: '2026-10-05T10:00:00Z' }), 400, 'validation-failed'],
      ['bad JSON', app.http().post('/outages').set('content-type', 'application/json').send('{"id":'), 400, 'malformed-json'],
      ['no token', app.http({ as: null }).get('/outages'), 401, 'unauthorized'],
      ['unknown outage', app.http().get('/outages/nope'), 404, 'not-found'],
      ['same id twice', start('o-1'), 409, 'already-exists'],
      ['end before start', app.http().post('/outages/o-1/end').send({ endedAt: '2026-10-05T09:00:00Z' }), 422, 'end-before-start'],
      ['in the future', app.http().post('/outages').send({ scope: fra, impact: 'unavailable', title: 'x', startedAt: '2099-01-01T00:00:00Z' }), 422, 'fact-in-the-future'],
      ['unknown region', app.http().post('/customers').send({ id: 'c', name: 'C', email: 'c@example.com', planId: 'none', regions: ['fra'], monthlyFee: { amount: 100, currency: 'EUR' }, activeFrom: '2026-01-01T00:00:00Z' }), 400, 'unknown-reference'],
    ];
    for (const [what, response, status, name] of cases) {
      const { status: got, body } = await response;
      expect({ what, status: got, type: body.type }).toEqual({ what, status, type: `/problems/${name}` });
    }
    await app.http().post('/outages/o-1/end').send({ endedAt: '2026-10-05T11:00:00Z' }).expect(200);
    const again = await app.http().post('/outages/o-1/end').send({ endedAt: '2026-10-05T12:00:00Z' });
    expect(again.body).toMatchObject({ status: 409, title: 'Conflict', type: '/problems/already-ended' });
  });

  it('serves a page for every type, without a token, and a problem for an unknown one', async () => {
    const index = await app.http({ as: null }).get('/problems').expect(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    for (const [name, problem] of Object.entries(PROBLEMS)) {
      expect(index.text).toContain(`href="/problems/${name}"`);
      const page = await app.http({ as: null }).get(`/problems/${name}`);
      expect([name, page.status]).toEqual([name, 200]);
      expect(page.text).toContain(`<h1>${name}</h1>`);
      expect(page.text).toContain(`${problem.status} `);
    }
    const missing = await app.http({ as: null }).get('/problems/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: '/problems/not-found', title: 'Not Found' });
  });
});
