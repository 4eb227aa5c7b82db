import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ACCESS_MATRIX, routeKey } from '../../apps/api/src/access/access-policy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { ok } from '../support/worked-example.js';

/** Cases per route; the whole suite stays well under a minute per backend at the default. */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 100);

const POST_ROUTES = Object.keys(ACCESS_MATRIX)
  .filter((key) => key.startsWith('POST '))
  .map((key) => key.slice('POST '.length));

// --- What the fuzzer sends, kept as small recipes so a counterexample prints readably. ---------------

/** A string of `times` × `unit`, built only when the request is. */
class Repeat {
  constructor(readonly unit: string, readonly times: number) {}
  [fc.toStringMethod](): string {
    return `${JSON.stringify(this.unit)}.repeat(${this.times})`;
  }
}

/** Arrays (or objects) nested `depth` deep. */
class Deep {
  constructor(readonly depth: number, readonly as: 'array' | 'object') {}
  [fc.toStringMethod](): string {
    return `Deep(${this.depth}, ${this.as})`;
  }
}

type Recipe = null | boolean | number | string | Repeat | Deep | Recipe[] | { [key: string]: Recipe };

/** Sets a key as an own, enumerable property, even `__proto__`, so it is sent as written. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const isPlainRecipe = (recipe: Recipe): recipe is { [key: string]: Recipe } =>
  recipe !== null && typeof recipe === 'object' && !Array.isArray(recipe) && !(recipe instanceof Repeat) && !(recipe instanceof Deep);

/** JSON text for a recipe, written by hand: keys such as `__proto__` are kept, and depth costs no stack. */
function serialise(recipe: Recipe): string {
  if (recipe instanceof Repeat) return JSON.stringify(recipe.unit.repeat(recipe.times));
  if (recipe instanceof Deep) {
    return recipe.as === 'array' ? `${'['.repeat(recipe.depth)}"bottom"${']'.repeat(recipe.depth)}` : `${'{"a":'.repeat(recipe.depth)}"bottom"${'}'.repeat(recipe.depth)}`;
  }
  if (Array.isArray(recipe)) return `[${recipe.map(serialise).join(',')}]`;
  if (isPlainRecipe(recipe)) return `{${Object.keys(recipe).map((key) => `${JSON.stringify(key)}:${serialise(recipe[key]!)}`).join(',')}}`;
  return JSON.stringify(recipe) ?? 'null';
}

/** A copy whose own keys are kept as they are (even `__proto__`); the immutable leaves are shared. */
function clone(recipe: Recipe): Recipe {
  if (Array.isArray(recipe)) return recipe.map(clone);
  if (!isPlainRecipe(recipe)) return recipe;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(recipe)) put(out, key, clone(recipe[key]!));
  return out as Recipe;
}

const BAD_INSTANTS = [
  '2026-10-05T10:00:00',
  '2026-02-30T10:00:00Z',
  '0000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:01Z',
  '2026-10-05',
  '2026-10-05T24:00:01Z',
  '2026-10-05T10:00:00+25:00',
  '2026-10-05T10:00:00.123456789012Z',
  '2026-13-01T00:00:00Z',
  '2999-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  'now',
  '1759658400',
  '',
];
const NAN_LIKE = ['NaN', 'Infinity', '-Infinity', '-0', '1e309', '0x10', '1_000', '99.99999999999999999999', ' 99.9', '٩٩.٩', 'null', 'undefined', 'true'];
const INJECTIONS = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  '"); SELECT pg_sleep(10); --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0644\u0627',
  '🦄'.repeat(50),
  '\r\nSet-Cookie: x=1',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString', 'isAdmin', 'role', '$where', '', ' id', 'id\u0000'];

const hugeString = fc.constantFrom(
  new Repeat('x', 1_001),
  new Repeat('x', 5_001),
  new Repeat('x', 64_000),
  new Repeat('x', 99_000),
  new Repeat('x', 102_500),
  new Repeat('x', 300_000),
  new Repeat('€', 40_000),
  new Repeat('\u0000', 2_000),
);

