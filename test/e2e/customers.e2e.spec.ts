import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

const fee = { amount: 200000, currency: 'EUR' };

function customer(id: string, extra: Record<string, unknown> = {}) {
  return { id, name: `Customer ${id}`, email: `ops@${id}.example`, planId: 'pro', regions: ['fra'], monthlyFee: fee, activeFrom: '2026-10-01T00:00:00Z', ...extra };
}

describeOnBackends('customers over HTTP', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
    const plan = { availabilityTarget: '99.9', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 240, supportHours: 'always', supportChannels: ['email'] };
    for (const id of ['pro', 'premium']) expect((await app.http().post('/plans').send({ id, name: id, ...plan })).status).toBe(201);
    for (const id of ['fra', 'sin']) expect((await app.http().post('/regions').send({ id, name: id })).status).toBe(201);
  });
  afterAll(async () => app?.close());

  const onboard = (body: Record<string, unknown>) => app.http().post('/customers').send(body);
  const changePlan = (id: string, body: Record<string, unknown>) => app.http().post(`/customers/${id}/plan`).send(body);
  const changeRegions = (id: string, body: Record<string, unknown>) => app.http().post(`/customers/${id}/regions`).send(body);
  const offboard = (id: string, body: Record<string, unknown>) => app.http().post(`/customers/${id}/offboard`).send(body);
  const head = () => app.running.storage.events.headPosition();

  /** Runs the requests one by one, expects each status, and that none of them wrote anything. */
  async function refused(status: number, requests: (() => ReturnType<typeof onboard>)[]) {
    const before = await head();
    const responses = [];
    for (const [k, send] of requests.entries()) {
      const response = await send();
      expect({ request: k, status: response.status }).toEqual({ request: k, status });
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      responses.push(response);
    }
    expect(await head()).toBe(before);
    return responses;
  }

  describe('POST /customers', () => {
    it('onboards a customer, normalised to UTC, and reads it back at once', async () => {
      const created = await onboard(customer('acme', { activeFrom: '2026-10-01T02:00:00+02:00' }));
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe('/customers/acme');
      expect(created.body).toEqual({
        id: 'acme',
        name: 'Customer acme',
        email: 'ops@acme.example',
        timeZone: null,
        plan: 'pro',
        regions: ['fra'],
        monthlyFee: { amount: 200000, currency: 'EUR', formatted: '2,000.00 EUR' },
        activeFrom: '2026-10-01T00:00:00Z',
        offboardedAt: null,
        plans: [{ from: '2026-10-01T00:00:00Z', planId: 'pro' }],
        footprint: [{ from: '2026-10-01T00:00:00Z', regions: ['fra'] }],
      });
      const read = await app.http().get('/customers/acme');
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('accepts a free customer and several regions, each counted once', async () => {
      const created = await onboard(customer('c-free', { monthlyFee: { amount: 0, currency: 'USD' }, regions: ['fra', 'sin', 'fra'] }));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ monthlyFee: { amount: 0, currency: 'USD' }, regions: ['fra', 'sin'] });
    });

    it('refuses a second onboarding of the same id with 409, and writes nothing', async () => {
      expect((await onboard(customer('c-twice'))).status).toBe(201);
      const [again] = await refused(409, [() => onboard(customer('c-twice', { planId: 'premium' }))]);
      expect(again!.body).toMatchObject({ status: 409, title: 'Conflict', detail: 'customer c-twice already exists' });
    });

    it('lets one of two concurrent onboardings win; the other gets 409', async () => {
      const [a, b] = await Promise.all([onboard(customer('c-race', { name: 'A' })), onboard(customer('c-race', { name: 'B' }))]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const winner = a.status === 201 ? a : b;
      expect((await app.http().get('/customers/c-race')).body).toEqual(winner.body);
    });

    it('refuses an unknown plan or region with 400 naming it, and writes nothing', async () => {
      const [plan, region, regions, both] = await refused(400, [
        () => onboard(customer('c-ref', { planId: 'gold' })),
        () => onboard(customer('c-ref', { regions: ['fra', 'ams'] })),
        () => onboard(customer('c-ref', { regions: ['ams', 'nyc'] })),
        () => onboard(customer('c-ref', { planId: 'gold', regions: ['ams'] })),
      ]);
      expect(plan!.body).toMatchObject({ status: 400, detail: 'unknown plan gold: define it with POST /plans first' });
      expect(plan!.body.violations).toEqual([{ field: 'planId', problem: 'unknown plan gold: define it with POST /plans first' }]);
      expect(region!.body.detail).toBe('unknown region ams: register it with POST /regions first');
      expect(region!.body.violations).toEqual([{ field: 'regions', problem: 'unknown region ams: register it with POST /regions first' }]);
      expect(regions!.body.detail).toBe('unknown regions ams, nyc: register them with POST /regions first');
      expect(both!.body.violations.map((v: { field: string }) => v.field)).toEqual(['planId', 'regions']);
      expect((await app.http().get('/customers/c-ref')).status).toBe(404);
    });

    it('refuses unknown fields, at the top and in the fee, naming each', async () => {
      const [top, nested] = await refused(400, [
        () => onboard(customer('c-bad', { vip: true })),
        () => onboard(customer('c-bad', { monthlyFee: { ...fee, vat: 20 } })),
      ]);
      expect(top!.body.violations).toEqual([{ field: 'vip', problem: 'property vip should not exist' }]);
      expect(nested!.body.violations).toEqual([{ field: 'monthlyFee.vat', problem: 'property vat should not exist' }]);
    });

    it('refuses a fee that is not whole, non-negative minor units of an ISO 4217 currency', async () => {
      const [negative, float, lower, long, made_up, asString] = await refused(
        400,
        [
          { amount: -1, currency: 'EUR' },
          { amount: 10.5, currency: 'EUR' },
          { amount: 100, currency: 'eur' },
          { amount: 100, currency: 'EURO' },
          { amount: 100, currency: 'ABC' },
          { amount: '100', currency: 'EUR' },
          { amount: 100 },
          { currency: 'EUR' },
          200000,
        ].map((monthlyFee) => () => onboard(customer('c-bad', { monthlyFee }))),
      );
      expect(negative!.body.violations).toEqual([{ field: 'monthlyFee.amount', problem: 'amount must not be less than 0' }]);
      expect(float!.body.violations).toEqual([{ field: 'monthlyFee.amount', problem: expect.stringMatching(/whole number of minor units/) }]);
      for (const response of [lower, long, made_up]) {
        expect(response!.body.violations).toEqual([{ field: 'monthlyFee.currency', problem: 'currency must be an ISO 4217 currency code in capitals, e.g. EUR' }]);
      }
      expect(new Set(asString!.body.violations.map((v: { field: string }) => v.field))).toEqual(new Set(['monthlyFee.amount']));
    });

    it('refuses a bad email, id, region list or start', async () => {
      const [email] = await refused(
        400,
        [
          { email: 'not-an-email' },
          { email: 'ops@' },
          { email: '' },
          { id: '../etc' },
          { name: '' },
          { regions: [] },
          { regions: 'fra' },
          { regions: ['f ra'] },
          { planId: '' },
          { activeFrom: '2026-10-01T00:00:00' },
          { activeFrom: '2026-02-30T00:00:00Z' },
          { activeFrom: undefined },
        ].map((extra) => () => onboard(customer('c-bad', extra))),
      );
      expect(email!.body.violations).toEqual([{ field: 'email', problem: 'email must be an email' }]);
    });
  });

  describe('POST /customers/{id}/plan', () => {
    it('changes the plan from an instant on, keeping the history', async () => {
      await onboard(customer('c-upgrade'));
      const changed = await changePlan('c-upgrade', { planId: 'premium', effectiveAt: '2026-10-15T02:00:00+02:00' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        plan: 'premium',
        plans: [
          { from: '2026-10-01T00:00:00Z', planId: 'pro' },
          { from: '2026-10-15T00:00:00Z', planId: 'premium' },
        ],
      });
      expect((await app.http().get('/customers/c-upgrade')).body).toEqual(changed.body);
    });

    it('shows a change recorded ahead of time in the history, not yet as the current plan', async () => {
      await onboard(customer('c-later'));
      const changed = await changePlan('c-later', { planId: 'premium', effectiveAt: '2099-01-01T00:00:00Z' });
      expect(changed.status).toBe(200);
      expect(changed.body.plan).toBe('pro');
      expect(changed.body.plans.at(-1)).toEqual({ from: '2099-01-01T00:00:00Z', planId: 'premium' });
    });

    it('refuses the same plan or an out-of-order change with 422, an unknown plan with 400, an unknown customer with 404', async () => {
      await onboard(customer('c-plan'));
      expect((await changePlan('c-plan', { planId: 'premium', effectiveAt: '2026-10-15T00:00:00Z' })).status).toBe(200);
      const [same, early] = await refused(422, [
        () => changePlan('c-plan', { planId: 'premium', effectiveAt: '2026-10-20T00:00:00Z' }),
        () => changePlan('c-plan', { planId: 'pro', effectiveAt: '2026-10-10T00:00:00Z' }),
      ]);
      expect(same!.body.detail).toBe('customer c-plan is already on plan premium');
      expect(early!.body.detail).toMatch(/before the customer's last recorded change \(2026-10-15T00:00:00Z\)/);
      const [unknown] = await refused(400, [
        () => changePlan('c-plan', { planId: 'gold', effectiveAt: '2026-10-20T00:00:00Z' }),
        () => changePlan('c-plan', { planId: 'pro', effectiveAt: '2026-10-20' }),
        () => changePlan('c-plan', { planId: 'pro', effectiveAt: '2026-10-20T00:00:00Z', reason: 'x' }),
      ]);
      expect(unknown!.body).toMatchObject({ detail: 'unknown plan gold: define it with POST /plans first', violations: [{ field: 'planId' }] });
      const [missing] = await refused(404, [() => changePlan('ghost', { planId: 'pro', effectiveAt: '2026-10-20T00:00:00Z' })]);
      expect(missing!.body.detail).toMatch(/customer ghost does not exist/);
    });
  });

  describe('POST /customers/{id}/regions', () => {
    it('changes the footprint from an instant on, keeping the history', async () => {
      await onboard(customer('c-move'));
      const changed = await changeRegions('c-move', { regions: ['sin', 'fra'], effectiveAt: '2026-10-20T00:00:00Z' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        regions: ['sin', 'fra'],
        footprint: [
          { from: '2026-10-01T00:00:00Z', regions: ['fra'] },
          { from: '2026-10-20T00:00:00Z', regions: ['sin', 'fra'] },
        ],
      });
      expect((await app.http().get('/customers/c-move')).body).toEqual(changed.body);
    });

    it('refuses an unknown region with 400, the same regions or an out-of-order change with 422, an unknown customer with 404', async () => {
      await onboard(customer('c-regions'));
      const [unknown] = await refused(400, [
        () => changeRegions('c-regions', { regions: ['fra', 'ams'], effectiveAt: '2026-10-20T00:00:00Z' }),
        () => changeRegions('c-regions', { regions: [], effectiveAt: '2026-10-20T00:00:00Z' }),
        () => changeRegions('c-regions', { effectiveAt: '2026-10-20T00:00:00Z' }),
      ]);
      expect(unknown!.body).toMatchObject({ detail: 'unknown region ams: register it with POST /regions first', violations: [{ field: 'regions' }] });
      const [same] = await refused(422, [
        () => changeRegions('c-regions', { regions: ['fra', 'fra'], effectiveAt: '2026-10-20T00:00:00Z' }),
        () => changeRegions('c-regions', { regions: ['sin'], effectiveAt: '2026-09-20T00:00:00Z' }),
      ]);
      expect(same!.body.detail).toBe('customer c-regions is already in exactly these regions');
      await refused(404, [() => changeRegions('ghost', { regions: ['sin'], effectiveAt: '2026-10-20T00:00:00Z' })]);
    });
  });

  describe('POST /customers/{id}/offboard', () => {
    it('offboards a customer, after which it can no longer change (409)', async () => {
      await onboard(customer('c-leave'));
      const left = await offboard('c-leave', { at: '2026-11-01T01:00:00+01:00' });
      expect(left.status).toBe(200);
      expect(left.body).toMatchObject({ id: 'c-leave', offboardedAt: '2026-11-01T00:00:00Z', plan: 'pro', regions: ['fra'] });
      expect((await app.http().get('/customers/c-leave')).body).toEqual(left.body);
      const [again] = await refused(409, [
        () => offboard('c-leave', { at: '2026-11-02T00:00:00Z' }),
        () => changePlan('c-leave', { planId: 'premium', effectiveAt: '2026-11-05T00:00:00Z' }),
        () => changeRegions('c-leave', { regions: ['sin'], effectiveAt: '2026-11-05T00:00:00Z' }),
      ]);
      expect(again!.body.detail).toBe('customer c-leave was offboarded at 2026-11-01T00:00:00Z');
    });

    it('refuses an offboarding at or before the start with 422, a malformed one with 400, an unknown customer with 404', async () => {
      await onboard(customer('c-stay'));
      const [early] = await refused(422, [() => offboard('c-stay', { at: '2026-09-30T00:00:00Z' }), () => offboard('c-stay', { at: '2026-10-01T00:00:00Z' })]);
      expect(early!.body.detail).toMatch(/must be after the subscription start 2026-10-01T00:00:00Z/);
      await refused(400, [() => offboard('c-stay', {}), () => offboard('c-stay', { at: 'tomorrow' }), () => offboard('c-stay', { at: '2026-11-01T00:00:00Z', why: 'x' })]);
      await refused(404, [() => offboard('ghost', { at: '2026-11-01T00:00:00Z' })]);
      expect((await app.http().get('/customers/c-stay')).body.offboardedAt).toBeNull();
    });
  });

  describe('GET /customers', () => {
    it('answers 404 for an unknown customer', async () => {
      const missing = await app.http().get('/customers/nobody');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ status: 404, detail: expect.stringContaining('customer nobody does not exist') });
    });

    it('lists customers in pages, as the same views as one by one', async () => {
      await onboard(customer('c-page-1', { activeFrom: '2026-07-01T00:00:00Z' }));
      await onboard(customer('c-page-2', { activeFrom: '2026-08-01T00:00:00Z' }));
      const all = await app.http().get('/customers?limit=1000');
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ offset: 0, limit: 1000 });
      expect(all.body.total).toBe(all.body.items.length);
      expect(all.body.items).toContainEqual((await app.http().get('/customers/c-page-1')).body);
      const page = await app.http().get('/customers?limit=2&offset=1');
      expect(page.body).toMatchObject({ offset: 1, limit: 2, total: all.body.total });
      expect(page.body.items).toEqual(all.body.items.slice(1, 3));
      expect((await app.http().get('/customers?limit=5000')).status).toBe(400);
      expect((await app.http().get('/customers?offset=-1')).status).toBe(400);
    });

    it('finds customers by a piece of their id, name or email, in any case, across every page', async () => {
      await onboard(customer('srch-initech', { name: 'Initech GmbH', email: 'billing@initech.example' }));
      await onboard(customer('srch-hooli', { name: 'Hooli 100% Cloud', email: 'ops@hooli.example' }));
      await onboard(customer('srch-umbrella', { name: 'Umbrella', email: 'it@umbrella-corp.example' }));
      const ids = async (query: string) => {
        const response = await app.http().get(`/customers?${query}`);
        expect(response.status).toBe(200);
        return { total: response.body.total, ids: (response.body.items as { id: string }[]).map((c) => c.id).sort() };
      };
      expect(await ids('search=INITECH')).toEqual({ total: 1, ids: ['srch-initech'] });
      expect(await ids('search=srch-')).toEqual({ total: 3, ids: ['srch-hooli', 'srch-initech', 'srch-umbrella'] });
      expect(await ids('search=hooli.example')).toEqual({ total: 1, ids: ['srch-hooli'] });
      // % and _ are the text's own characters, not patterns: as patterns these two would match.
      expect(await ids(`search=${encodeURIComponent('Hooli%Cloud')}`)).toEqual({ total: 0, ids: [] });
      expect(await ids('search=umbrella_corp')).toEqual({ total: 0, ids: [] });
      expect(await ids(`search=${encodeURIComponent('100% cloud')}`)).toEqual({ total: 1, ids: ['srch-hooli'] });
      // Paged like the whole list: same start, then by id.
      expect(await ids('search=srch-&limit=1&offset=1')).toEqual({ total: 3, ids: ['srch-initech'] });
      const tooLong = await app.http().get(`/customers?search=${'x'.repeat(101)}`);
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.detail).toContain('search must be 1 to 100 characters');
      expect((await app.http().get('/customers?search=')).status).toBe(400);
    });
  });
});
