import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { ok, refused } from '../support/worked-example.js';

const fra = { kind: 'regions', regions: ['fra'] };
const ams = { kind: 'regions', regions: ['ams'] };
const eur = (amount: number, formatted: string) => ({ amount, currency: 'EUR', formatted });

/**
 * November 2026 (UTC billing zone): 30 days, CP = 43,200 minutes for a customer subscribed all month.
 * Plan pro: target 99.9 %, pro-rata-downtime, so a month's credit is fee × DT / CP.
 *
 * - acme (fra, fee 1,936.80 EUR = 193680 minor units): one outage of Equinix, 5 Nov 10:00–12:00,
 *   DT 120 min, AR = 43080 / 43200 = 99.7222 % < 99.9 → credit 193680 × 120 / 43200 = 193680 / 360
 *   = 538 exactly. Equinix is its only cause: share 1, 538 at stake.
 * - beta (ams, fee 1,728.00 EUR = 172800): Equinix 10 Nov 10:00–12:00 and AWS 11:00–13:00, DT = the
 *   union 10:00–13:00 = 180 min → credit 172800 × 180 / 43200 = 720. 10–11 Equinix alone (60 min),
 *   11–12 both (split evenly: 30 each), 12–13 AWS alone (60): each caused 90 of the 180 minutes,
 *   share 1/2, 720 × 1/2 = 360 at stake each.
 * - So Equinix: wall clock 120 + 120 = 240 min, 2 customers, 120 + 90 = 210 customer minutes,
 *   538 + 360 = 898 EUR; AWS: 120 min, 1 customer, 90 customer minutes, 360 EUR; Google (platform,
 *   nothing attributed) zeros.
 */