const money = fc.constantFrom<Recipe>(
  { amount: -1, currency: 'EUR' },
  { amount: 0.5, currency: 'EUR' },
  { amount: 100.25, currency: 'EUR' },
  { amount: -0.0001, currency: 'EUR' },
  { amount: 1e308, currency: 'EUR' },
  { amount: 9007199254740993, currency: 'EUR' },
  { amount: '100', currency: 'EUR' },
  { amount: 'NaN', currency: 'EUR' },
  { amount: 100, currency: 'eur' },
  { amount: 100, currency: 'XXX' },
  { amount: 100, currency: '€' },
  { amount: 100 },
  { currency: 'EUR' },
  { amount: [100], currency: ['EUR'] },
);

const hostileValue: fc.Arbitrary<Recipe> = fc.oneof(
  fc.constantFrom<Recipe>(null, true, false, 0, -1, 1.5, -0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [null], [[]], [{}], { a: 1 }, ''),
  fc.constantFrom(...BAD_INSTANTS),
  fc.constantFrom(...NAN_LIKE),
  fc.constantFrom(...INJECTIONS),
  hugeString,
  money,
  fc.constantFrom(new Deep(50, 'array'), new Deep(2_000, 'array'), new Deep(2_000, 'object'), new Deep(20_000, 'array')),
  fc.constantFrom(...PROTO_KEYS).map((key): Recipe => ({ [key]: { polluted: 'yes' } })),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Recipe>,
  fc.string({ unit: 'binary', maxLength: 40 }),
);

type Mutation =
  | { op: 'set'; at: number; value: Recipe }
  | { op: 'add'; at: number; key: string; value: Recipe }
  | { op: 'delete'; at: number }
  /** A well-formed value of the same kind, so the request passes validation and meets the rules. */
  | { op: 'plausible'; at: number; pick: number };

const PLAUSIBLE_INSTANTS = ['1970-01-01T00:00:00Z', '2026-09-01T00:00:00Z', '2026-10-05T09:00:00+02:00', '2026-10-05T10:00:00Z', '2026-10-31T23:59:59-12:00', '2026-11-01T00:00:00+14:00', '2999-01-01T00:00:00Z'];
const PLAUSIBLE_IDS = ['nope', 'acme', 'globex', 'o-1', 'o-2', 'm-1', 'm-2', 'e-1', 'fra', 'sin', 'pro', 'basic', 'inv-1', 'r-1', 'p-new', 'c-new'];
const PLAUSIBLE_NUMBERS = [0, 1, 7, 10, 100, 100000, 2147483648];

function plausible(current: Recipe, pick: number): Recipe {
  const from = <T>(values: readonly T[]) => values[pick % values.length]!;
  if (typeof current === 'number') return from(PLAUSIBLE_NUMBERS);
  if (typeof current === 'boolean') return pick % 2 === 0;
  if (typeof current !== 'string') return current;
  if (/^\d{4}-\d\d-\d\dT/.test(current)) return from(PLAUSIBLE_INSTANTS);
  if (/^\d{4}-\d\d$/.test(current)) return from(['2026-09', '2026-10', '2026-11', '2999-01']);
  if (/^\d+(\.\d+)?$/.test(current)) return from(['0', '50', '99', '99.5', '99.99', '100']);
  return from(PLAUSIBLE_IDS);
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 10 })), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
);

const plausibleMutation: fc.Arbitrary<Mutation> = fc.record({ op: fc.constant('plausible' as const), at: fc.nat(), pick: fc.nat() });

/** Every place in a JSON tree that holds a value, and every object in it (where a key can be added). */
function places(tree: Recipe, path: (string | number)[] = []): { path: (string | number)[]; isObject: boolean }[] {
  const here = { path, isObject: isPlainRecipe(tree) };
  if (Array.isArray(tree)) return [here, ...tree.flatMap((item, k) => places(item, [...path, k]))];
  if (here.isObject) return [here, ...Object.keys(tree as object).flatMap((key) => places((tree as Record<string, Recipe>)[key]!, [...path, key]))];
  return [here];
}

