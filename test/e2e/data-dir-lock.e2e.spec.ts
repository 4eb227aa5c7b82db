import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TEST_ADMIN_TOKEN } from '../support/app.js';
import { buildOnce, deadPid, REBUILD_SCRIPT, run, startServer, type ServerProcess } from '../support/processes.js';

/**
 * The embedded store belongs to one process at a time. These run the built programs (`npm run
 * build`) as users do, each in its own process, on one folder given as `./data`.
 */
describe('DATA_DIR is locked by the process that opened it', () => {
  let cwd: string;
  const env = { DATA_DIR: './data', SLA_ADMIN_TOKEN: TEST_ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '1000000' };
  const lockFile = () => join(cwd, 'data', 'sla-ledger.lock');
  const servers: ServerProcess[] = [];

  async function start(): Promise<ServerProcess> {
    const outcome = await startServer({ cwd, env });
    if (!outcome.started) throw new Error(`the server did not start (exit ${outcome.exit.code}): ${outcome.run.stderr()}${outcome.run.stdout()}`);
    servers.push(outcome.server);
    return outcome.server;
  }

  async function call(server: ServerProcess, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }

  const eventIds = async (server: ServerProcess): Promise<string[]> => {
    const { status, json } = await call(server, 'GET', '/events?limit=1000');
    expect(status).toBe(200);
    return json.events.map((e: { id: string }) => e.id);
  };

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'sla-lock-'));
    await buildOnce();
  }, 300_000);

  afterAll(async () => {
    for (const server of servers) await server.stop('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('refuses a second server and a rebuild while the first runs, which keeps every event; a stale lock is taken over', async () => {
    const first = await start();
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(first.pid));
    for (const id of ['fra', 'ams']) {
      expect((await call(first, 'POST', '/regions', { id, name: id.toUpperCase() })).status).toBe(201);
    }
    const before = await eventIds(first);
    expect(before).toHaveLength(2);

    const second = await startServer({ cwd, env });
    expect(second.started).toBe(false);
    if (second.started) return;
    expect(second.exit.code).not.toBe(0);
    expect(second.exit.code).not.toBeNull();
    expect(second.run.stderr()).toContain(`DATA_DIR ./data is in use by process ${first.pid}`);

    const rebuild = run(REBUILD_SCRIPT, [], { cwd, env });
    const rebuilt = await rebuild.exited;
    expect(rebuilt.code).not.toBe(0);
    expect(rebuilt.code).not.toBeNull();
    expect(rebuild.stderr()).toContain(`DATA_DIR ./data is in use by process ${first.pid}`);
    expect(rebuild.stderr()).toContain('POST /admin/projections/rebuild');

    // The first server noticed nothing: it still has its events and takes new ones.
    expect(await eventIds(first)).toEqual(before);
    expect((await call(first, 'POST', '/regions', { id: 'par', name: 'Paris' })).status).toBe(201);
    const all = await eventIds(first);
    expect(all).toHaveLength(3);

    // SIGTERM closes the app and frees the folder.
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(existsSync(lockFile())).toBe(false);

    // A lock left by a process that is gone does not stand in the way.
    const gone = await deadPid();
    writeFileSync(lockFile(), `${gone}\n`);
    const third = await start();
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(third.pid));
    expect(await eventIds(third)).toEqual(all);

    // Nor does one left by a server killed outright.
    expect((await third.stop('SIGKILL')).signal).toBe('SIGKILL');
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(third.pid));
    const fourth = await start();
    expect(await eventIds(fourth)).toEqual(all);
    await fourth.stop('SIGTERM');
    // Four server starts on a loaded machine: a generous bound, not a measure of speed.
  }, 600_000);
});
