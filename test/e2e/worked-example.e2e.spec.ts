import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { fra, ok as send, setUpWorkedExample } from '../support/worked-example.js';

/**
 * The worked example of the contract's rules, through the HTTP API only, with the figures
 * worked out by hand there: CP 44,640 min, DT 120 + 30 + 60 = 210 min, AR 99.5296 %.
 */
describeOnBackends('the worked example', (backend) => {
  let app: TestApp;
  const ok = (method: 'post' | 'get', path: string, body?: object) => send(app, method, path, body);

  beforeAll(async () => {
    app = await startTestApp(backend);
    await setUpWorkedExample(app);
  });
  afterAll(async () => app?.close());

  it('refuses the late maintenance unless its Down Time is accepted, naming the earliest compliant start', async () => {
    const refused = await app.http().post('/maintenances').send({
      id: 'm-21-refused',
      scope: fra,
      title: 'storage firmware',
      window: { start: '2026-10-21T01:00:00Z', end: '2026-10-21T02:00:00Z' },
      noticeSentAt: '2026-10-19T09:00:00Z',
    });
    expect(refused.status).toBe(422);
    // Working days after Mon 19: Tue 20, Wed 21, Thu 22 → Fri 23 00:00 in Paris.
    expect(refused.body.earliestCompliantStart).toBe('2026-10-22T22:00:00Z');
  });

  it("computes acme's October exactly: DT 210 min, AR 99.5296 %, below 99.9", async () => {
    const report = await ok('get', '/customers/acme/availability/2026-10');
    expect(report).toMatchObject({
      customerId: 'acme',
      month: '2026-10',
      coveragePeriodMinutes: 44640,
      downtimeMinutes: 210,
      availabilityRate: '99.5296',
      target: '99.9',
      belowTarget: true,
      ongoing: false,
      excludedMinutes: { scheduledMaintenance: 120, emergencyMaintenance: 45, exclusions: 0 },
    });
    const downtime = report.intervals.filter((i: { treatment: string }) => i.treatment === 'downtime');
    expect(downtime.reduce((sum: number, i: { minutes: number }) => sum + i.minutes, 0)).toBe(210);
    const sources = new Set(downtime.flatMap((i: { sources: { id: string }[] }) => i.sources.map((s) => s.id)));
    expect([...sources].sort()).toEqual(['all-1', 'fra-1', 'm-14', 'm-21']);
    for (const interval of downtime) for (const source of interval.sources) expect(source.eventIds.length).toBeGreaterThan(0);
    expect(downtime.find((i: { start: string }) => i.start === '2026-10-14T03:00:00Z')).toMatchObject({ end: '2026-10-14T03:30:00Z', minutes: 30 });
    // The documented spelling of each kind of source: 45 min of emergency maintenance e-27, excluded.
    const emergency = report.intervals.filter((i: { treatment: string }) => i.treatment === 'excluded-emergency-maintenance');
    expect(emergency.flatMap((i: { sources: { kind: string; id: string }[] }) => i.sources.map((s) => `${s.kind} ${s.id}`))).toEqual(['emergency-maintenance e-27']);
    expect(emergency.reduce((sum: number, i: { minutes: number }) => sum + i.minutes, 0)).toBe(45);
    expect(new Set(downtime.flatMap((i: { sources: { kind: string }[] }) => i.sources.map((s) => s.kind)))).toEqual(new Set(['outage', 'maintenance']));
  });

  it('counts the sin outage and the platform outage for globex: 120 min, AR 99.7312 %', async () => {
    const report = await ok('get', '/customers/globex/availability/2026-10');
    expect(report).toMatchObject({ downtimeMinutes: 120, availabilityRate: '99.7312', belowTarget: true });
  });

  it('lists the month for every customer, filtered below target', async () => {
    const month = await ok('get', '/availability/2026-10?belowTarget=true');
    expect(month.total).toBe(2);
    expect(month.items.map((i: { customerId: string; availabilityRate: string }) => [i.customerId, i.availabilityRate]).sort()).toEqual([
      ['acme', '99.5296'],
      ['globex', '99.7312'],
    ]);
  });

  it('drops acme to 100 % in November and refuses a malformed month', async () => {
    expect(await ok('get', '/customers/acme/availability/2026-11')).toMatchObject({ coveragePeriodMinutes: 43200, downtimeMinutes: 0, availabilityRate: '100.0000', belowTarget: false });
    const bad = await app.http().get('/customers/acme/availability/2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/use YYYY-MM/);
    expect((await app.http().get('/customers/nobody/availability/2026-10')).status).toBe(404);
  });
});