function applyMutation(body: Recipe, m: Mutation): Recipe {
  const all = places(body);
  const candidates = m.op === 'add' ? all.filter((p) => p.isObject) : all.filter((p) => p.path.length > 0 && (m.op !== 'plausible' || !p.isObject));
  if (candidates.length === 0) return m.op === 'set' ? m.value : body;
  const { path } = candidates[m.at % candidates.length]!;
  const copy = clone(body);
  if (m.op === 'add') {
    const target = path.reduce<Recipe>((node, key) => (node as Record<string, Recipe>)[key as string]!, copy) as Record<string, Recipe>;
    put(target, m.key, m.value);
    return copy;
  }
  const parent = path.slice(0, -1).reduce<Recipe>((node, key) => (node as Record<string, Recipe>)[key as string]!, copy) as Record<string | number, Recipe>;
  const last = path[path.length - 1]!;
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
    return copy;
  }
  const value = m.op === 'plausible' ? plausible(parent[last]!, m.pick) : m.value;
  if (Array.isArray(parent)) parent[last as number] = value;
  else put(parent as Record<string, unknown>, last as string, value);
  return copy;
}

type Body =
  | { kind: 'json'; value: Recipe }
  | { kind: 'raw'; text: string | Repeat; contentType: string; encoding?: string }
  | { kind: 'none'; contentType?: string };

const RAW_JSON = [
  '{',
  '}',
  'nope',
  '[1,',
  '{"a":1}}',
  '{"a":1,}',
  "{'a':1}",
  'null',
  '"a string"',
  '42',
  'true',
  'NaN',
  '\uFEFF{}',
  '{"title":"\\u0000"}',
  '{"title":"\\ud800"}',
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":1,"a":2}',
  '{"amount":1e999999}',
  '<?xml version="1.0"?><a/>',
  'a=1&b=2',
  '\u0000\u0001\u0002',
];

