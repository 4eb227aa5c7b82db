import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

interface Parameter {
  name: string;
  in: string;
  schema?: { type?: string; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; format?: string; pattern?: string; enum?: unknown[] };
}
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
}

/** Past 2^63, past 2^64, negative, not a number, not whole, written as an exponent or in hex. */
const OUT_OF_RANGE = ['1e19', '9223372036854775808', '99999999999999999999', '-1', 'abc', '1.5', '0x10', ''];

/** A route's path with plausible values in its path parameters, so only the query is wrong. */
function concrete(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => (name === 'month' ? '2026-10' : 'nobody'));
}

describeOnBackends('every query parameter of every route is bounded', (backend) => {
  let app: TestApp;
  let routes: { path: string; parameters: Parameter[] }[];
  beforeAll(async () => {
    app = await startTestApp(backend);
    const document = (await app.http().get('/docs-json')).body as OpenApi;
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => method === 'get')
        .map(([, operation]) => ({ path, parameters: (operation.parameters ?? []).filter((p) => p.in === 'query') })),
    );
  });
  afterAll(async () => app?.close());

  it('finds the paged routes in the OpenAPI document', () => {
    const paged = routes.filter((route) => route.parameters.some((p) => p.name === 'offset')).map((route) => route.path);
    expect(paged.length).toBeGreaterThanOrEqual(10);
    expect(routes.find((route) => route.path === '/events')?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['after', 'limit']));
  });

  it('answers 400 naming the query parameter, never 500, for a value out of range or not a number', async () => {
    const answers: { request: string; status: number; detail: string }[] = [];
    for (const route of routes) {
      for (const parameter of route.parameters) {
        const past = parameter.schema?.maximum !== undefined ? [String(parameter.schema.maximum + 1)] : [];
        const below = parameter.schema?.minimum !== undefined ? [String(parameter.schema.minimum - 1)] : [];
        // An empty comma-separated list (`?kind=`) is no filter at all, as if the parameter were left out.
        // Free text (a search) takes any characters: it is bounded by its length, below and above.
        const schema = parameter.schema;
        const freeText = schema?.type === 'string' && schema.maxLength !== undefined && !schema.format && !schema.pattern && !schema.enum;
        const values = freeText
          ? ['x'.repeat(schema.maxLength! + 1), ...(schema.minLength ? ['x'.repeat(schema.minLength - 1)] : [])]
          : parameter.schema?.type === 'array'
            ? OUT_OF_RANGE.filter(Boolean)
            : OUT_OF_RANGE;
        for (const value of [...values, ...past, ...below]) {
          const request = `${concrete(route.path)}?${parameter.name}=${encodeURIComponent(value)}`;
          const response = await app.http().get(request);
          answers.push({ request, status: response.status, detail: String(response.body?.detail ?? '') });
          expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        }
      }
    }
    expect(answers.length).toBeGreaterThan(200);
    const wrong = answers.filter((a) => {
      const name = new URL(a.request, 'http://x').searchParams.keys().next().value!;
      return a.status !== 400 || !a.detail.includes(`query parameter ${name}`);
    });
    expect(wrong).toEqual([]);
  });

  it('accepts the documented bounds themselves', async () => {
    expect((await app.http().get('/outages?offset=1000000000&limit=1000')).body).toMatchObject({ items: [], offset: 1_000_000_000, limit: 1000 });
    expect((await app.http().get('/events?after=9223372036854775807&limit=1')).body).toEqual({ events: [], next: '9223372036854775807' });
  });
});
