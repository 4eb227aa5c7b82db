import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { start, type Started } from '../../apps/api/src/start.js';
import { describeOnBackends, freshSchema } from '../support/databases.js';
import { TEST_CONSISTENCY_TIMEOUT_MS, until } from '../support/wait.js';

/** Collects the JSON log lines the server writes. */
class Lines extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
  json(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

describeOnBackends('log lines in the context of their request', (backend) => {
  const out = new Lines();
  const schemas = { SLA_EVENT_SCHEMA: freshSchema('ev'), SLA_READ_MODEL_SCHEMA: freshSchema('rm') };
  const token = 'log-context-admin-token';
  let started: Started;
  beforeAll(async () => {
    started = await start(
      { DATA_DIR: 'memory://', PORT: '0', LOG_LEVEL: 'debug', SLA_ADMIN_TOKEN: token, SLA_CONSISTENCY_TIMEOUT_MS: TEST_CONSISTENCY_TIMEOUT_MS, ...schemas, ...(backend === 'postgres' && { DATABASE_URL: process.env.DATABASE_URL! }) },
      out,
    );
  });
  afterAll(async () => {
    await started?.stopListening();
    await started?.running.app.close();
    if (backend === 'postgres') await started?.running.storage.database.exec(`DROP SCHEMA IF EXISTS ${schemas.SLA_EVENT_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${schemas.SLA_READ_MODEL_SCHEMA} CASCADE`);
    await started?.running.storage.close();
  });

  it('a line the command runner writes inside a request carries its request id and correlation id', async () => {
    const response = await fetch(`http://127.0.0.1:${started.port}/regions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': 'req-log-1', 'x-correlation-id': 'incident-77' },
      body: JSON.stringify({ id: 'fra', name: 'Frankfurt' }),
    });
    expect(response.status).toBe(201);
    const appended = out.json().filter((line) => line.context === 'CommandRunner' && String(line.msg).startsWith('RegionRegistered'));
    expect(appended).toEqual([expect.objectContaining({ requestId: 'req-log-1', correlationId: 'incident-77', msg: expect.stringContaining('appended to region-fra') })]);
    // The request's own line has the same ids; a line written outside any request has none.
    expect(out.json().filter((line) => line.requestId === 'req-log-1' && line.url === '/regions')).toEqual([expect.objectContaining({ correlationId: 'incident-77', status: 201 })]);
    expect(out.json().find((line) => String(line.msg).startsWith('SLA Ledger on'))).not.toHaveProperty('requestId');
  });

  it("a projection's line names its batch and the correlation ids of the requests behind it", async () => {
    const response = await fetch(`http://127.0.0.1:${started.port}/regions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': 'req-log-2', 'x-correlation-id': 'incident-78' },
      body: JSON.stringify({ id: 'sin', name: 'Singapore' }),
    });
    expect(response.status).toBe(201);
    const position = response.headers.get('event-position')!;
    // Every read model projects the region's one event; each says so at debug, in the batch's context.
    const projected = () => out.json().filter((line) => Array.isArray(line.correlationIds) && (line.correlationIds as string[]).includes('incident-78'));
    await until(() => new Set(projected().map((line) => line.projection)).size === 3);
    for (const line of projected()) {
      expect(line).toMatchObject({ context: 'Projections', msg: expect.stringMatching(/projected \d+ event\(s\), positions \d+–\d+$/) });
      const [first, last] = String(line.positions).split('-').map(BigInt);
      expect(first! <= BigInt(position) && BigInt(position) <= last!).toBe(true);
      // Written by the projection, not inside the request: no request id.
      expect(line).not.toHaveProperty('requestId');
    }
    expect(new Set(projected().map((line) => line.projection))).toEqual(new Set(['entity-states', 'timeline', 'notice-outbox']));
  });
});
