import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { PostgresDatabase } from '#event-store';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/app.js';
import { describePostgres, freshSchema } from '../support/databases.js';
import { buildOnce, startServer, type ServerProcess } from '../support/processes.js';
import { setUpWorkedExample } from '../support/worked-example.js';
import { until } from '../support/wait.js';


/**
 * Three processes on one PostgreSQL: `all`, `projector` and `api`. Each read model is projected by
 * exactly one of them; when that one is killed in the middle of its work, another takes over, and
 * the read models end up equal to a rebuild from the events.
 */
describePostgres('several processes on one store', (url) => {
  const env = {
    DATABASE_URL: url,
    SLA_EVENT_SCHEMA: freshSchema('ev'),
    SLA_READ_MODEL_SCHEMA: freshSchema('rm'),
    SLA_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    RATE_LIMIT_PER_MINUTE: '1000000',
    SLA_CONSISTENCY_TIMEOUT_MS: '60000',
  };
  const cwd = mkdtempSync(join(tmpdir(), 'sla-procs-'));
  const servers: ServerProcess[] = [];
  let first: ServerProcess;
  let projector: ServerProcess;
  let api: ServerProcess;

  const start = async (role: string) => {
    const outcome = await startServer({ cwd, env: { ...env, SLA_ROLE: role } });
    if (!outcome.started) throw new Error(`the ${role} process did not start: ${outcome.run.stderr()}${outcome.run.stdout()}`);
    servers.push(outcome.server);
    return outcome.server;
  };
  /** The same helpers as an in-process app, over HTTP to a process. */
  const client = (server: ServerProcess) =>
    ({ http: ({ as = TEST_ADMIN_TOKEN }: { as?: string | null } = {}) => {
      const agent = request.agent(server.url);
      if (as !== null) agent.set('Authorization', `Bearer ${as}`);
      return agent;
    } }) as unknown as TestApp;
  const health = async (server: ServerProcess) => (await request(server.url).get('/health')).body as { projections: { name: string; active: boolean; checkpoint: string; headPosition: string }[] };
  const activeIn = async (server: ServerProcess) => (await health(server)).projections.filter((p) => p.active).map((p) => p.name);

  beforeAll(async () => {
    await buildOnce();
    // One after the other: the first creates the schemas.
    first = await start('all');
    projector = await start('projector');
    api = await start('api');
  }, 300_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    const db = new PostgresDatabase(url);
    await db.exec(`DROP SCHEMA IF EXISTS ${env.SLA_EVENT_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${env.SLA_READ_MODEL_SCHEMA} CASCADE`);
    await db.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('projects each read model in one process, takes over when it dies mid-work, and equals a rebuild', async () => {
    const names = (await health(first)).projections.map((p) => p.name).sort();
    await until(async () => (await activeIn(first)).length === names.length);
    expect(await activeIn(projector)).toEqual([]);
    expect(await activeIn(api)).toEqual([]);

    // Written through the api process, which projects nothing: it reads its own writes all the same.
    await setUpWorkedExample(client(api));
    const month = await client(api).http().get('/customers/acme/availability/2026-10');
    expect(month.body).toMatchObject({ downtimeMinutes: 210, availabilityRate: '99.5296' });

    // Read-your-writes across processes: a query sent with the Event-Position of a write made elsewhere.
    const written = await client(api).http().post('/outages').send({ id: 'cross', scope: { kind: 'platform' }, impact: 'unavailable', title: 'cross', startedAt: '2026-10-30T10:00:00Z' });
    expect(written.status).toBe(201);
    const seen = await client(projector).http().get('/outages/cross').set('Event-Position', written.headers['event-position']);
    expect(seen.status).toBe(200);
    expect((await client(projector).http().get('/outages').set('Event-Position', 'soon')).status).toBe(400);

    // Kill the projecting process in the middle of a stream of writes.
    const writes = (async () => {
      for (let i = 0; i < 40; i++) {
        const response = await client(api).http().post('/outages').send({ id: `burst-${i}`, scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: `burst ${i}`, startedAt: '2026-10-29T10:00:00Z' });
        expect(response.status).toBe(201);
        if (i === 10) await first.stop('SIGKILL');
      }
    })();
    await writes;
    await until(async () => (await activeIn(projector)).length === names.length);
    expect(await activeIn(api)).toEqual([]);

    // Caught up: every read model of the survivors equals one rebuilt from the events alone.
    await until(async () => (await health(projector)).projections.every((p) => p.checkpoint === p.headPosition));
    const rebuilt = await startTestApp('postgres', { SLA_EVENT_SCHEMA: env.SLA_EVENT_SCHEMA, SLA_READ_MODEL_SCHEMA: freshSchema('rm') });
    try {
      await until(async () => (await rebuilt.http().get('/health')).body.projections.every((p: { checkpoint: string; headPosition: string }) => p.checkpoint === p.headPosition));
      const paths = ['/outages?limit=1000', '/availability/2026-10', '/customers/acme/availability/2026-10', '/customers/globex/timeline', '/maintenances', '/emergency-maintenances'];
      const strip = (body: unknown) => JSON.parse(JSON.stringify(body), (key, value) => (key === 'computedAt' || key === 'asOf' ? undefined : value));
      for (const path of paths) {
        const live = await client(api).http().get(path);
        const fresh = await rebuilt.http().get(path);
        expect({ path, status: live.status, body: strip(live.body) }).toEqual({ path, status: fresh.status, body: strip(fresh.body) });
      }
    } finally {
      // Its close would drop the shared events: keep them for afterAll, drop only its read models.
      await rebuilt.running.storage.database.exec(`DROP SCHEMA IF EXISTS ${rebuilt.config.readModelSchema} CASCADE`);
      await rebuilt.close({ keepData: true });
    }
  }, 600_000);
});
