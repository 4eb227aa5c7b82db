import { expect } from '@jest/globals';
import type { TestApp } from './app.js';

/** Sends one request that must succeed; a refusal fails the test with the whole problem. */
export async function ok(app: TestApp, method: 'post' | 'get', path: string, body?: object) {
  const response = method === 'get' ? await app.http().get(path) : await app.http().post(path).send(body ?? {});
  expect({ path, status: response.status, body: response.body }).toMatchObject({ status: expect.any(Number) });
  if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

type Sent = ReturnType<ReturnType<TestApp['http']>['get']>;

/** Sends the requests one by one, expects each to be refused with `status` as Problem Details, and that none wrote an event. */
export async function refused(app: TestApp, status: number, requests: (() => Sent)[]) {
  const before = await app.running.storage.events.headPosition();
  const responses = [];
  for (const [k, send] of requests.entries()) {
    const response = await send();
    expect({ request: k, status: response.status, body: response.body }).toMatchObject({ request: k, status });
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    responses.push(response);
  }
  expect(await app.running.storage.events.headPosition()).toBe(before);
  return responses;
}

export const fra = { kind: 'regions', regions: ['fra'] };

/** A customer of the worked example's shape: subscribed all of October 2026 at 2,000.00 EUR. */
export function workedExampleCustomer(id: string, region: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: id.toUpperCase(),
    email: `ops@${id}.example`,
    planId: 'pro',
    regions: [region],
    monthlyFee: { amount: 200000, currency: 'EUR' },
    activeFrom: '2026-09-01T00:00:00Z',
    ...extra,
  };
}

/** Plan pro (target 99.9, pro-rata-downtime, support by email) and the regions fra and sin. */
export async function defineWorkedExampleReferences(app: TestApp): Promise<void> {
  await ok(app, 'post', '/plans', {
    id: 'pro',
    name: 'Pro',
    availabilityTarget: '99.9',
    creditPolicy: { kind: 'pro-rata-downtime' },
    responseTimeMinutes: 240,
    supportHours: 'always',
    supportChannels: ['email'],
  });
  await ok(app, 'post', '/regions', { id: 'fra', name: 'Frankfurt' });
  await ok(app, 'post', '/regions', { id: 'sin', name: 'Singapore' });
}

/**
 * The worked example's October: 210 minutes of Down Time for a customer in fra, 120 for one in
 * sin. Customers are onboarded before it, so that every notice reaches them as it reached acme.
 */
export async function recordWorkedExampleOctober(app: TestApp): Promise<void> {
  // 1. Outage in fra 10:00–11:30 and a platform-wide one 11:00–12:00: 120 minutes for acme.
  await ok(app, 'post', '/outages', { id: 'fra-1', scope: fra, impact: 'unavailable', title: 'fra down', startedAt: '2026-10-05T10:00:00Z' });
  await ok(app, 'post', '/outages/fra-1/end', { endedAt: '2026-10-05T11:30:00Z' });
  await ok(app, 'post', '/outages', { id: 'all-1', scope: { kind: 'platform' }, impact: 'unavailable', title: 'everything down', startedAt: '2026-10-05T11:00:00Z' });
  await ok(app, 'post', '/outages/all-1/end', { endedAt: '2026-10-05T12:00:00Z' });

  // 2. Announced in time (Fri 9, Mon 12, Tue 13 between), overran by 30 minutes.
  await ok(app, 'post', '/maintenances', { id: 'm-14', scope: fra, title: 'kernel upgrade', window: { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' }, noticeSentAt: '2026-10-08T09:00:00Z' });
  await ok(app, 'post', '/maintenances/m-14/start', { at: '2026-10-14T01:00:00Z' });
  await ok(app, 'post', '/maintenances/m-14/complete', { at: '2026-10-14T03:30:00Z' });

  // 3. Announced late (one working day); recorded only because the caller accepts it counts.
  await ok(app, 'post', '/maintenances', {
    id: 'm-21',
    scope: fra,
    title: 'storage firmware',
    window: { start: '2026-10-21T01:00:00Z', end: '2026-10-21T02:00:00Z' },
    noticeSentAt: '2026-10-19T09:00:00Z',
    acceptAsDowntime: true,
  });
  await ok(app, 'post', '/maintenances/m-21/start', { at: '2026-10-21T01:00:00Z' });
  await ok(app, 'post', '/maintenances/m-21/complete', { at: '2026-10-21T02:00:00Z' });

  // 4. Emergency maintenance: excluded whatever its length.
  await ok(app, 'post', '/emergency-maintenances', { id: 'e-27', scope: fra, startedAt: '2026-10-27T02:00:00Z', reason: 'zero-day patch' });
  await ok(app, 'post', '/emergency-maintenances/e-27/end', { endedAt: '2026-10-27T02:45:00Z' });

  // 5. An outage in sin only, and a degraded one in fra: nothing for acme.
  await ok(app, 'post', '/outages', { id: 'sin-1', scope: { kind: 'regions', regions: ['sin'] }, impact: 'unavailable', title: 'sin down', startedAt: '2026-10-06T08:00:00Z' });
  await ok(app, 'post', '/outages/sin-1/end', { endedAt: '2026-10-06T09:00:00Z' });
  await ok(app, 'post', '/outages', { id: 'fra-slow', scope: fra, impact: 'degraded', title: 'fra slow', startedAt: '2026-10-07T08:00:00Z' });
  await ok(app, 'post', '/outages/fra-slow/end', { endedAt: '2026-10-07T20:00:00Z' });
}

/** The whole worked example: acme in fra, globex in sin, and their October. */
export async function setUpWorkedExample(app: TestApp): Promise<void> {
  await defineWorkedExampleReferences(app);
  await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra'));
  await ok(app, 'post', '/customers', workedExampleCustomer('globex', 'sin'));
  await recordWorkedExampleOctober(app);
}
