import { afterAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PostgresDatabase, SqlEventStore } from '#event-store';
import { startTestApp, type TestApp } from '../support/app.js';
import { describePostgres, freshSchema } from '../support/databases.js';
import { until } from '../support/wait.js';

/**
 * Readiness waits for the read models to catch up with the store as it was at start. Shown
 * deterministically with two processes on one PostgreSQL: an API-only process (`SLA_ROLE=api`)
 * never projects, so on a store whose events no projector has seen it stays "catching-up" until a
 * projector process starts and catches up.
 */
describePostgres('readiness says when the read models have caught up', () => {
  const schemas = { SLA_EVENT_SCHEMA: freshSchema('ev'), SLA_READ_MODEL_SCHEMA: freshSchema('rm') };
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close({ keepData: app !== apps[apps.length - 1] });
  });

  it('answers 503 catching-up on /health/ready (and 200 on /health) until a projector has caught up, then 200', async () => {
    // Three regions already in the store, written before any app process ran.
    const db = new PostgresDatabase(process.env.DATABASE_URL!);
    try {
      const store = await SqlEventStore.create(db, { schema: schemas.SLA_EVENT_SCHEMA });
      for (const id of ['fra', 'par', 'sin']) {
        const metadata = { actor: 'test', correlationId: randomUUID(), causationId: null, occurredAt: '2026-10-01T00:00:00Z', schemaVersion: 1 };
        await store.append(`region-${id}`, [{ id: randomUUID(), type: 'RegionRegistered', data: { id, name: id, provider: null }, metadata }], 'no-stream');
      }
    } finally {
      await db.close();
    }

    const api = await startTestApp('postgres', { ...schemas, SLA_ROLE: 'api' });
    apps.push(api);
    const ready = await api.http({ as: null }).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBe('1');
    expect(ready.body).toMatchObject({ status: 'catching-up', store: 'reachable' });
    expect(ready.body.projections.map((p: { lag: string }) => p.lag)).toEqual(['3', '3', '3']);
    expect((await api.http({ as: null }).get('/health')).status).toBe(200);

    const projector = await startTestApp('postgres', { ...schemas, SLA_ROLE: 'projector' });
    apps.push(projector);
    await until(async () => (await api.http({ as: null }).get('/health/ready')).status === 200);
    const after = await api.http({ as: null }).get('/health/ready');
    expect(after.body).toMatchObject({ status: 'ok' });
    expect((await api.http().get('/regions/sin')).body).toMatchObject({ id: 'sin', name: 'sin' });
  });
});