/** A body for `route`: mostly its valid body with a few hostile changes, else junk of every shape. */
function bodies(valid: Recipe): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms): Body => ({ kind: 'json', value: ms.reduce(applyMutation, valid) })) },
    { weight: 4, arbitrary: fc.array(plausibleMutation, { maxLength: 3 }).map((ms): Body => ({ kind: 'json', value: ms.reduce(applyMutation, valid) })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value): Body => ({ kind: 'json', value: value as Recipe })) },
    { weight: 1, arbitrary: fc.constantFrom<Recipe>([], [valid], [[]], [null], {}, { body: valid }).map((value): Body => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: fc.constantFrom<string | Repeat>(...RAW_JSON, new Repeat('{"a":', 30_000), new Repeat('[', 60_000), new Repeat(' ', 200_000)).map((text): Body => ({ kind: 'raw', text, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { kind: 'none' },
        { kind: 'none', contentType: 'application/json' },
        { kind: 'raw', text: JSON.stringify(valid), contentType: 'text/plain' },
        { kind: 'raw', text: JSON.stringify(valid), contentType: 'application/x-www-form-urlencoded' },
        { kind: 'raw', text: JSON.stringify(valid), contentType: 'application/json; charset=latin1' },
        { kind: 'raw', text: JSON.stringify(valid), contentType: 'application/json; charset=utf-16' },
        { kind: 'raw', text: JSON.stringify(valid), contentType: 'application/merge-patch+json' },
        { kind: 'raw', text: 'not gzip at all', contentType: 'application/json', encoding: 'gzip' },
        { kind: 'raw', text: 'not deflate', contentType: 'application/json', encoding: 'deflate' },
        { kind: 'raw', text: JSON.stringify(valid), contentType: 'application/json', encoding: 'compress' },
        { kind: 'raw', text: JSON.stringify(valid), contentType: 'multipart/form-data; boundary=x' },
      ),
    },
  );
}

// --- The application under fuzz -----------------------------------------------------------------

const NOW_PAST = '2026-10-05T10:00:00Z';

/** A valid body per POST route: the fuzzer starts from it so requests get past the first checks. */
const VALID: Record<string, Recipe> = {
  '/plans': {
    id: 'p-new',
    name: 'New',
    availabilityTarget: '99.9',
    creditPolicy: { kind: 'tiers', tiers: [{ below: '99.9', percent: 10 }, { below: '99', percent: 25 }] },
    responseTimeMinutes: 240,
    supportHours: { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
    supportChannels: ['email'],
  },
  '/regions': { id: 'r-new', name: 'New region', provider: 'Equinix Metal' },
  '/customers': { id: 'c-new', name: 'New', email: 'ops@new.example', planId: 'pro', regions: ['fra'], monthlyFee: { amount: 100000, currency: 'EUR' }, activeFrom: '2026-09-01T00:00:00Z' },
  '/customers/:id/plan': { planId: 'basic', effectiveAt: '2026-10-10T00:00:00Z' },
  '/customers/:id/regions': { regions: ['sin'], effectiveAt: '2026-10-10T00:00:00Z' },
  '/customers/:id/offboard': { at: '2026-10-20T00:00:00Z' },
  '/outages': { id: 'o-new', scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: 'fra down', startedAt: NOW_PAST, subProcessor: 'Equinix Metal' },
  '/outages/:id/end': { endedAt: '2026-10-05T11:00:00Z' },
  '/outages/:id/corrections': { startedAt: '2026-10-05T09:00:00Z', endedAt: '2026-10-05T11:15:00Z', reason: 'monitoring lagged' },
  '/outages/:id/classification': { exclusion: 'force-majeure', reason: 'flood' },
  '/outages/:id/void': { reason: 'recorded in error' },
  '/maintenances': { id: 'm-new', scope: { kind: 'platform' }, title: 'upgrade', window: { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' }, noticeSentAt: '2026-10-08T09:00:00Z', acceptAsDowntime: false },
  '/maintenances/:id/notices': { sentAt: '2026-10-09T09:00:00Z', customers: ['acme'] },
  '/maintenances/:id/reschedule': { window: { start: '2026-10-21T01:00:00Z', end: '2026-10-21T02:00:00Z' }, noticeSentAt: '2026-10-19T09:00:00Z', acceptAsDowntime: true },
  '/maintenances/:id/start': { at: '2026-10-14T01:00:00Z' },
  '/maintenances/:id/complete': { at: '2026-10-14T03:00:00Z' },
  '/maintenances/:id/cancel': {},
  '/emergency-maintenances': { id: 'e-new', scope: { kind: 'customers', customers: ['acme'] }, startedAt: NOW_PAST, reason: 'security patch' },
  '/emergency-maintenances/:id/end': { endedAt: '2026-10-05T11:00:00Z' },
  '/emergency-maintenances/:id/void': { reason: 'recorded in error' },
  '/customers/:id/invoices': { invoiceId: 'inv-new', month: '2026-10', amount: { amount: 100000, currency: 'EUR' }, dueAt: '2026-11-10T00:00:00Z' },
  '/customers/:id/invoices/:invoiceId/payments': { paidAt: '2026-11-05T00:00:00Z' },
  '/customers/:id/credit-requests': { month: '2026-10', requestedAt: '2026-11-02T00:00:00Z' },
  '/credits/:customerId/:month/decision': { decision: 'deny', reason: 'not eligible', invoiceId: 'inv-1' },
  '/customers/:id/failure-reports': { id: 'r-new', reportedAt: '2026-10-05T10:20:00Z', channel: 'email', outageId: 'o-1', description: 'API unreachable' },
  '/customers/:id/failure-reports/:reportId/acknowledgement': { at: '2026-10-05T11:00:00Z' },
  '/admin/projections/rebuild': {},
  '/admin/events': {
    events: [
      {
        id: '0b8f0c8e-3a52-4f57-9a39-2f0d8d1c7e11',
        stream: 'region-fz',
        revision: 0,
        type: 'RegionRegistered',
        data: { id: 'fz', name: 'Fuzz', provider: null },
        metadata: { actor: 'fuzz', correlationId: 'fuzz', causationId: null, occurredAt: '2026-10-01T00:00:00Z', schemaVersion: 1, recordedAt: '2026-10-01T00:00:01.000Z' },
      },
    ],
  },
  '/tokens': { name: 'fuzz-token', role: 'customer', customerId: 'acme' },
  '/sub-processors': { id: 'sp-new', legalName: 'New Ltd', type: 'infrastructure', purpose: 'Compute', location: 'Ireland', platform: false, regions: ['fra'], dataCategories: ['logs'], aliases: ['New'], effectiveAt: '2026-10-01T00:00:00Z', reason: 'listed' },
  '/sub-processors/import': [{ legalName: 'Imported Ltd', type: 'service-specific', purpose: 'Email', location: 'Ireland', regions: ['fra'] }],
  '/sub-processors/:id/changes': { location: 'Germany', effectiveAt: '2026-10-10T00:00:00Z', reason: 'moved' },
  '/sub-processors/:id/retire': { effectiveAt: '2026-10-20T00:00:00Z', reason: 'ended' },
};

/** Ids that exist once the app is seeded, by route parameter (the `:id` of each collection). */
function existingParam(route: string, param: string): string {
  if (param === 'invoiceId') return 'inv-1';
  if (param === 'reportId') return 'r-1';
  if (param === 'month') return '2026-10';
  if (param === 'customerId' || route.startsWith('/customers/')) return 'acme';
  if (route.startsWith('/outages/')) return 'o-1';
  // A maintenance of its own for cancel, so that a cancel that gets through leaves m-1 to the rest.
  if (route.startsWith('/maintenances/')) return route.endsWith('/cancel') ? 'm-2' : 'm-1';
  if (route.startsWith('/emergency-maintenances/')) return 'e-1';
  if (route.startsWith('/sub-processors/')) return route.endsWith('/retire') ? 'sp-2' : 'sp-1';
  throw new Error(`no seeded id for :${param} of ${route}`);
}

const HOSTILE_PARAMS = [
  'nope',
  '__proto__',
  'constructor',
  'prototype',
  "'; DROP TABLE events; --",
  '<script>alert(1)</script>',
  '..',
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  ' ',
  'x'.repeat(1_500),
  '2026-13',
  '0000-00',
  '2026-02-30',
  'NaN',
  '%',
  '🦄',
];

/** Every field of the valid body set to null, then left out, one at a time: always tried, before the random cases. */
function fieldByField(route: string): [string, Body][] {
  const url = route.replace(/:([A-Za-z]+)/g, (_, param: string) => existingParam(route, param));
  const valid = VALID[route]!;
  return places(valid)
    .filter((p) => p.path.length > 0)
    .flatMap((_, at): Mutation[] => [
      { op: 'set', at, value: null },
      { op: 'delete', at },
    ])
    .map((m): [string, Body] => [url, { kind: 'json', value: applyMutation(valid, m) }]);
}

/** The URL for a route pattern, each parameter an existing id or something hostile (then encoded). */
function urls(route: string): fc.Arbitrary<string> {
  const params = [...route.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const values = params.map((param) =>
    fc.oneof({ weight: 3, arbitrary: fc.constant(existingParam(route, param)) }, { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_PARAMS) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) }),
  );
  return fc.tuple(...values).map((chosen) => {
    let k = 0;
    return route.replace(/:([A-Za-z]+)/g, () => {
      const value = chosen[k++]!;
      // A lone surrogate cannot be percent-encoded as UTF-8; send its replacement bytes raw.
      try {
        return encodeURIComponent(value);
      } catch {
        return '%ED%A0%80';
      }
    });
  });
}

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function registeredPostRoutes(app: TestApp): string[] {
  const express = app.running.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) return layer.route.methods.post ? [String(layer.route.path)] : [];
      return layer.handle?.stack ? walk(layer.handle.stack) : [];
    });
  return walk(express.router.stack);
}

