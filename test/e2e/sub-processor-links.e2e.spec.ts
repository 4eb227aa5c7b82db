import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

const basic = {
  id: 'basic',
  name: 'Basic',
  availabilityTarget: '99.5',
  creditPolicy: { kind: 'pro-rata-downtime' },
  responseTimeMinutes: 1440,
  supportHours: 'always',
  supportChannels: ['email'],
};

describeOnBackends('links to the sub-processor register over HTTP', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
    expect((await app.http().post('/plans').send(basic)).status).toBe(201);
    const registered = await app.http().post('/sub-processors').send({ id: 'gcp', legalName: 'Google LLC', aliases: ['Google Cloud Platform'], type: 'infrastructure', purpose: 'Control plane', location: 'United States', platform: true, effectiveAt: '2026-01-01T00:00:00Z' });
    expect(registered.status).toBe(201);
    expect((await app.http().post('/sub-processors').send({ id: 'equinix', legalName: 'Equinix, Inc.', type: 'infrastructure', purpose: 'Bare metal', location: 'Germany', effectiveAt: '2026-01-01T00:00:00Z' })).status).toBe(201);
    expect((await app.http().post('/sub-processors').send({ id: 'intercom', legalName: 'Intercom R&D Unlimited Company', type: 'service-specific', purpose: 'Support chat', location: 'Ireland', platform: true, effectiveAt: '2026-08-01T00:00:00Z' })).status).toBe(201);
  });
  afterAll(async () => app?.close());

  it('accepts a region whose provider is registered (by legal name, any case) without warnings, and one that is not with a warning, kept as text', async () => {
    const linked = await app.http().post('/regions').send({ id: 'fra', name: 'Frankfurt', provider: 'equinix, inc.' });
    expect(linked.status).toBe(201);
    expect(linked.body).toEqual({ id: 'fra', name: 'Frankfurt', provider: 'equinix, inc.' });
    const loose = await app.http().post('/regions').send({ id: 'hel', name: 'Helsinki', provider: 'Hetzner' });
    expect(loose.status).toBe(201);
    expect(loose.body).toEqual({ id: 'hel', name: 'Helsinki', provider: 'Hetzner', warnings: ['sub-processor Hetzner is not registered: POST /sub-processors'] });
    expect((await app.http().get('/regions/hel')).body.provider).toBe('Hetzner');
    expect((await app.http().post('/sub-processors/equinix/changes').send({ regions: ['fra'], effectiveAt: '2026-01-01T00:00:00Z', reason: 'runs fra' })).status).toBe(201);
  });

  it('accepts an outage whose sub-processor is registered by id or alias, and flags one that is not', async () => {
    const byAlias = await app.http().post('/outages').send({ id: 'o-gcp', scope: { kind: 'platform' }, impact: 'unavailable', title: 'control plane', startedAt: '2026-09-01T10:00:00Z', subProcessor: 'Google Cloud Platform' });
    expect(byAlias.status).toBe(201);
    expect(byAlias.body.warnings).toBeUndefined();
    const byId = await app.http().post('/outages').send({ id: 'o-eq', scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: 'fra', startedAt: '2026-09-02T10:00:00Z', subProcessor: 'equinix' });
    expect(byId.body.warnings).toBeUndefined();
    const loose = await app.http().post('/outages').send({ id: 'o-ovh', scope: { kind: 'regions', regions: ['hel'] }, impact: 'unavailable', title: 'hel', startedAt: '2026-09-03T10:00:00Z', subProcessor: 'OVH SAS' });
    expect(loose.status).toBe(201);
    expect(loose.body).toMatchObject({ id: 'o-ovh', subProcessor: 'OVH SAS', warnings: ['sub-processor OVH SAS is not registered: POST /sub-processors'] });
    expect((await app.http().get('/outages/o-ovh')).body.subProcessor).toBe('OVH SAS');
  });

  it('lists the unregistered values in the register, and links them once an entry names them', async () => {
    const register = await app.http().get('/sub-processors');
    expect(register.body.unregistered).toEqual([
      { value: 'Hetzner', usedBy: [{ kind: 'region', id: 'hel' }], remedy: expect.stringMatching(/POST \/sub-processors/) },
      { value: 'OVH SAS', usedBy: [{ kind: 'outage', id: 'o-ovh' }], remedy: expect.stringMatching(/POST \/sub-processors/) },
    ]);
    expect((await app.http().post('/sub-processors').send({ id: 'hetzner', legalName: 'Hetzner Online GmbH', aliases: ['Hetzner'], type: 'infrastructure', purpose: 'Servers', location: 'Finland', effectiveAt: '2026-01-01T00:00:00Z' })).status).toBe(201);
    const after = await app.http().get('/sub-processors');
    expect(after.body.unregistered.map((u: { value: string }) => u.value)).toEqual(['OVH SAS']);
  });

  it("lists a customer's sub-processors at an instant: the platform-wide ones and those of its regions then", async () => {
    const onboarded = await app.http().post('/customers').send({ id: 'acme', name: 'ACME', email: 'ops@acme.example', planId: 'basic', regions: ['fra'], monthlyFee: { amount: 193680, currency: 'EUR' }, activeFrom: '2026-03-01T00:00:00Z' });
    expect(onboarded.status).toBe(201);
    expect((await app.http().post('/customers/acme/regions').send({ regions: ['hel'], effectiveAt: '2026-09-01T00:00:00Z' })).status).toBe(200);
    const july = await app.http().get('/customers/acme/sub-processors?asOf=2026-07-01T00:00:00Z');
    expect(july.status).toBe(200);
    expect(july.body).toMatchObject({ customerId: 'acme', asOf: '2026-07-01T00:00:00Z', regions: ['fra'], warnings: [] });
    expect(july.body.items.map((i: { id: string; because: string[] }) => [i.id, i.because])).toEqual([
      ['equinix', ['region fra']],
      ['gcp', ['platform']],
    ]);
    const october = await app.http().get('/customers/acme/sub-processors?asOf=2026-10-01T00:00:00Z');
    expect(october.body.regions).toEqual(['hel']);
    expect(october.body.items.map((i: { id: string; because: string[] }) => [i.id, i.because])).toEqual([
      ['gcp', ['platform']],
      ['hetzner', ['region hel (its provider)']],
      ['intercom', ['platform']],
    ]);
    const before = await app.http().get('/customers/acme/sub-processors?asOf=2026-02-01T00:00:00Z');
    expect(before.body).toMatchObject({ regions: [] });
    expect(before.body.items.map((i: { id: string }) => i.id)).toEqual(['gcp']);
    expect((await app.http().get('/customers/nobody/sub-processors')).status).toBe(404);
    expect((await app.http().get('/customers/acme/sub-processors?asOf=yesterday')).status).toBe(400);
  });
});
