import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { defineWorkedExampleReferences, fra, ok, refused, workedExampleCustomer } from '../support/worked-example.js';

/** Waits until the clock is past the second of `instant`: record-time filters cover whole seconds. */
async function afterTheSecondOf(instant: string): Promise<void> {
  while (new Date().toISOString().slice(0, 19) <= instant.slice(0, 19)) await new Promise((resolve) => setTimeout(resolve, 20));
}

describeOnBackends('an outage recorded in error can be voided', (backend) => {
  let app: TestApp;
  const downtime = async (asOf?: string) => (await ok(app, 'get', `/customers/acme/availability/2026-10${asOf ? `?asOf=${asOf}` : ''}`)).downtimeMinutes;
  beforeAll(async () => {
    app = await startTestApp(backend);
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra'));
    // 90 minutes on 5 October and 30 minutes on 6 October, both in fra: 120 minutes for acme.
    await ok(app, 'post', '/outages', { id: 'o-a', scope: fra, impact: 'unavailable', title: 'fra down', startedAt: '2026-10-05T10:00:00Z' });
    await ok(app, 'post', '/outages/o-a/end', { endedAt: '2026-10-05T11:30:00Z' });
    await ok(app, 'post', '/outages', { id: 'o-b', scope: fra, impact: 'unavailable', title: 'probe alarm', startedAt: '2026-10-06T10:00:00Z' });
    await ok(app, 'post', '/outages/o-b/end', { endedAt: '2026-10-06T10:30:00Z' });
  });
  afterAll(async () => app?.close());

  it('leaves every figure from the void on; asOf before it still shows it', async () => {
    expect(await downtime()).toBe(120);
    const before = new Date().toISOString();
    await afterTheSecondOf(before);
    const voided = await ok(app, 'post', '/outages/o-b/void', { reason: 'probe misconfigured, nothing was down' });
    expect(voided).toMatchObject({ id: 'o-b', voided: true, voidReason: 'probe misconfigured, nothing was down', ongoing: false });
    expect(await downtime()).toBe(90);
    const figures = await ok(app, 'get', '/customers/acme/availability/2026-10');
    expect(figures.downtimeOutageIds).toEqual(['o-a']);
    expect(await downtime(before)).toBe(120);
  });

  it('keeps it in lists with voided: true, and in its timeline with the reason', async () => {
    const list = await ok(app, 'get', '/outages?limit=100');
    expect(list.items.map((o: { id: string; voided: boolean }) => [o.id, o.voided]).sort()).toEqual([['o-a', false], ['o-b', true]]);
    const timeline = await ok(app, 'get', '/outages/o-b/timeline');
    expect(JSON.stringify(timeline)).toContain('Outage o-b voided, recorded in error: probe misconfigured, nothing was down.');
  });

  it('voids an ongoing outage: it stops counting at once', async () => {
    await ok(app, 'post', '/outages', { id: 'o-c', scope: fra, impact: 'unavailable', title: 'fra alarm', startedAt: '2026-10-07T10:00:00Z' });
    // Open since 7 October 10:00: the rest of October counts too (24 days 14 hours = 35,400 minutes).
    expect(await downtime()).toBe(90 + 35_400);
    await ok(app, 'post', '/outages/o-c/void', { reason: 'duplicate of o-a' });
    expect(await downtime()).toBe(90);
    expect((await ok(app, 'get', '/outages/o-c')).ongoing).toBe(false);
    expect((await ok(app, 'get', '/outages?ongoing=true')).items).toEqual([]);
  });

  it('refuses a second void (409), an unknown outage (404), a void without a reason (400), and writes nothing', async () => {
    const [twice] = await refused(app, 409, [() => app.http().post('/outages/o-b/void').send({ reason: 'again' })]);
    expect(twice!.body.type).toMatch(/\/problems\/already-voided$/);
    expect(twice!.body.detail).toContain('outage o-b was voided at');
    await refused(app, 404, [() => app.http().post('/outages/nope/void').send({ reason: 'x' })]);
    const [missing] = await refused(app, 400, [() => app.http().post('/outages/o-a/void').send({}), () => app.http().post('/outages/o-a/void').send({ reason: '' })]);
    expect(missing!.body.detail).toContain('reason');
    await refused(app, 409, [() => app.http().post('/outages/o-b/end').send({ endedAt: '2026-10-06T11:00:00Z' })]);
  });

  it('voids an emergency maintenance: the window it excluded counts again, and it stays listed as voided', async () => {
    // o-a (10:00–11:30 on 5 October) under an emergency 10:00–11:00 in fra: only 30 minutes count.
    await ok(app, 'post', '/emergency-maintenances', { id: 'e-1', scope: fra, reason: 'patch', startedAt: '2026-10-05T10:00:00Z' });
    await ok(app, 'post', '/emergency-maintenances/e-1/end', { endedAt: '2026-10-05T11:00:00Z' });
    expect(await downtime()).toBe(30);
    const voided = await ok(app, 'post', '/emergency-maintenances/e-1/void', { reason: 'logged against the wrong region' });
    expect(voided).toMatchObject({ id: 'e-1', voided: true, voidReason: 'logged against the wrong region', ongoing: false });
    expect(await downtime()).toBe(90);
    const list = await ok(app, 'get', '/emergency-maintenances?limit=100');
    expect(list.items.map((e: { id: string; voided: boolean }) => [e.id, e.voided])).toEqual([['e-1', true]]);
    await refused(app, 409, [() => app.http().post('/emergency-maintenances/e-1/void').send({ reason: 'again' })]);
    await refused(app, 404, [() => app.http().post('/emergency-maintenances/nope/void').send({ reason: 'x' })]);
  });
});
