import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { PostgresDatabase } from '#event-store';
import { worldMonths } from '../../apps/demo/src/world.js';
import { TEST_ADMIN_TOKEN } from '../support/app.js';
import { describeOnBackends, freshSchema } from '../support/databases.js';
import { buildOnce, REPO_ROOT, run, startServer, type ServerProcess } from '../support/processes.js';
import { TEST_CONSISTENCY_TIMEOUT_MS, until } from '../support/wait.js';

const DEMO_SCRIPT = join(REPO_ROOT, 'dist', 'apps', 'demo', 'src', 'main.js');
const CUSTOMERS = 40;

/**
 * `npm run demo` as users run it (the built program in its own process), into a fresh store, then
 * the server on that store: the figures of the demo's months are there over HTTP.
 */
describeOnBackends('npm run demo', (backend) => {
  let cwd: string;
  let env: Record<string, string>;
  let server: ServerProcess | null = null;
  // The middle month of the three: every customer is subscribed all of it (they are onboarded in the first).
  const month = worldMonths(new Date(), 'UTC')[1]!.month;

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'sla-demo-'));
    env = {
      SLA_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      RATE_LIMIT_PER_MINUTE: '1000000',
      SLA_CONSISTENCY_TIMEOUT_MS: TEST_CONSISTENCY_TIMEOUT_MS,
      ...(backend === 'embedded' ? { DATA_DIR: './data' } : { DATABASE_URL: process.env.DATABASE_URL!, SLA_EVENT_SCHEMA: freshSchema('ev'), SLA_READ_MODEL_SCHEMA: freshSchema('rm') }),
    };
    await buildOnce();
  }, 300_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    if (backend === 'postgres') {
      const db = new PostgresDatabase(process.env.DATABASE_URL!);
      await db.exec(`DROP SCHEMA IF EXISTS ${env.SLA_EVENT_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${env.SLA_READ_MODEL_SCHEMA} CASCADE`);
      await db.close();
    }
    rmSync(cwd, { recursive: true, force: true });
  });

  const get = async (path: string): Promise<{ status: number; json: any }> => {
    const response = await fetch(`${server!.url}${path}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    return { status: response.status, json: await response.json() };
  };

  it('refuses bad arguments with a clear message and a non-zero exit', async () => {
    for (const [args, message] of [
      [['--customers', '0'], 'must be a whole number from 1 to 1,000,000'],
      [['--customers', '1000001'], 'must be a whole number from 1 to 1,000,000'],
      [['--customers', 'ten'], 'must be a whole number from 1 to 1,000,000'],
      [['--customers', '10', '--seed', '1.5'], 'the seed must be a whole number'],
      [[], "required option '--customers <N>' not specified"],
    ] as const) {
      const child = run(DEMO_SCRIPT, [...args], { cwd, env });
      const exit = await child.exited;
      expect({ args, code: exit.code, message: child.stderr().includes(message) }).toEqual({ args, code: 1, message: true });
    }
  });

  it('writes N customers and three months of incidents that the server then shows, and refuses to write twice', async () => {
    const demo = run(DEMO_SCRIPT, ['--customers', String(CUSTOMERS), '--seed', '7'], { cwd, env });
    const exit = await demo.exited;
    expect({ code: exit.code, stderr: demo.stderr() }).toEqual({ code: 0, stderr: '' });
    expect(demo.stdout()).toMatch(new RegExp(`Writing a demo world of ${CUSTOMERS} customers \\(seed 7\\)`));

    const again = run(DEMO_SCRIPT, ['--customers', '5'], { cwd, env });
    expect((await again.exited).code).toBe(1);
    expect(again.stderr()).toContain('the store already holds events');

    const started = await startServer({ cwd, env });
    if (!started.started) throw new Error(`the server did not start (exit ${started.exit.code}): ${started.run.stderr()}${started.run.stdout()}`);
    server = started.server;
    let list: { status: number; json: any } = { status: 0, json: null };
    await until(async () => (list = await get(`/availability/${month}?limit=1000`)).status === 200);
    const items = list.json.items as { customerId: string; downtimeMinutes: number }[];
    expect(items.map((i) => i.customerId)).toEqual(Array.from({ length: CUSTOMERS }, (_, i) => `c${String(i + 1).padStart(2, '0')}`));

    // o007 is the middle month's platform-wide outage (o001–o006 are the first month's and the one across its end).
    const outage = await get('/outages/o007');
    expect(outage.status).toBe(200);
    expect(outage.json).toMatchObject({ scope: { kind: 'platform' }, impact: 'unavailable' });
    expect(outage.json.startedAt.slice(0, 7)).toBe(month);
    const reached = await get('/outages/o007/customers');
    expect(reached.json.total).toBe(CUSTOMERS);
    // It reaches everyone, so every customer has at least its minutes of Down Time in the month.
    const minutes = Math.round((Date.parse(outage.json.endedAt) - Date.parse(outage.json.startedAt)) / 60_000);
    expect(minutes).toBeGreaterThanOrEqual(10);
    for (const item of items) expect({ customer: item.customerId, atLeast: item.downtimeMinutes >= minutes }).toEqual({ customer: item.customerId, atLeast: true });

    // The server computed the month on its worker thread (the compiled one in dist/); each customer's
    // own figures, computed by the request on the main thread, are the list's.
    expect(server.stdout()).toContain('whole months of figures are computed on 1 worker thread');
    for (const item of items) {
      const own = await get(`/customers/${item.customerId}/availability/${month}`);
      const figures = (view: Record<string, unknown>) => ({ customerId: view.customerId, downtimeMinutes: view.downtimeMinutes, excludedMinutes: view.excludedMinutes, availabilityRate: view.availabilityRate, belowTarget: view.belowTarget });
      expect(figures(own.json)).toEqual(figures(item as unknown as Record<string, unknown>));
    }
  }, 300_000);
});
