import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

describeOnBackends('the notice check without scheduling (GET /notice-check)', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
  });
  afterAll(async () => app?.close());

  it("answers the worked example's in-time notice: Fri 9, Mon 12, Tue 13 lie between Thu 8 and Wed 14", async () => {
    const answer = await app.http().get('/notice-check').query({ start: '2026-10-14T01:00:00Z', noticeSentAt: '2026-10-08T09:00:00Z' });
    expect(answer.status).toBe(200);
    // Wed 14 October 00:00 in Paris (UTC+2) is the earliest start for a notice of Thu 8.
    expect(answer.body).toEqual({
      noticeSentAt: '2026-10-08T09:00:00Z',
      windowStart: '2026-10-14T01:00:00Z',
      workingDaysOfNotice: 3,
      requiredWorkingDays: 3,
      inTime: true,
      earliestCompliantStart: '2026-10-13T22:00:00Z',
      legalTimeZone: 'Europe/Paris',
      holidayCountry: 'FR',
    });
  });

  it('counts 11 November as no working day, and writes nothing', async () => {
    const before = await app.running.storage.events.headPosition();
    const answer = await app.http().get('/notice-check').query({ start: '2026-11-12T08:00:00Z', noticeSentAt: '2026-11-06T09:00:00Z' });
    // Mon 9 and Tue 10 only; Mon 9, Tue 10, Thu 12 make three, so Fri 13 00:00 in Paris (UTC+1).
    expect(answer.body).toMatchObject({ workingDaysOfNotice: 2, inTime: false, earliestCompliantStart: '2026-11-12T23:00:00Z' });
    expect(await app.running.storage.events.headPosition()).toBe(before);
  });

  it('refuses a start that is not an instant with the field named', async () => {
    const answer = await app.http().get('/notice-check').query({ start: 'tomorrow' });
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(answer.body.detail).toMatch(/start must be an ISO-8601 date-time/);
  });
});
