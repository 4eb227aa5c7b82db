import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ACCESS_MATRIX, PUBLIC_ROUTES, rolesOf } from '../../apps/api/src/access/access-policy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { auditOperations, auditSchemas } from '../support/openapi-audit.js';
import { generateTypes } from '../support/openapi-types.js';
import { defineWorkedExampleReferences, fra, ok, workedExampleCustomer } from '../support/worked-example.js';

/** The OpenAPI document is built from the controllers alone: one store is enough. */
describe('the OpenAPI document', () => {
  let app: TestApp;
  let document: Record<string, any>;

  beforeAll(async () => {
    app = await startTestApp('embedded');
    const res = await app.http({ as: null }).get('/docs-json').expect(200);
    document = res.body;
  });
  afterAll(() => app?.close());

  test('is served at /docs, /docs-json and /docs-yaml without a token', async () => {
    const ui = await app.http({ as: null }).get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
    const yaml = await app.http({ as: null }).get('/docs-yaml').expect(200);
    expect(yaml.text).toMatch(/^openapi: 3\.0\.0/m);
    expect(yaml.text).toContain('/customers/{id}/availability/{month}:');
    expect(document.openapi).toBe('3.0.0');
  });

  test('every operation has a summary, a 2xx schema, its problems, x-roles and its headers', () => {
    const problems = auditOperations(document);
    // Each line names an operation and what to add to it.
    expect(problems).toEqual([]);
  });

  test('instants are date-time, counts are integers, in every schema', () => {
    expect(auditSchemas(document)).toEqual([]);
  });

  test('describes every route of the access table and every public route, and no other', () => {
    const operations = Object.entries<Record<string, unknown>>(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    const normal = (key: string) => key.replace(/:[^/]+/g, ':');
    const documented = new Set(operations.map(normal));
    const expected = [...Object.keys(ACCESS_MATRIX), ...PUBLIC_ROUTES].map(normal);
    expect([...documented].sort()).toEqual([...new Set(expected)].sort());
  });

  test('x-roles is the access table, and public routes need no token', () => {
    const get = document.paths['/customers/{id}/credits/{month}'].get;
    expect(get['x-roles']).toEqual(rolesOf(ACCESS_MATRIX['GET /customers/:id/credits/:month']!));
    expect(get['x-roles']).toEqual(['admin', 'support', 'finance', 'customer']);
    expect(document.paths['/outages'].post['x-roles']).toEqual(['admin', 'ops']);
    expect(document.paths['/health/live'].get.security).toEqual([]);
    expect(document.paths['/metrics'].get.security).toEqual([]);
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer', description: expect.any(String) });
  });

  test('refusals share one Problem schema, and the headers a client needs are declared', () => {
    const post = document.paths['/outages'].post;
    expect(Object.keys(post.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '422', '429', '503']);
    expect(post.responses['422'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(Object.keys(post.responses['201'].headers).sort()).toEqual(['Event-Position', 'Idempotent-Replayed', 'Location']);
    expect(post.responses['429'].headers['Retry-After'].schema.type).toBe('integer');
    expect(post.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'Idempotency-Key', required: false }));
    expect(document.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail', 'instance']);
    const month = document.paths['/credits/{month}'].get;
    expect(Object.keys(month.responses['200'].content).sort()).toEqual(['application/json', 'text/csv']);
    expect(month.parameters).toContainEqual(expect.objectContaining({ in: 'path', name: 'month', schema: expect.objectContaining({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }) }));
    const list = document.paths['/outages'].get.parameters;
    expect(list.find((p: any) => p.name === 'limit').schema).toMatchObject({ type: 'integer', maximum: 1000 });
    expect(list.find((p: any) => p.name === 'from').schema).toMatchObject({ type: 'string', format: 'date-time' });
    expect(document.components.schemas.OutageResponse.properties.endedAt).toMatchObject({ type: 'string', format: 'date-time', nullable: true });
  });

  test('an answer has the documented shape: the keys of a real outage are the schema\'s', async () => {
    await app.http().post('/regions').send({ id: 'fra', name: 'Frankfurt' }).expect(201);
    const outage = (await app.http().post('/outages').send({ scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: 'fra down', startedAt: '2026-10-05T10:00:00Z' }).expect(201)).body;
    const schema = document.components.schemas.OutageResponse;
    // Every key of the answer is documented, and every required one is there (optional ones may be absent).
    expect(Object.keys(outage).filter((key) => !(key in schema.properties))).toEqual([]);
    expect(schema.required.filter((key: string) => !(key in outage))).toEqual([]);
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'scope', 'impact', 'title', 'startedAt', 'endedAt', 'ongoing']));
  });

  test('a client generated from it type-checks, and misuse does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-client-'));
    try {
      writeFileSync(join(dir, 'api.ts'), generateTypes(document));
      writeFileSync(
        join(dir, 'client.ts'),
        `import type { Operations, MoneyResponse } from './api';
type Key = keyof Operations;
declare function call<K extends Key>(key: K, params: Operations[K]['params']): Promise<Operations[K]['response']>;

export async function report(): Promise<string> {
  const credit = await call('GET /customers/{id}/credits/{month}', { id: 'acme', month: '2026-10' });
  const fee: MoneyResponse = credit.fee;
  const minor: number = credit.amount.amount;
  const deadline: string | null = credit.claimDeadline;
  const outage = await call('GET /outages/{id}', { id: 'out-1' });
  const impact: 'unavailable' | 'degraded' = outage.impact;
  const page = await call('GET /outages', {});
  const firstTitles: string[] = page.items.map((o) => o.title);
  const tokens = await call('GET /tokens', {});
  const role: Operations['GET /tokens']['roles'] = 'admin';
  // @ts-expect-error endedAt may be null
  const ended: string = outage.endedAt;
  // @ts-expect-error amounts are numbers of minor units, not strings
  const wrong: string = credit.amount.amount;
  // @ts-expect-error the path parameter is required
  await call('GET /outages/{id}', {});
  // @ts-expect-error no such operation
  await call('GET /nowhere', {});
  // @ts-expect-error only admin may list tokens
  const notAllowed: Operations['GET /tokens']['roles'] = 'ops';
  return [fee.currency, minor, deadline, impact, firstTitles.length, tokens.length, role, ended, wrong, notAllowed].join(' ');
}
`,
      );
      const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
      const result = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', 'client.ts'], { cwd: dir }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
      expect(result.stdout).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('on an application of its own', () => {
    test('declares minutes as numbers, as answered: an outage of 90 s is 1.5 min of Down Time', async () => {
      const item = document.components.schemas.MonthAvailabilityItemResponse.properties;
      expect({ downtimeMinutes: item.downtimeMinutes.type, downtimeSeconds: item.downtimeSeconds.type }).toEqual({ downtimeMinutes: 'number', downtimeSeconds: 'integer' });
      const app = await startTestApp('embedded');
      try {
        await defineWorkedExampleReferences(app);
        await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra', { activeFrom: '2026-01-01T00:00:00Z' }));
        await ok(app, 'post', '/outages', { id: 'o1', scope: fra, impact: 'unavailable', title: 'fra down', startedAt: '2026-10-05T10:00:00Z' });
        await ok(app, 'post', '/outages/o1/end', { endedAt: '2026-10-05T10:01:30Z' });
        const month = (await app.http().get('/customers/acme/availability/2026-10').expect(200)).body;
        expect({ downtimeSeconds: month.downtimeSeconds, downtimeMinutes: month.downtimeMinutes }).toEqual({ downtimeSeconds: 90, downtimeMinutes: 1.5 });
      } finally {
        await app.close();
      }
    });
  });
});
