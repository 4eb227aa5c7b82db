import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-server/server.js';
import { ok as send, setUpWorkedExample } from '../support/worked-example.js';

/**
 * The worked example through the HTTP API with events in EventStoreDB: the real client over gRPC,
 * to the wire-level test server, or to the server at EVENTSTORE_CONNECTION_STRING when it is set
 * (which must be empty: the example uses fixed ids). Read models on embedded or PostgreSQL.
 * Figures as worked out by hand in the contract: CP 44,640 min, DT 120 + 30 + 60 = 210 min, AR 99.5296 %.
 */
describeOnBackends('the worked example with events in EventStoreDB', (backend) => {
  let server: EsdbTestServer | undefined;
  let app: TestApp;
  const ok = (method: 'post' | 'get', path: string, body?: object) => send(app, method, path, body);

  beforeAll(async () => {
    const real = process.env.EVENTSTORE_CONNECTION_STRING;
    if (!real) server = await startEsdbTestServer();
    app = await startTestApp(backend, { EVENTSTORE_CONNECTION_STRING: real || server!.connectionString });
    // The server's own statistics interleave with the application's events in $all.
    server?.writeSystemEvent();
    await setUpWorkedExample(app);
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  it('keeps the events in EventStoreDB', async () => {
    expect(app.running.storage.describe).toMatch(/^events in EventStoreDB/);
    const streams = new Set(server ? server.log.records.flatMap((r) => (r.kind === 'event' ? [r.stream] : [])) : []);
    if (server) expect([...streams].some((s) => s.startsWith('customer-'))).toBe(true);
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
      excludedMinutes: { scheduledMaintenance: 120, emergencyMaintenance: 45, exclusions: 0 },
    });
  });

  it('counts the sin outage and the platform outage for globex: 120 min, AR 99.7312 %', async () => {
    expect(await ok('get', '/customers/globex/availability/2026-10')).toMatchObject({ downtimeMinutes: 120, availabilityRate: '99.7312', belowTarget: true });
  });

  it('lists the month for every customer, filtered below target', async () => {
    const month = await ok('get', '/availability/2026-10?belowTarget=true');
    expect(month.items.map((i: { customerId: string; availabilityRate: string }) => [i.customerId, i.availabilityRate]).sort()).toEqual([
      ['acme', '99.5296'],
      ['globex', '99.7312'],
    ]);
  });

  it('answers a command on a record whose stream an operator truncated with 409 and what to do, not 500', async () => {
    if (!server) return;
    expect(server.streams.lastEventNumber('outage-fra-1')).toBeGreaterThanOrEqual(1);
    server.truncateBefore('outage-fra-1', 1);
    const before = await app.running.storage.events.headPosition();
    const response = await app.http().post('/outages/fra-1/end').send({ endedAt: '2026-10-05T11:45:00Z' });
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.detail).toMatch(/outage-fra-1 was truncated on the EventStoreDB server.*an operator restores the stream/);
    expect(await app.running.storage.events.headPosition()).toBe(before);
  });
});
