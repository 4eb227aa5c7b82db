import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describePostgres, freshSchema } from '../support/databases.js';

/** API processes on one PostgreSQL count a caller's requests together: replicas behave as one. */
describePostgres('the rate limit across processes', () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    const env = { RATE_LIMIT_PER_MINUTE: '3', SLA_EVENT_SCHEMA: freshSchema('ev'), SLA_READ_MODEL_SCHEMA: freshSchema('rm') };
    one = await startTestApp('postgres', env);
    two = await startTestApp('postgres', env);
  });
  afterAll(async () => {
    await two?.close({ keepData: true });
    await one?.close();
  });

  it('refuses the fourth request of a minute whichever process gets it, with Retry-After', async () => {
    expect((await one.http().get('/plans')).status).toBe(200);
    expect((await two.http().get('/plans')).status).toBe(200);
    expect((await one.http().get('/plans')).status).toBe(200);
    const fourth = await two.http().get('/plans');
    expect(fourth.status).toBe(429);
    // 3 per minute refill one every 20 s.
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(fourth.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect(fourth.body.detail).toContain('RATE_LIMIT_PER_MINUTE');
  });
});
