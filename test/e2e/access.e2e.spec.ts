import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { streams } from '#domain';
import { customerParam, isPublic, ruleFor, type Role } from '../../apps/api/src/access/access-policy.js';
import { FirstAdmin } from '../../apps/api/src/access/tokens/first-admin.js';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

interface Route {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route express will dispatch to, read from its router (Nest's and Swagger's alike). */
function registeredRoutes(app: TestApp): Route[] {
  const express = app.running.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const walk = (stack: Layer[]): Route[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const path = String(layer.route.path);
        return Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => ({ method: method.toUpperCase(), path }));
      }
      return layer.handle?.stack ? walk(layer.handle.stack) : [];
    });
  return walk(express.router.stack);
}

/** A URL for a route pattern: the customer parameter gets `customer`, every other one a stand-in. */
function urlOf(route: Route, customer: string): string {
  const own = customerParam(route.path);
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => (name === own ? customer : /month/i.test(name) ? '2026-10' : 'nope'));
}

const plan = { id: 'std', name: 'Standard', availabilityTarget: '99.9', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 240, supportHours: 'always', supportChannels: ['email'] };
const customer = (id: string) => ({ id, name: id, email: `ops@${id}.example`, planId: 'std', regions: ['fra'], monthlyFee: { amount: 100000, currency: 'EUR' }, activeFrom: '2026-09-01T00:00:00Z' });

