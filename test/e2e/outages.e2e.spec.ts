import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

const fra = { kind: 'regions', regions: ['fra'] };

describeOnBackends('outages over HTTP', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
    // A scope names only regions that exist.
    expect((await app.http().post('/regions').send({ id: 'fra', name: 'Frankfurt' })).status).toBe(201);
  });
  afterAll(async () => app?.close());

  const start = (id: string, extra: Record<string, unknown> = {}) =>
    app.http().post('/outages').send({ id, scope: fra, impact: 'unavailable', title: 'fra unreachable', startedAt: '2026-10-05T12:00:00+02:00', ...extra });

  it('records an outage, normalised to UTC, and reads it back at once', async () => {
    const created = await start('o-read');
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('/outages/o-read');
    expect(created.body).toMatchObject({ id: 'o-read', startedAt: '2026-10-05T10:00:00Z', endedAt: null, ongoing: true, scope: fra });
    const read = await app.http().get('/outages/o-read');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const list = await app.http().get('/outages?ongoing=true&limit=100');
    expect(list.body.items.map((o: { id: string }) => o.id)).toContain('o-read');
  });

  it('generates an id when none is given', async () => {
    const created = await app.http().post('/outages').send({ scope: { kind: 'platform' }, impact: 'degraded', title: 'slow', startedAt: '2026-10-05T10:00:00Z' });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ends an outage once; the second end is a conflict', async () => {
    await start('o-end');
    const ended = await app.http().post('/outages/o-end/end').send({ endedAt: '2026-10-05T11:30:00Z' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ endedAt: '2026-10-05T11:30:00Z', ongoing: false });
    const again = await app.http().post('/outages/o-end/end').send({ endedAt: '2026-10-05T12:00:00Z' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, title: 'Conflict', detail: expect.stringContaining('already ended at 2026-10-05T11:30:00Z') });
  });

  it('lets one of two concurrent ends win; the other gets 409', async () => {
    await start('o-race');
    const [a, b] = await Promise.all([
      app.http().post('/outages/o-race/end').send({ endedAt: '2026-10-05T11:00:00Z' }),
      app.http().post('/outages/o-race/end').send({ endedAt: '2026-10-05T11:05:00Z' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const read = await app.http().get('/outages/o-race');
    const winner = a.status === 200 ? a : b;
    expect(read.body.endedAt).toBe(winner.body.endedAt);
  });

  it('refuses an end before the start with 422', async () => {
    await start('o-early');
    const response = await app.http().post('/outages/o-early/end').send({ endedAt: '2026-10-05T09:00:00Z' });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/must be after the outage's start 2026-10-05T10:00:00Z/);
  });

  it('corrects times with a reason, and refuses a correction that changes nothing', async () => {
    await start('o-fix');
    await app.http().post('/outages/o-fix/end').send({ endedAt: '2026-10-05T11:30:00Z' });
    const fixed = await app.http().post('/outages/o-fix/corrections').send({ endedAt: '2026-10-05T11:00:00Z', reason: 'monitoring lagged' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ endedAt: '2026-10-05T11:00:00Z', corrections: 1 });
    expect((await app.http().get('/outages/o-fix')).body.endedAt).toBe('2026-10-05T11:00:00Z');
    const same = await app.http().post('/outages/o-fix/corrections').send({ endedAt: '2026-10-05T11:00:00Z', reason: 'again' });
    expect(same.status).toBe(422);
    const empty = await app.http().post('/outages/o-fix/corrections').send({ reason: 'nothing' });
    expect(empty.status).toBe(422);
  });

  it('answers 404 for an unknown outage, on reads and commands', async () => {
    const read = await app.http().get('/outages/nope');
    expect(read.status).toBe(404);
    expect(read.body).toMatchObject({ status: 404, detail: 'outage nope does not exist' });
    expect((await app.http().post('/outages/nope/end').send({ endedAt: '2026-10-05T11:00:00Z' })).status).toBe(404);
  });

  it('refuses malformed input with 400 naming what is wrong, and writes nothing', async () => {
    const before = await app.running.storage.events.headPosition();
    const unknownField = await start('o-bad', { severity: 'high' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.violations).toEqual([{ field: 'severity', problem: 'property severity should not exist' }]);
    const noOffset = await start('o-bad', { startedAt: '2026-10-05T10:00:00' });
    expect(noOffset.status).toBe(400);
    expect(noOffset.body.detail).toMatch(/startedAt must be an ISO-8601 date-time with an offset/);
    const badScope = await start('o-bad', { scope: { kind: 'regions' } });
    expect(badScope.status).toBe(400);
    expect(badScope.body.detail).toMatch(/scope\.regions/);
    const mixedScope = await start('o-bad', { scope: { kind: 'platform', regions: ['fra'] } });
    expect(mixedScope.status).toBe(400);
    const badImpact = await start('o-bad', { impact: 'down' });
    expect(badImpact.status).toBe(400);
    const badId = await start('../etc');
    expect(badId.status).toBe(400);
    const notJson = await app.http().post('/outages').set('content-type', 'application/json').send('{"scope":');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ status: 400, detail: 'the body is not valid JSON' });
    const future = await start('o-future', { startedAt: '2999-01-01T00:00:00Z' });
    expect(future.status).toBe(422);
    expect(await app.running.storage.events.headPosition()).toBe(before);
  });

  it('reports the store and projection lag on /health', async () => {
    const health = await app.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', store: 'reachable' });
    expect(health.body.projections[0]).toMatchObject({ name: 'entity-states', running: true });
  });
});
