import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { PostgresDatabase } from '#event-store';
import { startTestApp, TEST_ADMIN_TOKEN } from '../support/app.js';
import { describePostgres, freshSchema } from '../support/databases.js';
import { buildOnce, run, SERVER_SCRIPT, type ChildRun } from '../support/processes.js';

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * The port opens before the store: a liveness probe gets 200 while the application is still
 * starting, readiness and every route a 503 with Retry-After, and then the application answers.
 * The start is held, deterministically, by a lock on one of its tables taken by the test.
 */
describePostgres('liveness while the server starts', (url) => {
  const env = { DATABASE_URL: url, SLA_EVENT_SCHEMA: freshSchema('ev'), SLA_READ_MODEL_SCHEMA: freshSchema('rm'), SLA_ADMIN_TOKEN: TEST_ADMIN_TOKEN, PORT: '0', LOG_LEVEL: 'info' };
  const cwd = mkdtempSync(join(tmpdir(), 'sla-early-'));
  const db = new PostgresDatabase(url);
  let server: ChildRun | null = null;

  beforeAll(async () => {
    await buildOnce();
    // The schemas exist, as after any earlier start.
    const first = await startTestApp('postgres', { SLA_EVENT_SCHEMA: env.SLA_EVENT_SCHEMA, SLA_READ_MODEL_SCHEMA: env.SLA_READ_MODEL_SCHEMA });
    await first.close({ keepData: true });
  }, 300_000);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await db.exec(`DROP SCHEMA IF EXISTS ${env.SLA_EVENT_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${env.SLA_READ_MODEL_SCHEMA} CASCADE`);
    await db.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('answers /health/live at once, 503 elsewhere until started, then everything', async () => {
    await db.transaction(async (tx) => {
      // The start upgrades this table: it waits for the lock as long as the test holds it.
      await tx.query(`LOCK TABLE ${env.SLA_READ_MODEL_SCHEMA}.idempotency_keys IN ACCESS EXCLUSIVE MODE`);
      server = run(SERVER_SCRIPT, [], { cwd, env });
      const started = server;
      await until(() => /port (\d+) open/.test(started.stdout()) || started.child.exitCode !== null);
      const port = /port (\d+) open/.exec(started.stdout())?.[1];
      expect({ port, stderr: started.stderr() }).toMatchObject({ port: expect.stringMatching(/^\d+$/) });
      const base = `http://127.0.0.1:${port}`;

      const live = await request(base).get('/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({ status: 'ok' });
      const ready = await request(base).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers['retry-after']).toBe('1');
      expect(ready.body).toMatchObject({ status: 'starting' });
      const query = await request(base).get('/outages').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
      expect(query.status).toBe(503);
      expect(query.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(query.body.detail).toContain('starting');
      expect(started.stdout()).not.toContain('SLA Ledger on');
    });
    // The lock is released: the start completes on the same port.
    const started = server!;
    await until(() => started.stdout().includes('SLA Ledger on') || started.child.exitCode !== null);
    const port = /port (\d+) open/.exec(started.stdout())![1];
    expect(started.stdout()).toContain(`SLA Ledger on http://localhost:${port}`);
    const base = `http://127.0.0.1:${port}`;
    expect((await request(base).get('/health/ready')).status).toBe(200);
    expect((await request(base).get('/outages').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)).status).toBe(200);
  }, 300_000);
});