describeOnBackends('access over HTTP', (backend) => {
  let app: TestApp;
  let routes: Route[];
  const tokens = {} as Record<Exclude<Role, 'admin'>, string> & { admin: string };

  async function createToken(name: string, role: Role, customerId?: string): Promise<{ id: string; token: string }> {
    const response = await app.http().post('/tokens').send({ name, role, ...(customerId && { customerId }) });
    expect({ name, status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body;
  }

  beforeAll(async () => {
    app = await startTestApp(backend);
    for (const [path, body] of [['/plans', plan], ['/regions', { id: 'fra', name: 'Frankfurt' }], ['/customers', customer('acme')], ['/customers', customer('globex')]] as const) {
      expect((await app.http().post(path).send(body)).status).toBe(201);
    }
    tokens.admin = TEST_ADMIN_TOKEN;
    for (const role of ['ops', 'support', 'finance'] as const) tokens[role] = (await createToken(`${role}-e2e`, role)).token;
    tokens.customer = (await createToken('acme-portal', 'customer', 'acme')).token;
    routes = registeredRoutes(app);
  });
  afterAll(async () => app?.close());

  it('has an access rule, or is public, for every route the application registers', () => {
    expect(routes.length).toBeGreaterThan(40);
    const uncovered = routes.filter((r) => !isPublic(r.method, r.path) && !ruleFor(r.method, r.path)).map((r) => `${r.method} ${r.path}`);
    expect(uncovered).toEqual([]);
  });

  /** Sends one request per guarded route as `token`; lists every route whose answer broke `expected`. */
  async function mismatches(token: string | null, customerInUrl: string, expected: (route: Route) => 'refused' | 'let-through', refusal: 401 | 403) {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !isPublic(r.method, r.path))) {
      const url = urlOf(route, customerInUrl);
      const request = app.http({ as: token })[route.method.toLowerCase() as 'get' | 'post' | 'delete'](url);
      const response = route.method === 'GET' || route.method === 'DELETE' ? await request : await request.send({});
      const want = expected(route);
      const refused = response.status === 401 || response.status === 403;
      if (want === 'refused' && response.status !== refusal) wrong.push(`${route.method} ${url}: ${response.status}, expected ${refusal}`);
      if (want === 'refused' && response.headers['content-type']?.startsWith('application/problem+json') !== true) wrong.push(`${route.method} ${url}: not Problem Details`);
      if (want === 'let-through' && refused) wrong.push(`${route.method} ${url}: ${response.status} ${response.body.detail}`);
    }
    return wrong;
  }

  const allowed = (role: Role) => (route: Route) => (role === 'admin' || ruleFor(route.method, route.path)?.roles.includes(role as never) ? 'let-through' : 'refused');

  it('answers 401 with a Bearer challenge to every guarded route called without a token', async () => {
    expect(await mismatches(null, 'acme', () => 'refused', 401)).toEqual([]);
    const one = await app.http({ as: null }).get('/outages');
    expect(one.headers['www-authenticate']).toBe('Bearer realm="sla-ledger"');
    expect(one.body).toMatchObject({ status: 401, title: 'Unauthorized', detail: expect.stringContaining('Authorization: Bearer') });
  });

  it.each(['admin', 'ops', 'support', 'finance'] as const)('lets a %s token through exactly the routes the matrix gives it, and 403 elsewhere', async (role) => {
    expect(await mismatches(tokens[role], 'acme', allowed(role), 403)).toEqual([]);
  });

  it("lets a customer token read its own customer's figures and nothing else", async () => {
    const anyToken = (route: Route) => ruleFor(route.method, route.path)?.anyToken === true;
    const own = (route: Route) => ((ruleFor(route.method, route.path)?.own && route.method === 'GET') || anyToken(route) ? 'let-through' : 'refused');
    expect(await mismatches(tokens.customer, 'acme', own, 403)).toEqual([]);
    expect(await mismatches(tokens.customer, 'globex', (route) => (anyToken(route) ? 'let-through' : 'refused'), 403)).toEqual([]);
    const figures = await app.http({ as: tokens.customer }).get('/customers/acme/availability/2026-10');
    expect(figures.status).toBe(200);
    expect(figures.body).toMatchObject({ customerId: 'acme', month: '2026-10' });
    const other = await app.http({ as: tokens.customer }).get('/customers/globex/availability/2026-10');
    expect(other.status).toBe(403);
    expect(other.body.detail).toMatch(/only its own customer's/);
  });

  it('tells each token who it stands for at GET /tokens/current, a customer token included', async () => {
    for (const role of ['ops', 'support', 'finance'] as const) {
      const me = await app.http({ as: tokens[role] }).get('/tokens/current');
      expect({ role, status: me.status, body: me.body }).toMatchObject({ role, status: 200, body: { role, customerId: null, actor: `token:${role}-e2e` } });
    }
    const customer = await app.http({ as: tokens.customer }).get('/tokens/current');
    expect(customer.body).toMatchObject({ role: 'customer', customerId: 'acme', actor: 'token:acme-portal' });
    expect((await app.http().get('/tokens/current')).body).toMatchObject({ role: 'admin', customerId: null, tokenId: null });
  });

  it('keeps /health, /metrics and /docs public', async () => {
    for (const path of ['/health', '/health/live', '/health/ready', '/metrics', '/docs', '/docs-json']) {
      expect({ path, status: (await app.http({ as: null }).get(path)).status }).toEqual({ path, status: 200 });
    }
  });

  describe('tokens', () => {
    it('shows a new token once, keeps only its SHA-256 digest, and lists tokens without secrets', async () => {
      const created = await app.http().post('/tokens').send({ name: 'shown-once', role: 'ops' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.any(String), token: expect.stringMatching(/^sla_[A-Za-z0-9_-]{43}$/), name: 'shown-once', role: 'ops', customerId: null, revokedAt: null, createdBy: 'env:SLA_ADMIN_TOKEN' });
      expect(created.headers.location).toBe(`/tokens/${created.body.id}`);
      const { rows } = await app.running.storage.database.query<Record<string, unknown>>(`SELECT * FROM ${app.config.readModelSchema}.api_tokens WHERE id = $1`, [created.body.id]);
      expect(JSON.stringify(rows)).not.toContain(created.body.token);
      expect(rows[0]!.token_digest).toBe(createHash('sha256').update(created.body.token).digest('hex'));
      const list = await app.http().get('/tokens');
      expect(list.status).toBe(200);
      expect(list.body.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['ops-e2e', 'acme-portal', 'shown-once']));
      expect(JSON.stringify(list.body)).not.toMatch(/sla_|digest/);
    });

    it('refuses a revoked token with 401, and revoking is idempotent', async () => {
      const { id, token } = await createToken('short-lived', 'ops');
      expect((await app.http({ as: token }).get('/outages')).status).toBe(200);
      expect((await app.http().delete(`/tokens/${id}`)).status).toBe(204);
      const refused = await app.http({ as: token }).get('/outages');
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="sla-ledger", error="invalid_token"');
      expect(refused.body).toMatchObject({ status: 401, detail: expect.stringContaining('revoked') });
      expect((await app.http().delete(`/tokens/${id}`)).status).toBe(204);
      const revoked = (await app.http().get('/tokens')).body.find((t: { id: string }) => t.id === id);
      expect(revoked.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const unknown = await app.http().delete('/tokens/no-such-token');
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('refuses unknown, malformed and non-bearer credentials with 401', async () => {
      for (const header of ['Bearer sla_not-a-real-token', 'Bearer', 'Basic YWRtaW46YWRtaW4=', `bearer ${TEST_ADMIN_TOKEN}x`]) {
        const response = await app.http({ as: null }).get('/outages').set('Authorization', header);
        expect({ header, status: response.status }).toEqual({ header, status: 401 });
      }
      // The scheme is case-insensitive (RFC 7235).
      expect((await app.http({ as: null }).get('/outages').set('Authorization', `bearer ${TEST_ADMIN_TOKEN}`)).status).toBe(200);
    });

    it('checks what a token is created with', async () => {
      const cases: [Record<string, unknown>, number, RegExp][] = [
        [{ name: 'c-no-customer', role: 'customer' }, 400, /customerId/],
        [{ name: 'ops-bound', role: 'ops', customerId: 'acme' }, 400, /only for customer tokens/],
        [{ name: 'c-ghost', role: 'customer', customerId: 'ghost' }, 400, /unknown customer ghost/],
        [{ name: 'root', role: 'root' }, 400, /role must be one of admin, ops, support, finance, customer/],
        [{ name: 'bad name!', role: 'ops' }, 400, /name/],
        [{ name: 'ops-e2e', role: 'ops' }, 409, /already exists/],
      ];
      for (const [body, status, detail] of cases) {
        const response = await app.http().post('/tokens').send(body);
        expect({ body, status: response.status, detail: response.body.detail }).toEqual({ body, status, detail: expect.stringMatching(detail) });
      }
    });

    it('lets only admin manage tokens', async () => {
      for (const role of ['ops', 'support', 'finance', 'customer'] as const) {
        expect((await app.http({ as: tokens[role] }).post('/tokens').send({ name: `by-${role}`, role: 'admin' })).status).toBe(403);
      }
    });
  });

  describe('actors', () => {
    it('records the token that caused each event, and the correlation id it was sent with', async () => {
      const started = await app.http({ as: tokens.ops }).post('/outages').set('X-Correlation-Id', 'incident-42').send({ id: 'by-ops', scope: { kind: 'platform' }, impact: 'unavailable', title: 'down', startedAt: '2026-10-05T10:00:00Z' });
      expect(started.status).toBe(201);
      expect(started.headers['x-correlation-id']).toBe('incident-42');
      const ended = await app.http().post('/outages/by-ops/end').send({ endedAt: '2026-10-05T11:00:00Z' });
      expect(ended.status).toBe(200);
      const events = await app.running.storage.events.readStream(streams.outage('by-ops'));
      expect(events.map((e) => [e.type, e.metadata.actor])).toEqual([
        ['OutageStarted', 'token:ops-e2e'],
        ['OutageEnded', 'env:SLA_ADMIN_TOKEN'],
      ]);
      expect(events[0]!.metadata.correlationId).toBe('incident-42');
      expect(events[1]!.metadata.correlationId).toBe(ended.headers['x-correlation-id']);
    });
  });
});

describe('first start without SLA_ADMIN_TOKEN', () => {
  it('creates one admin token, shown once, that works; a restart creates none', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const app = await startTestApp('embedded', { SLA_ADMIN_TOKEN: '' });
    try {
      const issued = app.running.app.get(FirstAdmin).issued;
      expect(issued).toMatch(/^sla_[A-Za-z0-9_-]{43}$/);
      // The framed block that shows it is start()'s (test/e2e/first-start.e2e.spec.ts); no log line has it.
      expect(write.mock.calls.map(([text]) => String(text)).join('')).not.toContain(issued!);
      expect((await app.http({ as: null }).get('/plans')).status).toBe(401);
      expect((await app.http({ as: issued! }).get('/plans')).status).toBe(200);
      const tokens = await app.http({ as: issued! }).get('/tokens');
      expect(tokens.body.map((t: { name: string; role: string }) => [t.name, t.role])).toEqual([['first-admin', 'admin']]);
      const again = app.running.app.get(FirstAdmin);
      again.issued = null;
      await again.ensure();
      expect(again.issued).toBeNull();
    } finally {
      write.mockRestore();
      await app.close();
    }
  });
});
