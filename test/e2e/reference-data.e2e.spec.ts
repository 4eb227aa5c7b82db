import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

const officeHours = { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
const tiers = [
  { below: '99.99', percent: 10 },
  { below: '99.0', percent: 25 },
  { below: '95', percent: 100 },
];

function plan(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: `Plan ${id}`,
    availabilityTarget: '99.9',
    creditPolicy: { kind: 'tiers', tiers },
    responseTimeMinutes: 240,
    supportHours: officeHours,
    supportChannels: ['email', 'portal'],
    ...extra,
  };
}

describeOnBackends('plans and regions over HTTP', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
  });
  afterAll(async () => app?.close());

  const definePlan = (body: Record<string, unknown>) => app.http().post('/plans').send(body);
  const head = () => app.running.storage.events.headPosition();

  /** Sends each body, expects each to be refused with 400, and that none of them wrote anything. */
  async function refusedWith400(bodies: Record<string, unknown>[], send = definePlan) {
    const before = await head();
    const responses = [];
    for (const body of bodies) {
      const response = await send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      responses.push(response);
    }
    expect(await head()).toBe(before);
    return responses;
  }

  describe('POST /plans', () => {
    it('defines a plan with a tiered policy and office hours, and reads it back at once', async () => {
      const created = await definePlan(plan('p-tiers'));
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe('/plans/p-tiers');
      expect(created.body).toEqual(plan('p-tiers'));
      const read = await app.http().get('/plans/p-tiers');
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('defines plans with the pro-rata policies and round-the-clock support', async () => {
      const downtime = await definePlan(plan('p-downtime', { creditPolicy: { kind: 'pro-rata-downtime' }, supportHours: 'always', availabilityTarget: '100' }));
      expect(downtime.status).toBe(201);
      expect(downtime.body).toMatchObject({ creditPolicy: { kind: 'pro-rata-downtime' }, supportHours: 'always', availabilityTarget: '100' });
      const shortfall = await definePlan(plan('p-shortfall', { creditPolicy: { kind: 'pro-rata-shortfall' }, availabilityTarget: '99.123456' }));
      expect(shortfall.status).toBe(201);
      expect(shortfall.body).toMatchObject({ creditPolicy: { kind: 'pro-rata-shortfall' }, availabilityTarget: '99.123456' });
    });

    it('keeps the target exactly as written, and stores the canonical zone name and sorted days', async () => {
      const created = await definePlan(plan('p-canonical', { availabilityTarget: '99.90', supportHours: { ...officeHours, timeZone: 'europe/paris', days: [5, 1, 3] } }));
      expect(created.status).toBe(201);
      expect(created.body.availabilityTarget).toBe('99.90');
      expect(created.body.supportHours).toEqual({ ...officeHours, days: [1, 3, 5] });
    });

    it('refuses to redefine a plan with 409, and writes nothing', async () => {
      expect((await definePlan(plan('p-once'))).status).toBe(201);
      const before = await head();
      const again = await definePlan(plan('p-once', { availabilityTarget: '99.5' }));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ status: 409, title: 'Conflict', detail: expect.stringContaining('plan p-once is already defined') });
      expect(await head()).toBe(before);
      expect((await app.http().get('/plans/p-once')).body.availabilityTarget).toBe('99.9');
    });

    it('lets one of two concurrent definitions of a plan win; the other gets 409', async () => {
      const [a, b] = await Promise.all([definePlan(plan('p-race', { name: 'A' })), definePlan(plan('p-race', { name: 'B' }))]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const winner = a.status === 201 ? a : b;
      expect((await app.http().get('/plans/p-race')).body.name).toBe(winner.body.name);
    });

    it('refuses unknown fields, at the top and nested, naming each', async () => {
      const [top, policy, tier, hours] = await refusedWith400([
        plan('p-bad', { currency: 'EUR' }),
        plan('p-bad', { creditPolicy: { kind: 'pro-rata-downtime', cap: 50 } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: [{ below: '99', percent: 10, note: 'x' }] } }),
        plan('p-bad', { supportHours: { ...officeHours, holidays: true } }),
      ]);
      expect(top!.body.violations).toEqual([{ field: 'currency', problem: 'property currency should not exist' }]);
      expect(policy!.body.violations).toEqual([{ field: 'creditPolicy.cap', problem: 'property cap should not exist' }]);
      expect(tier!.body.violations).toEqual([{ field: 'creditPolicy.tiers.0.note', problem: 'property note should not exist' }]);
      expect(hours!.body.violations).toEqual([{ field: 'supportHours.holidays', problem: 'property holidays should not exist' }]);
    });

    it('refuses a target that is not a decimal string in (0, 100]', async () => {
      const responses = await refusedWith400(
        ['99.9%', '0', '0.000000', '100.000001', '101', '99,9', '99.1234567', '.9', '1e2', ' 99.9', 99.9, null].map((target) => plan('p-bad', { availabilityTarget: target })),
      );
      expect(responses[0]!.body.detail).toMatch(/availabilityTarget must be a percentage above 0 and at most 100, written as a decimal string/);
      expect(responses[0]!.body.violations.map((v: { field: string }) => v.field)).toEqual(['availabilityTarget']);
    });

    it('refuses tiers out of order with 400 saying which order is expected', async () => {
      const [rising, shrinking, equal] = await refusedWith400([
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: [{ below: '99', percent: 10 }, { below: '99.9', percent: 25 }] } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: [{ below: '99.9', percent: 25 }, { below: '99', percent: 10 }] } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: [{ below: '99.0', percent: 10 }, { below: '99', percent: 25 }] } }),
      ]);
      for (const response of [rising, shrinking, equal]) {
        expect(response!.body.violations).toEqual([{ field: 'creditPolicy.tiers', problem: expect.stringMatching(/from the highest "below" to the lowest/) }]);
      }
    });

    it('accepts tiers with equal percents as long as "below" keeps falling', async () => {
      const created = await definePlan(plan('p-flat', { creditPolicy: { kind: 'tiers', tiers: [{ below: '99.9', percent: 10 }, { below: '99.5', percent: 10 }] } }));
      expect(created.status).toBe(201);
    });

    it('refuses malformed credit policies', async () => {
      const manyTiers = Array.from({ length: 21 }, (_, k) => ({ below: String(99 - k), percent: k }));
      const responses = await refusedWith400([
        plan('p-bad', { creditPolicy: { kind: 'refund' } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers' } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: [] } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: manyTiers } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: [{ below: '99%', percent: 10 }] } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: [{ below: '99', percent: 10.5 }] } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: [{ below: '99', percent: 101 }] } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: [{ below: '99', percent: -1 }] } }),
        plan('p-bad', { creditPolicy: { kind: 'tiers', tiers: ['99'] } }),
        plan('p-bad', { creditPolicy: { kind: 'pro-rata-downtime', tiers } }),
        plan('p-bad', { creditPolicy: 'pro-rata-downtime' }),
        plan('p-bad', { creditPolicy: undefined }),
      ]);
      expect(responses[0]!.body.detail).toMatch(/kind must be one of pro-rata-downtime, pro-rata-shortfall, tiers/);
      expect(responses[9]!.body.detail).toMatch(/only a "tiers" credit policy has tiers/);
    });

    it('refuses a time zone that is not an IANA zone', async () => {
      const [mars, offset] = await refusedWith400([
        plan('p-bad', { supportHours: { ...officeHours, timeZone: 'Mars/Olympus_Mons' } }),
        plan('p-bad', { supportHours: { ...officeHours, timeZone: '+02:00' } }),
      ]);
      expect(mars!.body.violations).toEqual([{ field: 'supportHours.timeZone', problem: 'timeZone must be an IANA time zone, e.g. Europe/Paris or UTC' }]);
      expect(offset!.body.violations.map((v: { field: string }) => v.field)).toEqual(['supportHours.timeZone']);
    });

    it('refuses malformed support hours', async () => {
      const responses = await refusedWith400([
        plan('p-bad', { supportHours: 'sometimes' }),
        plan('p-bad', { supportHours: { ...officeHours, days: [] } }),
        plan('p-bad', { supportHours: { ...officeHours, days: [0, 1] } }),
        plan('p-bad', { supportHours: { ...officeHours, days: [7, 8] } }),
        plan('p-bad', { supportHours: { ...officeHours, days: [1, 1] } }),
        plan('p-bad', { supportHours: { ...officeHours, from: '9:00' } }),
        plan('p-bad', { supportHours: { ...officeHours, to: '24:00' } }),
        plan('p-bad', { supportHours: { ...officeHours, from: '18:00', to: '09:00' } }),
        plan('p-bad', { supportHours: { ...officeHours, from: '09:00', to: '09:00' } }),
        plan('p-bad', { supportHours: undefined }),
      ]);
      expect(responses[0]!.body.detail).toMatch(/supportHours must be "always" or \{ timeZone, days, from, to \}/);
      expect(responses[7]!.body.violations).toEqual([{ field: 'supportHours.to', problem: 'to must be later in the day than from' }]);
    });

    it('refuses a bad response time, support channels or id', async () => {
      await refusedWith400([
        plan('p-bad', { responseTimeMinutes: 0 }),
        plan('p-bad', { responseTimeMinutes: 100001 }),
        plan('p-bad', { responseTimeMinutes: 1.5 }),
        plan('p-bad', { responseTimeMinutes: '60' }),
        plan('p-bad', { supportChannels: [] }),
        plan('p-bad', { supportChannels: [''] }),
        plan('p-bad', { supportChannels: ['  '] }),
        plan('p-bad', { supportChannels: ['email', 'email'] }),
        plan('p-bad', { supportChannels: Array.from({ length: 11 }, (_, k) => `channel-${k}`) }),
        plan('p-bad', { supportChannels: 'email' }),
        plan('p-bad', { name: '' }),
        plan('../etc'),
        { id: 'p-bad' },
      ]);
    });

    it('lists plans and reads one, 404 for an unknown one', async () => {
      await definePlan(plan('p-listed'));
      const list = await app.http().get('/plans?limit=1000');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ offset: 0, limit: 1000 });
      expect(list.body.items).toContainEqual(plan('p-listed'));
      expect(list.body.total).toBe(list.body.items.length);
      const paged = await app.http().get('/plans?limit=1&offset=1');
      expect(paged.body.items).toEqual([list.body.items[1]]);
      expect((await app.http().get('/plans?limit=0')).status).toBe(400);
      const missing = await app.http().get('/plans/nope');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ status: 404, detail: expect.stringContaining('plan nope does not exist') });
    });
  });

  describe('POST /regions', () => {
    const register = (body: Record<string, unknown>) => app.http().post('/regions').send(body);

    it('registers a region with its provider, and reads it back at once', async () => {
      const created = await register({ id: 'fra', name: 'Frankfurt', provider: 'Equinix Metal' });
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe('/regions/fra');
      // The provider is not in the sub-processor register: kept as text, and the answer says so.
      expect(created.body).toEqual({ id: 'fra', name: 'Frankfurt', provider: 'Equinix Metal', warnings: ['sub-processor Equinix Metal is not registered: POST /sub-processors'] });
      const read = await app.http().get('/regions/fra');
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ id: 'fra', name: 'Frankfurt', provider: 'Equinix Metal' });
    });

    it('registers a region without a provider', async () => {
      const created = await register({ id: 'sin', name: 'Singapore' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: 'sin', name: 'Singapore', provider: null });
    });

    it('refuses a duplicate with 409, and writes nothing', async () => {
      await register({ id: 'ams', name: 'Amsterdam' });
      const before = await head();
      const again = await register({ id: 'ams', name: 'Amsterdam again' });
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/region ams is already registered/);
      expect(await head()).toBe(before);
    });

    it('refuses malformed regions with 400', async () => {
      const [unknownField] = await refusedWith400(
        [{ id: 'r-bad', name: 'x', country: 'DE' }, { id: 'r bad', name: 'x' }, { id: 'r-bad' }, { id: 'r-bad', name: '' }, { id: 'r-bad', name: 'x', provider: 42 }],
        register,
      );
      expect(unknownField!.body.violations).toEqual([{ field: 'country', problem: 'property country should not exist' }]);
    });

    it('lists regions and reads one, 404 for an unknown one', async () => {
      await register({ id: 'lon', name: 'London', provider: 'AWS' });
      const list = await app.http().get('/regions?limit=1000');
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual({ id: 'lon', name: 'London', provider: 'AWS' });
      expect(list.body.total).toBe(list.body.items.length);
      const missing = await app.http().get('/regions/nowhere');
      expect(missing.status).toBe(404);
      expect(missing.body.detail).toMatch(/region nowhere does not exist/);
    });
  });
});
