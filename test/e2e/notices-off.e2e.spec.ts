import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { defineWorkedExampleReferences, fra, ok, workedExampleCustomer } from '../support/worked-example.js';

/**
 * Scheduling without noticeSentAt claims no notice: while no email was accepted (here sending is
 * off, as on a staging copy), the window counts as Down Time and the figures say its email was not accepted.
 */
describeOnBackends('a maintenance whose notices were never sent', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    jest.useFakeTimers({
      now: Date.parse('2026-10-08T09:00:00Z'),
      advanceTimers: true,
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    });
    app = await startTestApp(backend, { SLA_NOTICE_SENDING: 'off' });
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra'));
  });
  afterAll(async () => {
    await app?.close();
    jest.useRealTimers();
  });

  it('is Down Time for the customer, its notice pending, nothing claimed', async () => {
    const created = await ok(app, 'post', '/maintenances', { id: 'm-quiet', scope: fra, title: 'fra: quiet', window: { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' } });
    expect(created).toMatchObject({ noticeInTime: true, notices: [] });
    jest.setSystemTime(Date.parse('2026-10-15T09:00:00Z'));
    await ok(app, 'post', '/maintenances/m-quiet/start', { at: '2026-10-14T01:00:00Z' });
    await ok(app, 'post', '/maintenances/m-quiet/complete', { at: '2026-10-14T03:00:00Z' });
    expect(((await ok(app, 'get', '/maintenances/m-quiet/notices')).items as { status: string }[]).map((n) => n.status)).toEqual(['pending']);
    const month = await ok(app, 'get', '/customers/acme/availability/2026-10');
    // CP 44,640 min; the 120 minutes count: (44,640 − 120) / 44,640 = 99.7312 %.
    expect(month).toMatchObject({ downtimeMinutes: 120, excludedMinutes: { scheduledMaintenance: 0 }, availabilityRate: '99.7312' });
    const notes = (month.intervals as { sources: { id: string; note: string }[] }[]).flatMap((i) => i.sources).filter((s) => s.id === 'm-quiet').map((s) => s.note);
    expect(notes).toEqual(['no notice: the email to this customer was not accepted yet']);
  });
});
