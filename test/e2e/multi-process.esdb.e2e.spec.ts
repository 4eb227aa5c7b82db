import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { PostgresDatabase } from '#event-store';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/app.js';
import { describePostgres, freshSchema } from '../support/databases.js';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-server/server.js';
import { buildOnce, startServer, type ServerProcess } from '../support/processes.js';
import { setUpWorkedExample } from '../support/worked-example.js';

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * The processes of multi-process.e2e.spec.ts with their events in EventStoreDB: `all`, `projector`
 * and `api` processes, each its own client over gRPC to the wire-level test server (or the server
 * at EVENTSTORE_CONNECTION_STRING), read models and leases in one PostgreSQL. The projecting one is
 * killed mid-writes; the projector takes over; the read models equal a rebuild from the events.
 */
describePostgres('several processes with events in EventStoreDB', (url) => {
  let esdb: EsdbTestServer | undefined;
  const env: Record<string, string> = {
    DATABASE_URL: url,
    SLA_READ_MODEL_SCHEMA: freshSchema('rm'),
    SLA_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    RATE_LIMIT_PER_MINUTE: '1000000',
    SLA_CONSISTENCY_TIMEOUT_MS: '60000',
  };
  const cwd = mkdtempSync(join(tmpdir(), 'sla-esdb-procs-'));
  const servers: ServerProcess[] = [];
  const start = async (role: string) => {
    const outcome = await startServer({ cwd, env: { ...env, SLA_ROLE: role } });
    if (!outcome.started) throw new Error(`the ${role} process did not start: ${outcome.run.stderr()}${outcome.run.stdout()}`);
    servers.push(outcome.server);
    return outcome.server;
  };
  const client = (server: ServerProcess) =>
    ({ http: () => request.agent(server.url).set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`) }) as unknown as TestApp;
  const health = async (server: ServerProcess) => (await request(server.url).get('/health')).body as { projections: { name: string; active: boolean; checkpoint: string; headPosition: string }[] };
  const activeIn = async (server: ServerProcess) => (await health(server)).projections.filter((p) => p.active).map((p) => p.name);
  let first: ServerProcess;
  let projector: ServerProcess;
  let api: ServerProcess;

  beforeAll(async () => {
    await buildOnce();
    if (process.env.EVENTSTORE_CONNECTION_STRING) env.EVENTSTORE_CONNECTION_STRING = process.env.EVENTSTORE_CONNECTION_STRING;
    else {
      esdb = await startEsdbTestServer();
      env.EVENTSTORE_CONNECTION_STRING = esdb.connectionString;
    }
    first = await start('all');
    projector = await start('projector');
    api = await start('api');
  }, 300_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    const db = new PostgresDatabase(url);
    await db.exec(`DROP SCHEMA IF EXISTS ${env.SLA_READ_MODEL_SCHEMA} CASCADE`);
    await db.close();
    await esdb?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('projects each read model in one process, takes over when it dies mid-work, and equals a rebuild', async () => {
    const names = (await health(first)).projections.map((p) => p.name).sort();
    await until(async () => (await activeIn(first)).length === names.length);
    expect(await activeIn(projector)).toEqual([]);
    expect(await activeIn(api)).toEqual([]);

    await setUpWorkedExample(client(api));
    expect((await client(api).http().get('/customers/acme/availability/2026-10')).body).toMatchObject({ downtimeMinutes: 210, availabilityRate: '99.5296' });

    for (let i = 0; i < 30; i++) {
      const response = await client(api).http().post('/outages').send({ id: `burst-${i}`, scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: `burst ${i}`, startedAt: '2026-10-29T10:00:00Z' });
      expect(response.status).toBe(201);
      if (i === 10) await first.stop('SIGKILL');
    }
    await until(async () => (await activeIn(projector)).length === names.length);
    await until(async () => (await health(projector)).projections.every((p) => p.checkpoint === p.headPosition));

    const rebuilt = await startTestApp('postgres', { EVENTSTORE_CONNECTION_STRING: env.EVENTSTORE_CONNECTION_STRING!, SLA_READ_MODEL_SCHEMA: freshSchema('rm') });
    try {
      await until(async () => (await rebuilt.http().get('/health')).body.projections.every((p: { checkpoint: string; headPosition: string }) => p.checkpoint === p.headPosition));
      const paths = ['/outages?limit=1000', '/availability/2026-10', '/customers/acme/availability/2026-10', '/customers/globex/timeline', '/maintenances'];
      const strip = (body: unknown) => JSON.parse(JSON.stringify(body), (key, value) => (key === 'computedAt' || key === 'asOf' ? undefined : value));
      for (const path of paths) {
        const live = await client(api).http().get(path);
        const fresh = await rebuilt.http().get(path);
        expect({ path, status: live.status, body: strip(live.body) }).toEqual({ path, status: fresh.status, body: strip(fresh.body) });
      }
    } finally {
      await rebuilt.close();
    }
  }, 600_000);
});
