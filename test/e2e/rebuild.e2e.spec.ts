import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/tokens.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { ok, setUpWorkedExample } from '../support/worked-example.js';
import { until } from '../support/wait.js';


/**
 * A rebuild of the read models never serves a wrong answer: while it runs, every resource that
 * exists answers as before (never 404, never 500), and afterwards the figures are the same.
 */
describeOnBackends('rebuilding the read models under reads', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
    await setUpWorkedExample(app);
  });
  afterAll(async () => app?.close());

  const reads = ['/customers/acme', '/plans/pro', '/regions/fra', '/outages/fra-1', '/maintenances/m-14', '/customers/acme/availability/2026-10', '/customers/acme/credits/2026-10', '/availability/2026-10', '/customers/acme/timeline'];
  const snapshot = async () => {
    const answers: Record<string, { status: number; body: unknown }> = {};
    for (const path of reads) {
      const response = await app.http().get(path);
      answers[path] = { status: response.status, body: stable(response.body) };
    }
    return answers;
  };
  /** Drops what depends on the moment of reading, not on the read models. */
  const stable = (body: unknown): unknown =>
    JSON.parse(JSON.stringify(body), (key, value) => (key === 'computedAt' || key === 'asOf' ? undefined : value));

  it('answers every read from the old read models while the new ones are built, then from the new ones', async () => {
    const before = await snapshot();
    for (const [path, answer] of Object.entries(before)) expect({ path, status: answer.status }).toEqual({ path, status: 200 });

    // Hold the rebuild in the middle of reading the events: reads meanwhile see what it left.
    const store = app.running.app.get<EventStore>(EVENT_STORE);
    const readAll = store.readAll.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    store.readAll = async (after, batchSize) => {
      held++;
      await gate;
      return readAll(after, batchSize);
    };

    const started = await app.http().post('/admin/projections/rebuild').send({});
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'rebuilding', headPosition: expect.stringMatching(/^[0-9]+$/) });
    await until(() => held > 0);
    expect((await app.http().get('/health')).body.rebuild).toMatchObject({ state: 'running' });
    expect((await app.http().post('/admin/projections/rebuild').send({})).status).toBe(409);

    expect(await snapshot()).toEqual(before);

    release();
    store.readAll = readAll;
    await until(async () => (await app.http().get('/health')).body.rebuild?.state === 'done');
    expect(await snapshot()).toEqual(before);

    // The new read models follow new events.
    await ok(app, 'post', '/outages', { id: 'after-rebuild', scope: { kind: 'platform' }, impact: 'unavailable', title: 'after', startedAt: '2026-10-30T10:00:00Z' });
    await ok(app, 'post', '/outages/after-rebuild/end', { endedAt: '2026-10-30T10:10:00Z' });
    const report = await ok(app, 'get', '/customers/acme/availability/2026-10');
    expect(report).toMatchObject({ downtimeMinutes: 220 });
  });
});
