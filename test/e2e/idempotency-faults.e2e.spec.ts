import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from '@jest/globals';
import { EventStoreUnavailableError, type EventStore } from '#event-store';
import { IdempotencyStore } from '../../apps/api/src/access/idempotency/idempotency-store.js';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/tokens.js';
import { startTestApp, type Backend, type TestApp } from '../support/app.js';
import { describeOnBackends, freshSchema } from '../support/databases.js';

/**
 * An `Idempotency-Key` never runs a command twice, whatever fails between storing the command's
 * events and keeping the key's answer: the faults are injected at each step, and the retry comes
 * after a restart of the process (a new application on the same data).
 */
describeOnBackends('Idempotency-Key under faults', (backend) => {
  const outage = { scope: { kind: 'platform' }, impact: 'unavailable', title: 'power', startedAt: '2026-10-05T10:00:00Z' };
  const opened: TestApp[] = [];
  const folders: string[] = [];

  /** The same data each time it is called: a restart of one deployment. */
  const deployment = () => {
    const env: Record<string, string> = { SLA_EVENT_SCHEMA: freshSchema('ev'), SLA_READ_MODEL_SCHEMA: freshSchema('rm') };
    if (backend === 'embedded') {
      const folder = mkdtempSync(join(tmpdir(), 'sla-idem-'));
      folders.push(folder);
      env.DATA_DIR = folder;
    }
    return async (): Promise<TestApp> => {
      const app = await startTestApp(backend as Backend, env);
      opened.push(app);
      return app;
    };
  };
  /**
   * Stops a process as a crash would leave its data: requests in flight get no answer and nothing
   * of the data is cleaned up (the data is closed first: one data folder never has two owners).
   */
  const crash = async (app: TestApp) => {
    opened.splice(opened.indexOf(app), 1);
    app.running.app.getHttpServer().closeAllConnections();
    await app.close({ keepData: true });
  };

  afterEach(async () => {
    // The last process of each deployment drops the data.
    for (const app of opened.splice(0).reverse()) await app.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  const outagesStored = async (app: TestApp) =>
    (await app.running.storage.database.query<{ stream: string }>(`SELECT DISTINCT stream_id AS stream FROM ${app.config.eventSchema}.events WHERE type = 'OutageStarted'`)).rows.map((r) => r.stream);
  const post = (app: TestApp, key: string) => app.http().post('/outages').set('Idempotency-Key', key).send(outage);

  it('the answer could not be kept: a retry after a restart answers the first outage, and no second one exists', async () => {
    const start = deployment();
    const first = await start();
    first.running.app.get(IdempotencyStore).complete = () => Promise.reject(new Error('disk full'));
    const original = await post(first, 'k-lost-answer');
    expect(original.status).toBe(201);
    await crash(first);

    const restarted = await start();
    const retry = await post(restarted, 'k-lost-answer');
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(original.body.id);
    expect(retry.headers.location).toBe(`/outages/${original.body.id}`);
    expect(retry.headers['event-position']).toBe(original.headers['event-position']);
    expect(await outagesStored(restarted)).toEqual([`outage-${original.body.id}`]);
    // The rerun kept its answer this time: the next repeat is a plain replay.
    const replay = await post(restarted, 'k-lost-answer');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(retry.body);
  });

  it('the process died between the append and the answer: the retry answers at once, not 409 for the lease', async () => {
    const start = deployment();
    const first = await start();
    // The answer never comes back: the process is gone before it writes the key's outcome.
    first.running.app.get(IdempotencyStore).complete = () => new Promise<never>(() => undefined);
    const pending = post(first, 'k-crash').then(
      () => undefined,
      () => undefined,
    );
    const deadline = Date.now() + 60_000;
    while ((await outagesStored(first)).length === 0) {
      if (Date.now() > deadline) throw new Error('the first request never stored its outage');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const [stream] = await outagesStored(first);
    await crash(first);
    const restarted = await start();
    const retry = await post(restarted, 'k-crash');
    expect(retry.status).toBe(201);
    expect(`outage-${retry.body.id}`).toBe(stream);
    expect(await outagesStored(restarted)).toEqual([stream]);
    void pending;
  });

  it('the store failed after committing the append: the 503 keeps the key, and the retry does not write a second outage', async () => {
    const start = deployment();
    const app = await start();
    const store = app.running.app.get<EventStore>(EVENT_STORE);
    const append = store.append.bind(store);
    store.append = async (...args) => {
      await append(...args);
      store.append = append;
      throw new EventStoreUnavailableError('the connection dropped before the store confirmed the append');
    };
    const failed = await post(app, 'k-ambiguous');
    expect(failed.status).toBe(503);
    const retry = await post(app, 'k-ambiguous');
    expect(retry.status).toBe(201);
    const stored = await outagesStored(app);
    expect(stored).toEqual([`outage-${retry.body.id}`]);
  });

  it('the process died before the append: the retry after a restart records the outage once', async () => {
    const start = deployment();
    const first = await start();
    const store = first.running.app.get<EventStore>(EVENT_STORE);
    store.append = () => new Promise<never>(() => undefined);
    const pending = post(first, 'k-before').then(
      () => undefined,
      () => undefined,
    );
    const keys = `${first.config.readModelSchema}.idempotency_keys`;
    const deadline = Date.now() + 60_000;
    while ((await first.running.storage.database.query(`SELECT 1 FROM ${keys} WHERE key = 'k-before'`)).rows.length === 0) {
      if (Date.now() > deadline) throw new Error('the first request never claimed its key');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await crash(first);
    const restarted = await start();
    const retry = await post(restarted, 'k-before');
    expect(retry.status).toBe(201);
    expect(await outagesStored(restarted)).toEqual([`outage-${retry.body.id}`]);
    void pending;
  });
});