describeOnBackends('hostile input to every POST route', (backend) => {
  let app: TestApp;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    // "Writes nothing" is read from the store's head: no notice email may be recorded meanwhile.
    app = await startTestApp(backend, { SLA_NOTICE_SENDING: 'off' });
    const plan = VALID['/plans'] as Record<string, Recipe>;
    await ok(app, 'post', '/plans', { ...plan, id: 'pro', creditPolicy: { kind: 'pro-rata-downtime' }, supportHours: 'always' });
    await ok(app, 'post', '/plans', { ...plan, id: 'basic' });
    await ok(app, 'post', '/regions', { id: 'fra', name: 'Frankfurt' });
    await ok(app, 'post', '/regions', { id: 'sin', name: 'Singapore' });
    await ok(app, 'post', '/customers', { ...(VALID['/customers'] as object), id: 'acme' });
    await ok(app, 'post', '/customers', { ...(VALID['/customers'] as object), id: 'globex', regions: ['sin'] });
    await ok(app, 'post', '/outages', { ...(VALID['/outages'] as object), id: 'o-1' });
    await ok(app, 'post', '/outages/o-1/end', { endedAt: '2026-10-05T11:30:00Z' });
    await ok(app, 'post', '/outages', { ...(VALID['/outages'] as object), id: 'o-2', scope: { kind: 'platform' } });
    for (const id of ['m-1', 'm-2']) await ok(app, 'post', '/maintenances', { ...(VALID['/maintenances'] as object), id });
    await ok(app, 'post', '/emergency-maintenances', { ...(VALID['/emergency-maintenances'] as object), id: 'e-1' });
    await ok(app, 'post', '/customers/acme/invoices', { ...(VALID['/customers/:id/invoices'] as object), invoiceId: 'inv-1' });
    await ok(app, 'post', '/customers/acme/failure-reports', { ...(VALID['/customers/:id/failure-reports'] as object), id: 'r-1' });
    for (const id of ['sp-1', 'sp-2']) await ok(app, 'post', '/sub-processors', { ...(VALID['/sub-processors'] as object), id, legalName: `SP ${id}`, aliases: [] });
  });
  afterAll(async () => app?.close());

  it('fuzzes every POST route the application registers, and only those', () => {
    const registered = registeredPostRoutes(app).map((path) => routeKey('POST', path));
    expect([...new Set(registered)].sort()).toEqual(POST_ROUTES.map((path) => routeKey('POST', path)).sort());
    expect(Object.keys(VALID).sort()).toEqual([...POST_ROUTES].sort());
  });

  /** The bytes to send and their headers. */
  function wire(body: Body): { text: string | null; contentType?: string; encoding?: string } {
    if (body.kind === 'none') return { text: null, ...(body.contentType && { contentType: body.contentType }) };
    if (body.kind === 'json') return { text: serialise(body.value), contentType: 'application/json' };
    return { text: body.text instanceof Repeat ? body.text.unit.repeat(body.text.times) : body.text, contentType: body.contentType, ...(body.encoding && { encoding: body.encoding }) };
  }

  async function send(url: string, sent: ReturnType<typeof wire>) {
    const request = app.http().post(url).timeout(120_000);
    if (sent.contentType) request.set('Content-Type', sent.contentType);
    if (sent.encoding) request.set('Content-Encoding', sent.encoding);
    return sent.text === null ? request : request.send(sent.text);
  }

  /** The head position, taken from the store as the product reports it. */
  const head = () => app.running.storage.events.headPosition();

  it.each(POST_ROUTES)(
    'POST %s: never a 5xx; every refusal is Problem Details and writes nothing',
    async (route) => {
      await fc.assert(
        fc.asyncProperty(urls(route), bodies(VALID[route]!), async (url, body) => {
          const before = await head();
          const sent = wire(body);
          const response = await send(url, sent);
          const exchange = {
            url: url.slice(0, 200),
            sent: sent.text === null ? null : `${sent.text.slice(0, 300)}${sent.text.length > 300 ? `… (${sent.text.length} chars)` : ''}`,
            contentType: sent.contentType ?? null,
            status: response.status,
            answer: response.text?.slice(0, 300),
          };
          expect({ ...exchange, serverError: response.status >= 500 }).toEqual({ ...exchange, serverError: false });
          if (response.status >= 400) {
            expect({ ...exchange, answerType: response.headers['content-type'] }).toEqual({ ...exchange, answerType: expect.stringMatching(/^application\/problem\+json/) });
            const problem = JSON.parse(response.text) as Record<string, unknown>;
            expect(problem).toMatchObject({ status: response.status, title: expect.stringMatching(/\S/), detail: expect.stringMatching(/\S/) });
            expect({ ...exchange, head: await head() }).toEqual({ ...exchange, head: before });
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        }),
        { numRuns: RUNS_PER_ROUTE, examples: fieldByField(route) },
      );
    },
  );
});