describeOnBackends('what sub-processors cost, over HTTP', (backend) => {
  let app: TestApp;
  const token = async (role: string, extra: Record<string, string> = {}) => (await ok(app, 'post', '/tokens', { name: `${role}-reader`, role, ...extra })).token as string;

  beforeAll(async () => {
    app = await startTestApp(backend);
    await ok(app, 'post', '/plans', { id: 'pro', name: 'Pro', availabilityTarget: '99.9', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 240, supportHours: 'always', supportChannels: ['email'] });
    const since = '2026-01-01T00:00:00Z';
    await ok(app, 'post', '/sub-processors', { id: 'gcp', legalName: 'Google LLC', type: 'infrastructure', purpose: 'Control plane', location: 'United States', platform: true, effectiveAt: since });
    await ok(app, 'post', '/sub-processors', { id: 'equinix', legalName: 'Equinix, Inc.', aliases: ['Equinix Metal'], type: 'infrastructure', purpose: 'Bare metal', location: 'Germany, Netherlands', effectiveAt: since });
    await ok(app, 'post', '/sub-processors', { id: 'aws', legalName: 'Amazon Web Services, Inc.', type: 'infrastructure', purpose: 'Storage', location: 'Netherlands', effectiveAt: since });
    await ok(app, 'post', '/regions', { id: 'fra', name: 'Frankfurt', provider: 'Equinix Metal' });
    await ok(app, 'post', '/regions', { id: 'ams', name: 'Amsterdam', provider: 'equinix' });
    const customer = (id: string, region: string, amount: number) => ({ id, name: id.toUpperCase(), email: `ops@${id}.example`, planId: 'pro', regions: [region], monthlyFee: { amount, currency: 'EUR' }, activeFrom: '2026-10-01T00:00:00Z' });
    await ok(app, 'post', '/customers', customer('acme', 'fra', 193680));
    await ok(app, 'post', '/customers', customer('beta', 'ams', 172800));
    // By alias, by id and by legal name: each links to its entry.
    await ok(app, 'post', '/outages', { id: 'eq-fra', scope: fra, impact: 'unavailable', title: 'fra bare metal down', startedAt: '2026-11-05T10:00:00Z', subProcessor: 'Equinix Metal' });
    await ok(app, 'post', '/outages/eq-fra/end', { endedAt: '2026-11-05T12:00:00Z' });
    await ok(app, 'post', '/outages', { id: 'eq-ams', scope: ams, impact: 'unavailable', title: 'ams power', startedAt: '2026-11-10T10:00:00Z', subProcessor: 'equinix' });
    await ok(app, 'post', '/outages/eq-ams/end', { endedAt: '2026-11-10T12:00:00Z' });
    await ok(app, 'post', '/outages', { id: 'aws-ams', scope: ams, impact: 'unavailable', title: 'ams storage', startedAt: '2026-11-10T11:00:00Z', subProcessor: 'Amazon Web Services, Inc.' });
    await ok(app, 'post', '/outages/aws-ams/end', { endedAt: '2026-11-10T13:00:00Z' });
  });
  afterAll(async () => app?.close());

  it("takes the month's own credits: acme's is 538, beta's 720", async () => {
    expect(await ok(app, 'get', '/customers/acme/credits/2026-11')).toMatchObject({ downtimeMinutes: 120, coveragePeriodMinutes: 43_200, amount: eur(538, '5.38 EUR') });
    expect(await ok(app, 'get', '/customers/beta/credits/2026-11')).toMatchObject({ downtimeMinutes: 180, amount: eur(720, '7.20 EUR') });
  });

  it('puts all of acme\'s 538 at stake for the one 120-minute outage, and splits beta\'s overlap evenly', async () => {
    const equinix = await ok(app, 'get', '/sub-processors/equinix/impact/2026-11');
    expect(equinix).toMatchObject({ subProcessorId: 'equinix', legalName: 'Equinix, Inc.', month: '2026-11', minutes: 240, customersAffected: 2, customerMinutes: 210, credits: [eur(898, '8.98 EUR')] });
    expect(equinix.customers).toEqual([
      { customerId: 'acme', downtimeMinutes: 120, causedMinutes: 120, share: 1, credit: eur(538, '5.38 EUR'), atStake: eur(538, '5.38 EUR') },
      { customerId: 'beta', downtimeMinutes: 180, causedMinutes: 90, share: 0.5, credit: eur(720, '7.20 EUR'), atStake: eur(360, '3.60 EUR') },
    ]);
    expect(equinix.outages).toEqual([
      { id: 'eq-ams', title: 'ams power', scope: ams, impact: 'unavailable', startedAt: '2026-11-10T10:00:00Z', endedAt: '2026-11-10T12:00:00Z', subProcessor: 'equinix', exclusion: null, minutes: 120, counted: true, customersAffected: 1 },
      { id: 'eq-fra', title: 'fra bare metal down', scope: fra, impact: 'unavailable', startedAt: '2026-11-05T10:00:00Z', endedAt: '2026-11-05T12:00:00Z', subProcessor: 'Equinix Metal', exclusion: null, minutes: 120, counted: true, customersAffected: 1 },
    ]);
    const aws = await ok(app, 'get', '/sub-processors/aws/impact/2026-11');
    expect(aws).toMatchObject({ minutes: 120, customersAffected: 1, customerMinutes: 90, credits: [eur(360, '3.60 EUR')] });
    expect(aws.customers).toEqual([{ customerId: 'beta', downtimeMinutes: 180, causedMinutes: 90, share: 0.5, credit: eur(720, '7.20 EUR'), atStake: eur(360, '3.60 EUR') }]);
    expect(await ok(app, 'get', '/sub-processors/gcp/impact/2026-11')).toMatchObject({ minutes: 0, customersAffected: 0, customerMinutes: 0, credits: [], outages: [], customers: [] });
  });

  it('ranks every entry by credits, then customer minutes', async () => {
    const ranking = await ok(app, 'get', '/sub-processors/impact/2026-11');
    expect(ranking.month).toBe('2026-11');
    expect(ranking.items.map((i: Record<string, unknown>) => [i.rank, i.subProcessorId, i.minutes, i.customersAffected, i.customerMinutes, i.credits, i.outageCount])).toEqual([
      [1, 'equinix', 240, 2, 210, [eur(898, '8.98 EUR')], 2],
      [2, 'aws', 120, 1, 90, [eur(360, '3.60 EUR')], 1],
      [3, 'gcp', 0, 0, 0, [], 0],
    ]);
    // October had nothing attributed: everyone at zero, by id.
    expect((await ok(app, 'get', '/sub-processors/impact/2026-10')).items.map((i: { subProcessorId: string }) => i.subProcessorId)).toEqual(['aws', 'equinix', 'gcp']);
  });

  it('is read by ops, support and finance, not by a customer', async () => {
    for (const role of ['ops', 'support', 'finance']) {
      const as = await token(role);
      expect((await app.http({ as }).get('/sub-processors/impact/2026-11')).status).toBe(200);
      expect((await app.http({ as }).get('/sub-processors/equinix/impact/2026-11')).body.credits).toEqual([eur(898, '8.98 EUR')]);
    }
    const customer = await token('customer', { customerId: 'acme' });
    expect((await app.http({ as: customer }).get('/sub-processors/equinix/impact/2026-11')).status).toBe(403);
    expect((await app.http({ as: customer }).get('/sub-processors/impact/2026-11')).status).toBe(403);
  });

  it('refuses a month that is not YYYY-MM (400 with detail) and an unregistered entry (404)', async () => {
    const bad = await refused(app, 400, [
      () => app.http().get('/sub-processors/equinix/impact/2026-13'),
      () => app.http().get('/sub-processors/impact/november'),
      () => app.http().get('/sub-processors/equinix/impact/2026-1'),
    ]);
    for (const response of bad) expect(response.body.detail).toMatch(/is not a calendar month: use YYYY-MM/);
    const [unknown] = await refused(app, 404, [() => app.http().get('/sub-processors/ovh/impact/2026-11')]);
    expect(unknown!.body).toMatchObject({ status: 404, type: expect.stringMatching(/\/problems\/not-found$/), detail: expect.stringContaining('sub-processor ovh is not registered') });
  });
});
