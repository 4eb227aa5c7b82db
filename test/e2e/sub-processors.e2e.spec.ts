import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

const equinix = {
  id: 'equinix',
  legalName: 'Equinix, Inc.',
  type: 'infrastructure',
  purpose: 'Bare-metal servers running customer workloads',
  location: 'United States',
  regions: ['fra'],
  dataCategories: ['customer workloads'],
  aliases: ['Equinix Metal'],
};

describeOnBackends('the sub-processor register over HTTP', (backend) => {
  let app: TestApp;
  let opsToken: string;
  let supportToken: string;
  beforeAll(async () => {
    app = await startTestApp(backend);
    expect((await app.http().post('/regions').send({ id: 'fra', name: 'Frankfurt', provider: 'Equinix Metal' })).status).toBe(201);
    expect((await app.http().post('/regions').send({ id: 'was', name: 'Washington', provider: 'Amazon Web Services' })).status).toBe(201);
    opsToken = (await app.http().post('/tokens').send({ name: 'ops-sp', role: 'ops' })).body.token;
    supportToken = (await app.http().post('/tokens').send({ name: 'support-sp', role: 'support' })).body.token;
  });
  afterAll(async () => app?.close());

  const head = () => app.running.storage.events.headPosition();

  describe('POST /sub-processors', () => {
    it('registers an entry and reads it back with its history', async () => {
      const created = await app.http().post('/sub-processors').send({ ...equinix, effectiveAt: '2026-01-01T01:00:00+01:00', reason: 'published list' });
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe('/sub-processors/equinix');
      const expected = {
        ...equinix,
        platform: false,
        effectiveAt: '2026-01-01T00:00:00Z',
        retiredAt: null,
        history: [{ change: 'registered', effectiveAt: '2026-01-01T00:00:00Z', reason: 'published list', changed: ['legalName', 'type', 'purpose', 'location', 'platform', 'regions', 'dataCategories', 'aliases'], fields: { ...equinix, id: undefined, platform: false } }],
      };
      delete (expected.history[0]!.fields as Record<string, unknown>).id;
      expect(created.body).toEqual(expected);
      const read = await app.http({ as: supportToken }).get('/sub-processors/equinix');
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('refuses an unknown type or region with 400, a second entry with the same id or name with 409, and writes nothing', async () => {
      const before = await head();
      const badType = await app.http().post('/sub-processors').send({ ...equinix, id: 'x1', legalName: 'X1', aliases: [], type: 'friend' });
      expect(badType.status).toBe(400);
      expect(badType.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(badType.body.violations).toEqual([{ field: 'type', problem: 'type must be one of affiliate, infrastructure, service-specific' }]);
      const badRegion = await app.http().post('/sub-processors').send({ ...equinix, id: 'x2', legalName: 'X2', aliases: [], regions: ['mars'] });
      expect(badRegion.status).toBe(400);
      expect(badRegion.body).toMatchObject({ type: '/problems/unknown-reference', detail: 'unknown region mars: register it with POST /regions first' });
      const again = await app.http().post('/sub-processors').send(equinix);
      expect(again.status).toBe(409);
      expect(again.body.type).toBe('/problems/already-exists');
      const sameName = await app.http().post('/sub-processors').send({ ...equinix, id: 'equinix-2', aliases: [] });
      expect(sameName.status).toBe(409);
      expect(sameName.body.detail).toMatch(/equinix \(Equinix, Inc\.\) already goes by "Equinix, Inc\."/);
      const missing = await app.http().post('/sub-processors').send({ id: 'x3' });
      expect(missing.status).toBe(400);
      expect([...new Set(missing.body.violations.map((v: { field: string }) => v.field))].sort()).toEqual(['legalName', 'location', 'purpose', 'type']);
      expect(await head()).toBe(before);
    });

    it('lets only an admin write, and every member of staff read', async () => {
      expect((await app.http({ as: opsToken }).post('/sub-processors').send({ ...equinix, id: 'ops-made', legalName: 'Ops' })).status).toBe(403);
      expect((await app.http({ as: opsToken }).get('/sub-processors')).status).toBe(200);
    });
  });

  describe('changes and retirement', () => {
    it('records a change from its effectiveAt, and the register as of an instant shows the version then in effect', async () => {
      const registered = await app.http().post('/sub-processors').send({ id: 'aws', legalName: 'Amazon Web Services, Inc.', type: 'infrastructure', purpose: 'Compute', location: 'United States', regions: ['was'], aliases: ['Amazon Web Services'], effectiveAt: '2026-02-01T00:00:00Z' });
      expect(registered.status).toBe(201);
      const changed = await app.http().post('/sub-processors/aws/changes').send({ location: 'United States, Germany', regions: ['was', 'fra'], effectiveAt: '2026-06-01T00:00:00Z', reason: 'EU capacity' });
      expect(changed.status).toBe(201);
      expect(changed.body).toMatchObject({ location: 'United States, Germany', regions: ['was', 'fra'], effectiveAt: '2026-06-01T00:00:00Z' });
      expect(changed.body.history.map((v: { change: string; changed: string[] }) => [v.change, v.changed])).toEqual([
        ['registered', ['legalName', 'type', 'purpose', 'location', 'platform', 'regions', 'dataCategories', 'aliases']],
        ['changed', ['location', 'regions']],
      ]);
      const march = await app.http().get('/sub-processors?asOf=2026-03-01T00:00:00Z');
      expect(march.status).toBe(200);
      const awsInMarch = march.body.items.find((i: { id: string }) => i.id === 'aws');
      expect(awsInMarch).toMatchObject({ location: 'United States', regions: ['was'], effectiveAt: '2026-02-01T00:00:00Z', retiredAt: null });
      expect(awsInMarch.history).toHaveLength(1);
      const january = await app.http().get('/sub-processors?asOf=2026-01-15T00:00:00Z');
      expect(january.body.items.map((i: { id: string }) => i.id)).toEqual(['equinix']);
      expect(january.body.asOf).toBe('2026-01-15T00:00:00Z');
    });

    it('refuses a change that changes nothing (422), one dated before the last version (422), to an unknown entry (404)', async () => {
      const before = await head();
      const same = await app.http().post('/sub-processors/aws/changes').send({ location: 'United States, Germany', effectiveAt: '2026-07-01T00:00:00Z', reason: 'again' });
      expect(same.status).toBe(422);
      expect(same.body.type).toBe('/problems/no-change');
      const early = await app.http().post('/sub-processors/aws/changes').send({ location: 'Ireland', effectiveAt: '2026-05-01T00:00:00Z', reason: 'late record' });
      expect(early.status).toBe(422);
      expect(early.body.type).toBe('/problems/out-of-order');
      const unknown = await app.http().post('/sub-processors/nobody/changes').send({ location: 'Ireland', effectiveAt: '2026-07-01T00:00:00Z', reason: 'x' });
      expect(unknown.status).toBe(404);
      const noReason = await app.http().post('/sub-processors/aws/changes').send({ location: 'Ireland', effectiveAt: '2026-07-01T00:00:00Z' });
      expect(noReason.status).toBe(400);
      expect(await head()).toBe(before);
    });

    it('retires an entry: out of the register from then, and no further change', async () => {
      const retired = await app.http().post('/sub-processors/aws/retire').send({ effectiveAt: '2026-09-01T00:00:00Z', reason: 'contract ended' });
      expect(retired.status).toBe(201);
      expect(retired.body).toMatchObject({ retiredAt: '2026-09-01T00:00:00Z', location: 'United States, Germany' });
      expect(retired.body.history.at(-1)).toMatchObject({ change: 'retired', effectiveAt: '2026-09-01T00:00:00Z', reason: 'contract ended', changed: [] });
      const after = await app.http().get('/sub-processors?asOf=2026-09-01T00:00:00Z');
      expect(after.body.items.map((i: { id: string }) => i.id)).toEqual(['equinix']);
      const before = await app.http().get('/sub-processors?asOf=2026-08-31T23:59:59Z');
      expect(before.body.items.map((i: { id: string }) => i.id)).toEqual(['aws', 'equinix']);
      const all = await app.http().get('/sub-processors');
      expect(all.body).toMatchObject({ asOf: null, total: 2, offset: 0, limit: 50 });
      const change = await app.http().post('/sub-processors/aws/changes').send({ location: 'Ireland', effectiveAt: '2026-10-01T00:00:00Z', reason: 'x' });
      expect(change.status).toBe(409);
    });
  });

  describe('POST /sub-processors/import', () => {
    it('imports a CSV list row by row: created, changed, unchanged or refused, each said', async () => {
      const csv = [
        'legalName,type,purpose,location,regions,aliases,platform',
        '"Google LLC",infrastructure,"Control plane, APIs","United States, Belgium",,Google Cloud Platform,yes',
        '"Equinix, Inc.",infrastructure,Bare-metal servers running customer workloads,"United States, Germany",fra,Equinix Metal,no',
        'Friendly Ltd,friend,Chat,Ireland,,,',
        '"Equinix, Inc.",infrastructure,Bare-metal servers running customer workloads,"United States, Germany",fra,Equinix Metal,no',
        'Mars Hosting,infrastructure,Compute,Mars,mars,,',
      ].join('\r\n');
      const before = await head();
      const imported = await app.http().post('/sub-processors/import').set('Content-Type', 'text/csv').send(csv);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ created: 1, changed: 1, unchanged: 1, refused: 2 });
      expect(imported.body.rows).toEqual([
        { row: 1, id: 'google-llc', outcome: 'created' },
        { row: 2, id: 'equinix', outcome: 'changed', changed: ['location'] },
        { row: 3, id: 'friendly-ltd', outcome: 'refused', status: 400, type: '/problems/validation-failed', detail: expect.any(String), violations: [{ field: 'type', problem: 'type must be one of affiliate, infrastructure, service-specific' }] },
        { row: 4, id: 'equinix', outcome: 'unchanged' },
        { row: 5, id: 'mars-hosting', outcome: 'refused', status: 400, type: '/problems/unknown-reference', detail: 'unknown region mars: register it with POST /regions first', violations: [{ field: 'regions', problem: 'unknown region mars: register it with POST /regions first' }] },
      ]);
      expect(BigInt(imported.headers['event-position'])).toBe(await head());
      expect(await head()).toBeGreaterThan(before);
      const google = await app.http().get('/sub-processors/google-llc');
      expect(google.body).toMatchObject({ legalName: 'Google LLC', purpose: 'Control plane, APIs', location: 'United States, Belgium', platform: true, regions: [], aliases: ['Google Cloud Platform'] });
      const equinixNow = await app.http().get('/sub-processors/equinix');
      expect(equinixNow.body.history.at(-1)).toMatchObject({ change: 'changed', changed: ['location'], reason: 'imported list' });
    });

    it('imports a JSON array the same way', async () => {
      const imported = await app.http().post('/sub-processors/import').send([{ id: 'intercom', legalName: 'Intercom R&D Unlimited Company', type: 'service-specific', purpose: 'Support chat', location: 'Ireland', platform: true, dataCategories: ['contact details', 'support messages'] }, { id: 'bad id!' }]);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ created: 1, changed: 0, unchanged: 0, refused: 1 });
      expect(imported.body.rows[1]).toMatchObject({ row: 2, id: 'bad id!', outcome: 'refused', status: 400 });
    });

    it('refuses a body that is no list, an empty one and broken CSV with 400, writing nothing', async () => {
      const before = await head();
      for (const [type, body, detail] of [
        ['application/json', { id: 'x' }, /send a JSON array of entries/],
        ['application/json', [], /no entries/],
        ['text/csv', 'legalName,type\n"Open,infrastructure', /malformed at line 2: a quoted field is never closed/],
        ['text/csv', 'legalName,type\nA', /malformed at row 1: 1 fields where the header has 2/],
      ] as const) {
        const response = await app.http().post('/sub-processors/import').set('Content-Type', type).send(type === 'text/csv' ? (body as string) : JSON.stringify(body));
        expect({ type, status: response.status, detail: response.body.detail }).toEqual({ type, status: 400, detail: expect.stringMatching(detail) });
      }
      expect((await app.http({ as: opsToken }).post('/sub-processors/import').send([])).status).toBe(403);
      expect(await head()).toBe(before);
    });
  });
});
