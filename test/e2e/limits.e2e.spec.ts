import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ConfigError, loadConfig } from '../../apps/api/src/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/wait.js';

const outage = { scope: { kind: 'platform' }, impact: 'unavailable', title: 'down', startedAt: '2026-10-05T10:00:00Z' };
const STATUS_PAGE = 'https://status.example.com';

describe('limits and security headers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('embedded', { RATE_LIMIT_PER_MINUTE: '4', SLA_BODY_LIMIT: '1kb', CORS_ORIGINS: `${STATUS_PAGE}, https://ops.example.com` });
  });
  afterAll(async () => app?.close());

  it('answers 429 with Retry-After once a token has used its requests for the minute, per token', async () => {
    const tokenFor = async (name: string) => (await app.http().post('/tokens').send({ name, role: 'ops' })).body.token as string;
    const [busy, calm] = [await tokenFor('busy'), await tokenFor('calm')];
    for (let i = 0; i < 4; i++) expect((await app.http({ as: busy }).get('/outages')).status).toBe(200);
    const refused = await app.http({ as: busy }).get('/outages');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, type: '/problems/rate-limited', title: 'Too Many Requests', detail: expect.stringContaining('RATE_LIMIT_PER_MINUTE') });
    // 4 a minute refill one every 15 s.
    expect(Number(refused.headers['retry-after'])).toBe(15);
    expect((await app.http({ as: calm }).get('/outages')).status).toBe(200);
    expect((await app.http({ as: null }).get('/health')).status).toBe(200);
  });

  it('refuses a body over SLA_BODY_LIMIT with 413 Problem Details', async () => {
    const response = await app.http().post('/outages').send({ ...outage, title: 'x'.repeat(2_000) });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 413, type: '/problems/body-too-large', title: 'Content Too Large', detail: expect.stringContaining('SLA_BODY_LIMIT') });
  });

  it('sends the security headers helmet sets, and no X-Powered-By', async () => {
    const response = await app.http({ as: null }).get('/health');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers CORS requests from the configured origins only', async () => {
    const preflight = await app
      .http({ as: null })
      .options('/outages')
      .set('Origin', STATUS_PAGE)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,idempotency-key,content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(STATUS_PAGE);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization.*Idempotency-Key/);
    const read = await app.http({ as: null }).get('/health').set('Origin', 'https://ops.example.com');
    expect(read.headers['access-control-allow-origin']).toBe('https://ops.example.com');
    expect(read.headers['access-control-expose-headers']).toMatch(/Location.*Event-Position.*Retry-After/);
    const stranger = await app.http({ as: null }).get('/health').set('Origin', 'https://evil.example');
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('observability', () => {
  let app: TestApp;
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });

  beforeAll(async () => {
    app = await startTestApp('embedded', { LOG_LEVEL: 'info' }, { logDestination: destination });
  });
  afterAll(async () => app?.close());

  /** The line is written when the response finishes, which may be just after the client has it. */
  async function lineWith(requestId: string): Promise<Record<string, unknown>> {
    await until(() => lines.some((l) => l.requestId === requestId), { everyMs: 10 });
    return lines.find((l) => l.requestId === requestId)!;
  }

  it('writes one JSON line per request, with the request and correlation ids it returns, and never the token', async () => {
    const response = await app.http().get('/outages?limit=5').set('X-Request-Id', 'req-e2e-1').set('X-Correlation-Id', 'corr-e2e-1');
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-e2e-1');
    expect(response.headers['x-correlation-id']).toBe('corr-e2e-1');
    expect(await lineWith('req-e2e-1')).toMatchObject({
      level: 30,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requestId: 'req-e2e-1',
      correlationId: 'corr-e2e-1',
      method: 'GET',
      url: '/outages?limit=5',
      route: '/outages',
      status: 200,
      durationMs: expect.any(Number),
      actor: 'env:SLA_ADMIN_TOKEN',
      msg: 'GET /outages?limit=5 200',
    });
    const written = raw.filter((l) => l.includes('req-e2e-1'));
    expect(written).toHaveLength(1);
    expect(written[0]!.match(/"requestId"/g)).toHaveLength(1);
    const generated = await app.http({ as: null }).get('/outages').set('X-Request-Id', 'not a safe id!');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lineWith(generated.headers['x-request-id']!)).toMatchObject({ status: 401, level: 40, actor: null });
    expect(JSON.stringify(lines)).not.toMatch(/test-admin-token|authorization/i);
  });

  it('exposes request, event and projection metrics to Prometheus at /metrics', async () => {
    expect((await app.http().post('/outages').send(outage)).status).toBe(201);
    await app.http().get('/outages/nope');
    const scrape = await app.http({ as: null }).get('/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scrape.text).toMatch(/^http_requests_total\{method="POST",route="\/outages",status="201"\} 1$/m);
    expect(scrape.text).toMatch(/^http_requests_total\{method="GET",route="\/outages\/:id",status="404"\} 1$/m);
    expect(scrape.text).toMatch(/^http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/outages",status="201"\} 1$/m);
    expect(scrape.text).toMatch(/^sla_events_appended_total\{type="OutageStarted"\} 1$/m);
    expect(scrape.text).toMatch(/^sla_projection_lag_events\{projection="[a-z-]+"\} \d+$/m);
    expect(scrape.text).toMatch(/^sla_event_store_up 1$/m);
    expect(scrape.text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('sends no CORS headers when CORS_ORIGINS is unset', async () => {
    const response = await app.http({ as: null }).get('/health').set('Origin', STATUS_PAGE);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('tells liveness from readiness: not ready (503) while the event store does not answer', async () => {
    const live = await app.http({ as: null }).get('/health/live');
    expect(live.status).toBe(200);
    const ready = await app.http({ as: null }).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', store: 'reachable', projections: expect.arrayContaining([expect.objectContaining({ name: 'entity-states', lag: expect.stringMatching(/^\d+$/), headPosition: expect.any(String) })]) });
    const down = jest.spyOn(app.running.storage.events, 'headPosition').mockRejectedValue(new Error('connection refused'));
    try {
      for (const path of ['/health', '/health/ready']) {
        const response = await app.http({ as: null }).get(path);
        expect({ path, status: response.status, retryAfter: response.headers['retry-after'] }).toEqual({ path, status: 503, retryAfter: '5' });
        expect(response.body).toMatchObject({ status: 'unavailable', store: 'unreachable' });
      }
      expect((await app.http({ as: null }).get('/health/live')).status).toBe(200);
      expect((await app.http({ as: null }).get('/metrics')).text).toMatch(/^sla_event_store_up 0$/m);
    } finally {
      down.mockRestore();
    }
  });

  it('never shows a stack trace or SQL in an error, but logs it', async () => {
    await app.running.storage.database.exec(`DROP TABLE ${app.config.readModelSchema}.idempotency_keys`);
    const response = await app.http().post('/outages').set('Idempotency-Key', 'k-broken').set('X-Request-Id', 'req-broken').send(outage);
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toEqual({ type: '/problems/internal-error', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred; it has been logged', instance: '/outages' });
    expect(response.text).not.toMatch(/idempotency_keys|relation|INSERT|SELECT|\bat \S+ \(|\.ts:\d+/);
    expect(await lineWith('req-broken')).toMatchObject({ status: 500, level: 50 });
  });
});

describe('settings', () => {
  it('reads the limits, CORS origins and log level, with safe defaults', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitPerMinute: 600, idempotencyTtlHours: 24, corsOrigins: null, logLevel: 'info', adminToken: null });
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '60', IDEMPOTENCY_TTL_HOURS: '2', CORS_ORIGINS: 'https://a.example, http://localhost:8080', LOG_LEVEL: 'WARN' })).toMatchObject({
      rateLimitPerMinute: 60,
      idempotencyTtlHours: 2,
      corsOrigins: ['https://a.example', 'http://localhost:8080'],
      logLevel: 'warn',
    });
  });

  it.each([
    [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE=0/],
    [{ IDEMPOTENCY_TTL_HOURS: 'soon' }, /IDEMPOTENCY_TTL_HOURS=soon/],
    [{ CORS_ORIGINS: 'https://a.example/path' }, /CORS_ORIGINS/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL=loud/],
    [{ SLA_ADMIN_TOKEN: 'short' }, /at least 16 characters/],
  ])('refuses %o at start-up', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
