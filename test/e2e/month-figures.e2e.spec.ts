import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { defineWorkedExampleReferences, fra, ok, workedExampleCustomer } from '../support/worked-example.js';

/**
 * A month's list is read from stored figures that the projection keeps up to date; one customer's
 * month is computed from the incidents each time. After every kind of change, on a month stored
 * before the change, the two must agree for every customer, and the list must hold exactly the
 * customers subscribed in the month.
 */
const sin = { kind: 'regions', regions: ['sin'] };
const MONTHS = ['2026-10', '2026-11'];
/**
 * The story is told in November 2026, while that month is still open: only then does an open outage
 * make its month `ongoing`. The app's clock starts here and runs on at its real pace; timers stay real.
 */
const STORY_NOW = '2026-11-20T12:00:00Z';
const BASIC = {
  id: 'basic',
  name: 'Basic',
  availabilityTarget: '99.5',
  creditPolicy: { kind: 'pro-rata-downtime' },
  responseTimeMinutes: 1440,
  supportHours: 'always',
  supportChannels: ['email'],
};

interface Item {
  customerId: string;
  [field: string]: unknown;
}

describeOnBackends('stored month figures', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    jest.useFakeTimers({
      now: Date.parse(STORY_NOW),
      advanceTimers: true,
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    });
    app = await startTestApp(backend);
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra'));
    await ok(app, 'post', '/customers', workedExampleCustomer('globex', 'sin'));
    await ok(app, 'post', '/customers', workedExampleCustomer('initech', 'fra', { regions: ['fra', 'sin'] }));
    await ok(app, 'post', '/customers', workedExampleCustomer('umbrella', 'sin', { activeFrom: '2026-10-10T00:00:00Z' }));
    await ok(app, 'post', '/customers', workedExampleCustomer('hooli', 'fra', { activeFrom: '2026-11-05T00:00:00Z' }));
    // Both months are stored before anything happens in them.
    for (const month of MONTHS) await list(month);
  });
  afterAll(async () => {
    await app?.close();
    jest.useRealTimers();
  });

  async function list(month: string): Promise<Item[]> {
    const body = await ok(app, 'get', `/availability/${month}?limit=1000`);
    return body.items as Item[];
  }

  /** Every field of the list item, computed for the customer alone (the explanation left out). */
  async function alone(customerId: string, month: string): Promise<Item> {
    const { intervals: _intervals, downtimeOutageIds: _outages, ...figures } = await explained(customerId, month);
    return figures as Item;
  }

  async function explained(customerId: string, month: string): Promise<Item> {
    return (await ok(app, 'get', `/customers/${customerId}/availability/${month}`)) as Item;
  }

  /**
   * The list item equals the customer computed alone. While an incident is open the two may have
   * been computed a few seconds apart: each second between is then counted once, as Down Time or
   * as excluded maintenance time, and nothing else moves.
   */
  function expectSameFigures(listed: Item, single: Item): void {
    // The two reads are a moment apart (seconds on a busy machine): what an open incident reaches
    // moves with the clock in between, Down Time and excluded time alike.
    const moving = ['computedAt', 'downtimeSeconds', 'downtimeMinutes', 'availabilityRate', 'belowTarget', 'excludedMinutes'];
    const still = (item: Item) => Object.fromEntries(Object.entries(item).filter(([field]) => !moving.includes(field)));
    expect(still(listed)).toEqual(still(single));
    const between = (Date.parse(single.computedAt as string) - Date.parse(listed.computedAt as string)) / 1000;
    const excluded = (item: Item) => item.excludedMinutes as Record<string, number>;
    const grewBy: Record<string, number> = { downtime: (single.downtimeSeconds as number) - (listed.downtimeSeconds as number) };
    for (const kind of Object.keys(excluded(listed))) grewBy[kind] = Math.round((excluded(single)[kind]! - excluded(listed)[kind]!) * 60) || 0;
    // Each figure stands still or grew by exactly the time between (an open source counts up to now, R5).
    for (const [figure, grew] of Object.entries(grewBy)) {
      expect({ customer: listed.customerId, figure, grew }).toEqual({ customer: listed.customerId, figure, grew: grew === 0 ? 0 : between });
    }
    // An open outage, maintenance or emergency reaching the customer (ongoing) makes each second
    // between count once: as Down Time, or excluded as scheduled or emergency maintenance. With none
    // open, none of these moves (an open outage with an excluded cause grows its exclusions alone).
    const counted = grewBy.downtime! + grewBy.scheduledMaintenance! + grewBy.emergencyMaintenance!;
    expect({ customer: listed.customerId, ongoing: listed.ongoing, counted }).toEqual({ customer: listed.customerId, ongoing: listed.ongoing, counted: listed.ongoing ? between : 0 });
    if (Object.values(grewBy).every((grew) => grew === 0)) expect(listed).toEqual({ ...single, computedAt: listed.computedAt });
  }

  async function expectListEqualsEachAlone(subscribed: Record<string, string[]>): Promise<Record<string, Record<string, Item>>> {
    const byMonth: Record<string, Record<string, Item>> = {};
    for (const month of MONTHS) {
      const items = await list(month);
      expect({ month, customers: items.map((i) => i.customerId) }).toEqual({ month, customers: [...subscribed[month]!].sort() });
      byMonth[month] = {};
      for (const item of items) {
        expectSameFigures(item, await alone(item.customerId, month));
        byMonth[month]![item.customerId] = item;
      }
    }
    return byMonth;
  }

  const everyone = { '2026-10': ['acme', 'globex', 'initech', 'umbrella'], '2026-11': ['acme', 'globex', 'hooli', 'initech', 'umbrella'] };

  it('agree before any incident: whole months of Coverage Period, no Down Time', async () => {
    const figures = await expectListEqualsEachAlone(everyone);
    expect(figures['2026-10']!.acme).toMatchObject({ coveragePeriodMinutes: 44_640, downtimeMinutes: 0, availabilityRate: '100.0000' });
    expect(figures['2026-10']!.umbrella).toMatchObject({ coveragePeriodMinutes: 22 * 1440 });
  });

  it('agree while an outage crossing into the next month is open, and once it ends', async () => {
    await ok(app, 'post', '/outages', { id: 'fra-long', scope: fra, impact: 'unavailable', title: 'fra down', startedAt: '2026-10-31T23:00:00Z' });
    let figures = await expectListEqualsEachAlone(everyone);
    // Still open: October counts its last hour, November counts up to now.
    expect(figures['2026-10']!.acme).toMatchObject({ downtimeMinutes: 60, ongoing: false });
    expect(figures['2026-11']!.acme).toMatchObject({ ongoing: true });
    expect(figures['2026-11']!.globex).toMatchObject({ downtimeMinutes: 0, ongoing: false });

    await ok(app, 'post', '/outages/fra-long/end', { endedAt: '2026-11-01T01:00:00Z' });
    figures = await expectListEqualsEachAlone(everyone);
    expect(figures['2026-11']!.acme).toMatchObject({ downtimeMinutes: 60, ongoing: false });
    expect(await explained('acme', '2026-11')).toMatchObject({ downtimeMinutes: 60, downtimeOutageIds: ['fra-long'] });
    expect(figures['2026-11']!.initech).toMatchObject({ downtimeMinutes: 60 });
    expect(figures['2026-11']!.hooli).toMatchObject({ downtimeMinutes: 0 });
  });

  it('agree after a correction, a classification and its reversal', async () => {
    await ok(app, 'post', '/outages/fra-long/corrections', { startedAt: '2026-10-31T22:00:00Z', reason: 'monitoring lagged' });
    let figures = await expectListEqualsEachAlone(everyone);
    expect(figures['2026-10']!.acme).toMatchObject({ downtimeMinutes: 120 });

    await ok(app, 'post', '/outages/fra-long/classification', { exclusion: 'misuse', reason: 'customer load test' });
    figures = await expectListEqualsEachAlone(everyone);
    expect(figures['2026-10']!.acme).toMatchObject({ downtimeMinutes: 0, excludedMinutes: { exclusions: 120 } });

    await ok(app, 'post', '/outages/fra-long/classification', { exclusion: null, reason: 'it was ours after all' });
    figures = await expectListEqualsEachAlone(everyone);
    expect(figures['2026-10']!.acme).toMatchObject({ downtimeMinutes: 120, excludedMinutes: { exclusions: 0 } });
  });

  it('agree through a platform-wide outage, open then ended', async () => {
    await ok(app, 'post', '/outages', { id: 'all-nov', scope: { kind: 'platform' }, impact: 'unavailable', title: 'everything down', startedAt: '2026-11-10T10:00:00Z' });
    let figures = await expectListEqualsEachAlone(everyone);
    expect(figures['2026-11']!.globex).toMatchObject({ ongoing: true });
    await ok(app, 'post', '/outages/all-nov/end', { endedAt: '2026-11-10T10:30:00Z' });
    figures = await expectListEqualsEachAlone(everyone);
    expect(figures['2026-11']!.globex).toMatchObject({ downtimeMinutes: 30, ongoing: false });
    expect(figures['2026-11']!.hooli).toMatchObject({ downtimeMinutes: 30 });
  });

  it('agree through maintenance and emergency maintenance, and ignore a degraded outage', async () => {
    await ok(app, 'post', '/maintenances', { id: 'm-sin', scope: sin, title: 'kernel upgrade', window: { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' }, noticeSentAt: '2026-10-08T09:00:00Z' });
    await expectListEqualsEachAlone(everyone);
    await ok(app, 'post', '/maintenances/m-sin/start', { at: '2026-10-14T00:30:00Z' });
    await expectListEqualsEachAlone(everyone);
    await ok(app, 'post', '/maintenances/m-sin/complete', { at: '2026-10-14T03:30:00Z' });
    let figures = await expectListEqualsEachAlone(everyone);
    // Early start and overrun count; the window is excluded for those noticed in time (umbrella joined after the notice).
    expect(figures['2026-10']!.globex).toMatchObject({ downtimeMinutes: 60, excludedMinutes: { scheduledMaintenance: 120 } });
    expect(figures['2026-10']!.umbrella).toMatchObject({ downtimeMinutes: 180 });

    await ok(app, 'post', '/emergency-maintenances', { id: 'e-fra', scope: fra, startedAt: '2026-10-20T02:00:00Z', reason: 'zero-day patch' });
    await expectListEqualsEachAlone(everyone);
    await ok(app, 'post', '/emergency-maintenances/e-fra/end', { endedAt: '2026-10-20T02:45:00Z' });
    figures = await expectListEqualsEachAlone(everyone);
    expect(figures['2026-10']!.acme).toMatchObject({ excludedMinutes: { emergencyMaintenance: 45 } });

    await ok(app, 'post', '/outages', { id: 'sin-slow', scope: sin, impact: 'degraded', title: 'sin slow', startedAt: '2026-10-22T08:00:00Z' });
    figures = await expectListEqualsEachAlone(everyone);
    expect(figures['2026-10']!.globex).toMatchObject({ downtimeMinutes: 60 });
  });

  it('compute a month that has not begun without storing it, and answer 400 for months out of range', async () => {
    const future = await list('2099-01');
    expect(future.map((i) => i.customerId)).toEqual(['acme', 'globex', 'hooli', 'initech', 'umbrella']);
    for (const item of future) expectSameFigures(item, await alone(item.customerId, '2099-01'));
    const { rows } = await app.running.storage.database.query<{ month: string }>(`SELECT month FROM ${app.config.readModelSchema}.availability_months_kept ORDER BY month`);
    expect(rows.map((r) => r.month)).toEqual(MONTHS);
    for (const month of ['0000-01', '9999-12', '2026-13']) {
      const response = await app.http().get(`/availability/${month}`);
      expect({ month, status: response.status }).toEqual({ month, status: 400 });
    }
  });

  it('agree after a customer moves region, changes plan, joins or leaves', async () => {
    await ok(app, 'post', '/outages', { id: 'sin-oct', scope: sin, impact: 'unavailable', title: 'sin down', startedAt: '2026-10-25T08:00:00Z' });
    await ok(app, 'post', '/outages/sin-oct/end', { endedAt: '2026-10-25T09:00:00Z' });
    await expectListEqualsEachAlone(everyone);

    // acme moves to sin before the sin outage: it now counts it, and still the fra hours before the move.
    await ok(app, 'post', '/customers/acme/regions', { regions: ['sin'], effectiveAt: '2026-10-24T00:00:00Z' });
    let figures = await expectListEqualsEachAlone(everyone);
    expect((await explained('acme', '2026-10')).downtimeOutageIds).toEqual(['sin-oct']);

    await ok(app, 'post', '/customers', workedExampleCustomer('stark', 'sin', { activeFrom: '2026-10-25T08:30:00Z' }));
    const withStark = { '2026-10': [...everyone['2026-10'], 'stark'], '2026-11': [...everyone['2026-11'], 'stark'] };
    figures = await expectListEqualsEachAlone(withStark);
    expect(figures['2026-10']!.stark).toMatchObject({ downtimeMinutes: 30 });

    // A plan change takes effect from the next coverage start: November is judged against basic's 99.5.
    await ok(app, 'post', '/plans', { ...BASIC });
    await ok(app, 'post', '/customers/initech/plan', { planId: 'basic', effectiveAt: '2026-10-15T00:00:00Z' });
    figures = await expectListEqualsEachAlone(withStark);
    expect(figures['2026-10']!.initech).toMatchObject({ planId: 'pro', target: '99.9' });
    expect(figures['2026-11']!.initech).toMatchObject({ planId: 'basic', target: '99.5' });

    // Offboarded at the end of October: gone from November's list.
    await ok(app, 'post', '/customers/globex/offboard', { at: '2026-11-01T00:00:00Z' });
    await expectListEqualsEachAlone({ '2026-10': withStark['2026-10'], '2026-11': withStark['2026-11'].filter((id) => id !== 'globex') });
  });
});
