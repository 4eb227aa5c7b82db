import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { fra, ok, refused as expectRefused } from '../support/worked-example.js';

/**
 * Service Failure reports (§1): recorded whatever the channel, taken into account only through a
 * channel of the plan in force when the report was made.
 */
describeOnBackends('failure reports over HTTP', (backend) => {
  let app: TestApp;
  const plan = { availabilityTarget: '99.9', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 240, supportHours: 'always' };

  beforeAll(async () => {
    app = await startTestApp(backend);
    await ok(app, 'post', '/plans', { id: 'basic', name: 'Basic', ...plan, supportChannels: ['email'] });
    await ok(app, 'post', '/plans', { id: 'premium', name: 'Premium', ...plan, supportChannels: ['email', 'phone'] });
    await ok(app, 'post', '/regions', { id: 'fra', name: 'Frankfurt' });
    await ok(app, 'post', '/customers', {
      id: 'wayne',
      name: 'Wayne',
      email: 'ops@wayne.example',
      planId: 'basic',
      regions: ['fra'],
      monthlyFee: { amount: 100000, currency: 'EUR' },
      activeFrom: '2026-09-01T00:00:00Z',
    });
    // Phone support comes with premium, from 15 October.
    await ok(app, 'post', '/customers/wayne/plan', { planId: 'premium', effectiveAt: '2026-10-15T00:00:00Z' });
    await ok(app, 'post', '/outages', { id: 'o-1', scope: fra, impact: 'unavailable', title: 'fra down', startedAt: '2026-10-05T10:00:00Z' });
  });
  afterAll(async () => app?.close());

  const report = (body: Record<string, unknown>, customer = 'wayne') => app.http().post(`/customers/${customer}/failure-reports`).send(body);
  const acknowledge = (reportId: string, at: string, customer = 'wayne') =>
    app.http().post(`/customers/${customer}/failure-reports/${reportId}/acknowledgement`).send({ at });
  const valid = { reportedAt: '2026-10-05T10:20:00Z', channel: 'email', description: 'API unreachable' };

  const refused = (status: number, requests: (() => ReturnType<typeof report>)[]) => expectRefused(app, status, requests);

  it('records a report through the plan channel, taken into account, normalised to UTC, and reads it back', async () => {
    const created = await report({ id: 'r-email', ...valid, reportedAt: '2026-10-05T12:20:00+02:00', outageId: 'o-1' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('/customers/wayne/failure-reports/r-email');
    expect(created.headers['event-position']).toMatch(/^\d+$/);
    expect(created.body).toEqual({
      id: 'r-email',
      reportId: 'r-email',
      customerId: 'wayne',
      reportedAt: '2026-10-05T10:20:00Z',
      channel: 'email',
      outageId: 'o-1',
      description: 'API unreachable',
      acknowledgedAt: null,
      planId: 'basic',
      supportChannels: ['email'],
      takenIntoAccount: true,
      // Support at all hours, 240 minutes: 10:20 + 4 h; never acknowledged, long past.
      deadline: '2026-10-05T14:20:00Z',
      status: 'breached',
    });
    const read = await app.http().get('/customers/wayne/failure-reports/r-email');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('records a report through another channel but does not take it into account (§1)', async () => {
    const created = await report({ id: 'r-phone-early', ...valid, channel: 'phone', reportedAt: '2026-10-10T09:00:00Z' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ channel: 'phone', planId: 'basic', takenIntoAccount: false });
    expect((await app.http().get('/customers/wayne/failure-reports/r-phone-early')).body.takenIntoAccount).toBe(false);
  });

  it('reads the channels of the plan in force when the report was made, not of today', async () => {
    const created = await report({ id: 'r-phone-late', ...valid, channel: 'phone', reportedAt: '2026-10-20T09:00:00Z' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ planId: 'premium', supportChannels: ['email', 'phone'], takenIntoAccount: true });
  });

  it('generates an id when none is given', async () => {
    const created = await report({ ...valid, reportedAt: '2026-10-21T09:00:00Z' });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.location).toBe(`/customers/wayne/failure-reports/${created.body.id}`);
  });

  it('lists the reports in the order they were made, paged', async () => {
    const list = await app.http().get('/customers/wayne/failure-reports?limit=2');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 4, offset: 0, limit: 2 });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual(['r-email', 'r-phone-early']);
    const next = await app.http().get('/customers/wayne/failure-reports?offset=2&limit=2');
    expect(next.body.items.map((r: { takenIntoAccount: boolean }) => r.takenIntoAccount)).toEqual([true, true]);
    expect((await app.http().get('/customers/wayne/failure-reports?limit=0')).status).toBe(400);
  });

  it('acknowledges a report once; the second acknowledgement is a conflict that writes nothing', async () => {
    const acknowledged = await acknowledge('r-email', '2026-10-05T10:45:00Z');
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ id: 'r-email', acknowledgedAt: '2026-10-05T10:45:00Z', takenIntoAccount: true });
    expect((await app.http().get('/customers/wayne/failure-reports/r-email')).body.acknowledgedAt).toBe('2026-10-05T10:45:00Z');
    const [again] = await refused(409, [() => acknowledge('r-email', '2026-10-05T11:00:00Z')]);
    expect(again!.body.detail).toBe('failure report r-email was already acknowledged at 2026-10-05T10:45:00Z');
  });

  it('refuses an acknowledgement before the report or in the future with 422', async () => {
    const [before, future] = await refused(422, [() => acknowledge('r-phone-early', '2026-10-10T08:59:59Z'), () => acknowledge('r-phone-early', '2999-01-01T00:00:00Z')]);
    expect(before!.body.detail).toMatch(/before the report was made \(2026-10-10T09:00:00Z\)/);
    expect(future!.body.detail).toMatch(/in the future/);
  });

  it('refuses a report made in the future with 422', async () => {
    const [future] = await refused(422, [() => report({ id: 'r-future', ...valid, reportedAt: '2999-01-01T00:00:00Z' })]);
    expect(future!.body.detail).toMatch(/reportedAt 2999-01-01T00:00:00Z is in the future/);
  });

  it('refuses a second report with the same id with 409', async () => {
    const [again] = await refused(409, [() => report({ id: 'r-email', ...valid })]);
    expect(again!.body.detail).toBe('failure report r-email already exists');
  });

  describe('unknown customer, report or outage', () => {
    it('answers 404 for an unknown customer on every route, writing nothing', async () => {
      const [created] = await refused(404, [
        () => report({ id: 'r-x', ...valid }, 'nobody'),
        () => acknowledge('r-email', '2026-10-05T10:45:00Z', 'nobody'),
      ]);
      expect(created!.body.detail).toMatch(/customer nobody does not exist/);
      expect((await app.http().get('/customers/nobody/failure-reports')).status).toBe(404);
      expect((await app.http().get('/customers/nobody/failure-reports/r-email')).status).toBe(404);
    });

    it('answers 404 for an unknown report', async () => {
      const [ack] = await refused(404, [() => acknowledge('r-nope', '2026-10-05T10:45:00Z')]);
      expect(ack!.body.detail).toBe('failure report r-nope of customer wayne does not exist');
      const read = await app.http().get('/customers/wayne/failure-reports/r-nope');
      expect(read.status).toBe(404);
      expect(read.body.detail).toBe('failure report r-nope of customer wayne does not exist');
    });

    it('refuses a report naming an outage that was never recorded, with 400 naming the field', async () => {
      const [unknown] = await refused(400, [() => report({ id: 'r-typo', ...valid, outageId: 'o-typo' })]);
      expect(unknown!.body.violations).toEqual([{ field: 'outageId', problem: expect.stringMatching(/unknown outage o-typo/) }]);
    });
  });

  it('refuses malformed bodies with 400 naming each field, writing nothing', async () => {
    const responses = await refused(400, [
      () => report({ ...valid, description: undefined }),
      () => report({ ...valid, description: '' }),
      () => report({ ...valid, channel: '   ' }),
      () => report({ ...valid, channel: 42 }),
      () => report({ ...valid, reportedAt: '2026-10-05 10:20' }),
      () => report({ ...valid, reportedAt: '2026-10-05T10:20:00' }),
      () => report({ ...valid, id: 'has space' }),
      () => report({ ...valid, priority: 'high' }),
      () => acknowledge('r-phone-early', 'tomorrow'),
      () => app.http().post('/customers/wayne/failure-reports/r-phone-early/acknowledgement').send({ at: '2026-10-10T10:00:00Z', by: 'bob' }),
    ]);
    expect(responses.map((r) => r.body.violations[0].field)).toEqual(['description', 'description', 'channel', 'channel', 'reportedAt', 'reportedAt', 'id', 'priority', 'at', 'by']);
  });
});
