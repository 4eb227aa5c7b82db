import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { start, type Started } from '../../apps/api/src/start.js';
import { describeOnBackends, freshSchema } from '../support/databases.js';
import { TEST_CONSISTENCY_TIMEOUT_MS } from '../support/wait.js';

/** Collects what the server writes to standard output, in order. */
class Terminal extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describeOnBackends('the first start', (backend) => {
  const out = new Terminal();
  const schemas = { SLA_EVENT_SCHEMA: freshSchema('ev'), SLA_READ_MODEL_SCHEMA: freshSchema('rm') };
  let started: Started;
  beforeAll(async () => {
    started = await start({ DATA_DIR: 'memory://', PORT: '0', LOG_LEVEL: 'info', SLA_CONSISTENCY_TIMEOUT_MS: TEST_CONSISTENCY_TIMEOUT_MS, ...schemas, ...(backend === 'postgres' && { DATABASE_URL: process.env.DATABASE_URL! }) }, out);
  });
  afterAll(async () => {
    await started?.stopListening();
    await started?.running.app.close();
    if (backend === 'postgres') await started?.running.storage.database.exec(`DROP SCHEMA IF EXISTS ${schemas.SLA_EVENT_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${schemas.SLA_READ_MODEL_SCHEMA} CASCADE`);
    await started?.running.storage.close();
  });

  it('ends with the admin token in a framed block, after every other line, with the next step', async () => {
    const text = out.text;
    const frame = text.indexOf('┌');
    expect(frame).toBeGreaterThan(text.indexOf('SLA Ledger on http://localhost:'));
    const block = text.slice(frame);
    expect(block.trimEnd().endsWith('┘')).toBe(true);
    const token = /│ {5}(sla_[A-Za-z0-9_-]{43}) +│/.exec(block)?.[1];
    expect(token).toBeDefined();
    expect(block).toContain(`export SLA_TOKEN=${token}`);
    expect(block).toContain(`http://localhost:${started.port}/plans`);
    // Every line of the frame has the same width.
    const widths = new Set(block.trim().split('\n').map((line) => line.length));
    expect(widths.size).toBe(1);
    // The token works, and it is never in a log line.
    const response = await fetch(`http://127.0.0.1:${started.port}/plans`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(text.split('\n').filter((line) => line.startsWith('{') && line.includes(token!))).toEqual([]);
  });

  it('keeps the start-up short at info: no line per mapped route', () => {
    const logLines = out.text.split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.filter((line) => /Mapped \{/.test(line))).toEqual([]);
    expect(logLines.length).toBeLessThan(15);
  });
});
