import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

const fra = { kind: 'regions', regions: ['fra'] };
/** Who recorded the notices: the bootstrap admin token every test app starts with. */
const BOOTSTRAP_ACTOR = 'env:SLA_ADMIN_TOKEN';
// Thu 8 → Wed 14 October 2026: Fri 9, Mon 12, Tue 13 lie between (R8).
const inTime = { window: { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' }, noticeSentAt: '2026-10-08T09:00:00Z' };
// Mon 19 → Wed 21: only Tue 20; the earliest compliant start is 00:00 Paris on Fri 23 (R9).
const late = { window: { start: '2026-10-21T01:00:00Z', end: '2026-10-21T02:00:00Z' }, noticeSentAt: '2026-10-19T09:00:00Z' };

describeOnBackends('scheduled and emergency maintenance over HTTP', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
    // A scope names only regions that exist.
    expect((await app.http().post('/regions').send({ id: 'fra', name: 'Frankfurt' })).status).toBe(201);
  });
  afterAll(async () => app?.close());

  const schedule = (id: string | undefined, extra: Record<string, unknown> = {}) =>
    app.http().post('/maintenances').send({ ...(id && { id }), scope: fra, title: 'fra: database upgrade', ...inTime, ...extra });
  const command = (id: string, action: string, body?: object) => {
    const request = app.http().post(`/maintenances/${id}/${action}`);
    return body === undefined ? request : request.send(body);
  };
  const head = () => app.running.storage.events.headPosition();

  describe('scheduling (R8, R9)', () => {
    it('schedules a window announced in time, notices the whole scope, and reads it back at once', async () => {
      const created = await schedule('m-in-time', { window: { start: '2026-10-14T03:00:00+02:00', end: '2026-10-14T05:00:00+02:00' }, noticeSentAt: '2026-10-08T11:00:00+02:00' });
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe('/maintenances/m-in-time');
      expect(created.headers['event-position']).toMatch(/^\d+$/);
      expect(created.body).toEqual({
        id: 'm-in-time',
        scope: fra,
        title: 'fra: database upgrade',
        window: inTime.window,
        acceptedAsDowntime: false,
        notices: [{ sentAt: '2026-10-08T09:00:00Z', customers: null, inTime: true, workingDays: 3, source: 'recorded', evidence: null, recordedBy: BOOTSTRAP_ACTOR }],
        emails: [],
        sequence: 0,
        noticeCheck: { at: '2026-10-08T09:00:00Z', inTime: true, workingDays: 3 },
        previousWindows: [],
        startedAt: null,
        completedAt: null,
        cancelledAt: null,
        noticeInTime: true,
      });
      const read = await app.http().get('/maintenances/m-in-time');
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('refuses a late notice with 422 naming the earliest compliant start, and writes nothing', async () => {
      const before = await head();
      const refused = await schedule('m-late', late);
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({
        status: 422,
        type: '/problems/insufficient-notice',
        title: 'Unprocessable Content',
        earliestCompliantStart: '2026-10-22T22:00:00Z',
        earliestCompliantStartLocal: 'Fri 23 Oct 00:00 Europe/Paris',
        workingDaysOfNotice: 1,
        instance: '/maintenances',
      });
      expect(refused.body.detail).toMatch(/Start the window at Fri 23 Oct 00:00 Europe\/Paris \(2026-10-22T22:00:00Z\) or later, or set acceptAsDowntime: true/);
      expect(await head()).toBe(before);
      expect((await app.http().get('/maintenances/m-late')).status).toBe(404);
    });

    it('records a late notice as Down Time when the caller accepts it', async () => {
      const created = await schedule('m-accepted', { ...late, acceptAsDowntime: true });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ window: late.window, acceptedAsDowntime: true, noticeInTime: false, notices: [{ sentAt: late.noticeSentAt, customers: null }] });
      expect((await app.http().get('/maintenances/m-accepted')).body).toMatchObject({ acceptedAsDowntime: true, noticeInTime: false });
    });

    it('counts 11 November as a holiday: a notice on Fri 6 Nov is in time for Fri 13, not for Thu 12', async () => {
      const noticeSentAt = '2026-11-06T09:00:00Z';
      const friday = await schedule('m-holiday-fri', { window: { start: '2026-11-13T01:00:00Z', end: '2026-11-13T02:00:00Z' }, noticeSentAt });
      expect(friday.status).toBe(201);
      expect(friday.body.noticeInTime).toBe(true);
      const thursday = await schedule('m-holiday-thu', { window: { start: '2026-11-12T01:00:00Z', end: '2026-11-12T02:00:00Z' }, noticeSentAt });
      expect(thursday.status).toBe(422);
      expect(thursday.body).toMatchObject({ earliestCompliantStart: '2026-11-12T23:00:00Z', workingDaysOfNotice: 2 });
    });

    it('without noticeSentAt claims no notice: it checks against now, and generates an id when none is given', async () => {
      const before = Date.now();
      const created = await app.http().post('/maintenances').send({ scope: { kind: 'platform' }, title: 'far ahead', window: { start: '2030-01-15T01:00:00Z', end: '2030-01-15T02:00:00Z' } });
      expect(created.status).toBe(201);
      expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.headers.location).toBe(`/maintenances/${created.body.id}`);
      // The product emails the customers in scope (none here) instead of recording a notice nobody sent.
      expect(created.body.notices).toEqual([]);
      const checkedAt = Date.parse(created.body.noticeCheck.at);
      expect(checkedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(checkedAt).toBeLessThanOrEqual(Date.now());
      expect(created.body.noticeInTime).toBe(true);
    });

    it('refuses a notice in the future, a window that ends before it starts, and a second schedule of the same id, writing nothing', async () => {
      await schedule('m-twice');
      const before = await head();
      const future = await schedule('m-future', { noticeSentAt: '2999-01-01T00:00:00Z', acceptAsDowntime: true });
      expect(future.status).toBe(422);
      expect(future.body.detail).toMatch(/noticeSentAt 2999-01-01T00:00:00Z is in the future/);
      const inverted = await schedule('m-inverted', { window: { start: '2026-10-14T03:00:00Z', end: '2026-10-14T01:00:00Z' } });
      expect(inverted.status).toBe(422);
      expect(inverted.body.detail).toMatch(/window.end 2026-10-14T01:00:00Z must be after window.start/);
      const twice = await schedule('m-twice');
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ status: 409, detail: 'maintenance m-twice already exists' });
      expect(await head()).toBe(before);
    });

    it('refuses malformed bodies with 400 naming what is wrong, and writes nothing', async () => {
      const before = await head();
      const unknownField = await schedule('m-bad', { severity: 'high' });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.violations).toEqual([{ field: 'severity', problem: 'property severity should not exist' }]);
      const noEnd = await schedule('m-bad', { window: { start: '2026-10-14T01:00:00Z' } });
      expect(noEnd.status).toBe(400);
      expect(noEnd.body.violations).toEqual([{ field: 'window.end', problem: expect.stringMatching(/end must be an ISO-8601 date-time with an offset/) }]);
      const unknownInWindow = await schedule('m-bad', { window: { ...inTime.window, timeZone: 'UTC' } });
      expect(unknownInWindow.status).toBe(400);
      const noWindow = await app.http().post('/maintenances').send({ id: 'm-bad', scope: fra, title: 'x', noticeSentAt: inTime.noticeSentAt });
      expect(noWindow.status).toBe(400);
      expect(noWindow.body.detail).toMatch(/window/);
      const startNoOffset = await schedule('m-bad', { window: { start: '2026-10-14T01:00:00', end: '2026-10-14T03:00:00Z' } });
      expect(startNoOffset.status).toBe(400);
      expect(startNoOffset.body.detail).toMatch(/window\.start: start must be an ISO-8601 date-time with an offset/);
      const noticeNoOffset = await schedule('m-bad', { noticeSentAt: '2026-10-08' });
      expect(noticeNoOffset.status).toBe(400);
      expect(noticeNoOffset.body.detail).toMatch(/noticeSentAt must be an ISO-8601 date-time with an offset/);
      expect((await schedule('m-bad', { acceptAsDowntime: 'yes' })).status).toBe(400);
      expect((await schedule('m-bad', { title: '' })).status).toBe(400);
      expect((await schedule('m-bad', { scope: { kind: 'regions' } })).status).toBe(400);
      expect((await schedule('../etc')).status).toBe(400);
      expect(await head()).toBe(before);
    });
  });

  describe('notices and rescheduling (R8)', () => {
    it('records a later notice to named customers; the view shows whether the latest was in time', async () => {
      await schedule('m-notices');
      const noticed = await command('m-notices', 'notices', { sentAt: '2026-10-12T11:00:00+02:00', customers: ['acme', 'acme', 'globex'] });
      expect(noticed.status).toBe(200);
      expect(noticed.body.notices).toEqual([
        { sentAt: inTime.noticeSentAt, customers: null, inTime: true, workingDays: 3, source: 'recorded', evidence: null, recordedBy: BOOTSTRAP_ACTOR },
        // Mon 12 → Wed 14: only Tue 13 lies between.
        { sentAt: '2026-10-12T09:00:00Z', customers: ['acme', 'globex'], inTime: false, workingDays: 1, source: 'recorded', evidence: null, recordedBy: BOOTSTRAP_ACTOR },
      ]);
      expect(noticed.body.noticeInTime).toBe(false);
      expect((await app.http().get('/maintenances/m-notices')).body).toEqual(noticed.body);
    });

    it('refuses bad notices with 400, a future one with 422, an unknown maintenance with 404, writing nothing', async () => {
      await schedule('m-notice-bad');
      const before = await head();
      expect((await command('m-notice-bad', 'notices', { sentAt: '2026-10-12T09:00:00' })).status).toBe(400);
      expect((await command('m-notice-bad', 'notices', { sentAt: '2026-10-12T09:00:00Z', customers: [] })).status).toBe(400);
      expect((await command('m-notice-bad', 'notices', { sentAt: '2026-10-12T09:00:00Z', customers: ['a b'] })).status).toBe(400);
      expect((await command('m-notice-bad', 'notices', { sentAt: '2026-10-12T09:00:00Z', to: 'all' })).status).toBe(400);
      expect((await command('m-notice-bad', 'notices', { sentAt: '2999-01-01T00:00:00Z' })).status).toBe(422);
      const unknown = await command('m-nope', 'notices', { sentAt: '2026-10-12T09:00:00Z' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toMatch(/maintenance m-nope does not exist/);
      expect(await head()).toBe(before);
    });

    it('moves the window with a new notice, voiding the notices of the old one', async () => {
      await schedule('m-move');
      await command('m-move', 'notices', { sentAt: '2026-10-09T09:00:00Z', customers: ['acme'] });
      const window = { start: '2026-10-28T01:00:00Z', end: '2026-10-28T03:00:00Z' };
      const moved = await command('m-move', 'reschedule', { window, noticeSentAt: '2026-10-20T09:00:00Z' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ window, previousWindows: [inTime.window], notices: [{ sentAt: '2026-10-20T09:00:00Z', customers: null }], noticeInTime: true, acceptedAsDowntime: false });
      expect((await app.http().get('/maintenances/m-move')).body).toEqual(moved.body);
    });

    it('refuses a move with too little notice, naming the earliest compliant start, unless accepted as Down Time', async () => {
      await schedule('m-move-late');
      const before = await head();
      const refused = await command('m-move-late', 'reschedule', late);
      expect(refused.status).toBe(422);
      expect(refused.body.earliestCompliantStart).toBe('2026-10-22T22:00:00Z');
      expect(refused.body.detail).toMatch(/2026-10-22T22:00:00Z/);
      expect(await head()).toBe(before);
      const accepted = await command('m-move-late', 'reschedule', { ...late, acceptAsDowntime: true });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ window: late.window, acceptedAsDowntime: true, noticeInTime: false });
    });

    it('refuses malformed moves with 400 and an unknown maintenance with 404', async () => {
      await schedule('m-move-bad');
      const before = await head();
      expect((await command('m-move-bad', 'reschedule', { window: { start: '2026-10-28T01:00:00Z' } })).status).toBe(400);
      expect((await command('m-move-bad', 'reschedule', { window: inTime.window, reason: 'x' })).status).toBe(400);
      expect((await command('m-move-bad', 'reschedule', { noticeSentAt: inTime.noticeSentAt })).status).toBe(400);
      expect((await command('m-nope', 'reschedule', inTime)).status).toBe(404);
      expect(await head()).toBe(before);
    });
  });

  describe('running and cancelling', () => {
    it('starts and completes a maintenance, an overrun included', async () => {
      await schedule('m-run');
      const started = await command('m-run', 'start', { at: '2026-10-14T03:00:00+02:00' });
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({ startedAt: '2026-10-14T01:00:00Z', completedAt: null });
      const completed = await command('m-run', 'complete', { at: '2026-10-14T03:30:00Z' });
      expect(completed.status).toBe(200);
      expect(completed.body).toMatchObject({ startedAt: '2026-10-14T01:00:00Z', completedAt: '2026-10-14T03:30:00Z' });
      expect((await app.http().get('/maintenances/m-run')).body).toEqual(completed.body);
    });

    it('answers 409 when the state moved on and 422 for impossible times, writing nothing', async () => {
      await schedule('m-rules');
      const before = await head();
      const notStarted = await command('m-rules', 'complete', { at: '2026-10-14T03:00:00Z' });
      expect(notStarted.status).toBe(409);
      expect(notStarted.body.detail).toMatch(/has not started; start it first/);
      expect((await command('m-rules', 'start', { at: '2999-01-01T00:00:00Z' })).status).toBe(422);
      expect(await head()).toBe(before);

      await command('m-rules', 'start', { at: '2026-10-14T01:00:00Z' });
      const afterStart = await head();
      expect((await command('m-rules', 'start', { at: '2026-10-14T01:05:00Z' })).status).toBe(409);
      expect((await command('m-rules', 'reschedule', late)).status).toBe(409);
      expect((await command('m-rules', 'cancel', {})).status).toBe(409);
      const beforeStart = await command('m-rules', 'complete', { at: '2026-10-14T00:00:00Z' });
      expect(beforeStart.status).toBe(422);
      expect(beforeStart.body.detail).toMatch(/must be after the start 2026-10-14T01:00:00Z/);
      await command('m-rules', 'complete', { at: '2026-10-14T03:00:00Z' });
      const afterComplete = await head();
      expect(afterComplete).toBeGreaterThan(afterStart);
      expect((await command('m-rules', 'complete', { at: '2026-10-14T03:10:00Z' })).status).toBe(409);
      expect(await head()).toBe(afterComplete);
    });

    it('refuses malformed start and complete bodies with 400 and unknown maintenances with 404', async () => {
      await schedule('m-run-bad');
      const before = await head();
      expect((await command('m-run-bad', 'start', {})).status).toBe(400);
      expect((await command('m-run-bad', 'start', { at: '2026-10-14T01:00:00' })).status).toBe(400);
      expect((await command('m-run-bad', 'start', { at: '2026-10-14T01:00:00Z', by: 'ops' })).status).toBe(400);
      expect((await command('m-run-bad', 'complete', { at: 'tomorrow' })).status).toBe(400);
      expect((await command('m-nope', 'start', { at: '2026-10-14T01:00:00Z' })).status).toBe(404);
      expect((await command('m-nope', 'complete', { at: '2026-10-14T01:00:00Z' })).status).toBe(404);
      expect(await head()).toBe(before);
    });

    it('cancels with an empty body or none; a second cancel is a conflict, and nothing else is accepted once cancelled', async () => {
      await schedule('m-cancel-empty');
      await schedule('m-cancel-none');
      const withEmpty = await command('m-cancel-empty', 'cancel', {});
      expect(withEmpty.status).toBe(200);
      expect(withEmpty.body.cancelledAt).toEqual(expect.any(String));
      const withNone = await command('m-cancel-none', 'cancel');
      expect(withNone.status).toBe(200);
      expect((await app.http().get('/maintenances/m-cancel-none')).body.cancelledAt).toBe(withNone.body.cancelledAt);
      const before = await head();
      const again = await command('m-cancel-empty', 'cancel', {});
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/was cancelled at/);
      expect((await command('m-cancel-empty', 'start', { at: '2026-10-14T01:00:00Z' })).status).toBe(409);
      expect((await command('m-cancel-empty', 'notices', { sentAt: '2026-10-09T09:00:00Z' })).status).toBe(409);
      expect((await command('m-cancel-empty', 'reschedule', inTime)).status).toBe(409);
      expect((await command('m-cancel-none', 'cancel', { reason: 'no longer needed' })).status).toBe(400);
      expect((await command('m-nope', 'cancel')).status).toBe(404);
      expect(await head()).toBe(before);
    });
  });

  describe('reading maintenances', () => {
    it('lists maintenances by page', async () => {
      await schedule('m-list-a');
      await schedule('m-list-b', { window: { start: '2026-10-15T01:00:00Z', end: '2026-10-15T02:00:00Z' } });
      const all = await app.http().get('/maintenances?limit=1000');
      expect(all.status).toBe(200);
      const ids = all.body.items.map((m: { id: string }) => m.id);
      expect(ids).toEqual(expect.arrayContaining(['m-list-a', 'm-list-b', 'm-in-time']));
      expect(all.body.items.find((m: { id: string }) => m.id === 'm-list-a')).toMatchObject({ noticeInTime: true });
      const first = await app.http().get('/maintenances?limit=1');
      expect(first.body).toMatchObject({ total: all.body.total, offset: 0, limit: 1 });
      expect(first.body.items).toHaveLength(1);
      const second = await app.http().get('/maintenances?limit=1&offset=1');
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      const inWindow = await app.http().get('/maintenances?from=2026-10-15T00:00:00Z&to=2026-10-15T03:00:00Z&limit=1000');
      expect(inWindow.body.items.map((m: { id: string }) => m.id)).toContain('m-list-b');
      expect(inWindow.body.items.map((m: { id: string }) => m.id)).not.toContain('m-list-a');
      expect((await app.http().get('/maintenances?limit=0')).status).toBe(400);
      expect((await app.http().get('/maintenances?from=2026-10-15')).status).toBe(400);
    });

    it('answers 404 for an unknown maintenance', async () => {
      const read = await app.http().get('/maintenances/m-nope');
      expect(read.status).toBe(404);
      expect(read.body).toMatchObject({ status: 404, detail: 'maintenance m-nope does not exist' });
    });
  });

  describe('emergency maintenance (no notice, R6)', () => {
    const startEmergency = (id: string | undefined, extra: Record<string, unknown> = {}) =>
      app.http().post('/emergency-maintenances').send({ ...(id && { id }), scope: fra, startedAt: '2026-10-27T03:00:00+01:00', reason: 'critical security patch', ...extra });

    it('starts one, reads it back, lists it while ongoing, and ends it', async () => {
      const created = await startEmergency('e-run');
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe('/emergency-maintenances/e-run');
      expect(created.body).toEqual({ id: 'e-run', scope: fra, reason: 'critical security patch', startedAt: '2026-10-27T02:00:00Z', endedAt: null, ongoing: true, voided: false, voidReason: null, voidedAt: null });
      const read = await app.http().get('/emergency-maintenances/e-run');
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
      const ongoing = await app.http().get('/emergency-maintenances?ongoing=true&limit=1000');
      expect(ongoing.body.items.map((e: { id: string }) => e.id)).toContain('e-run');
      const ended = await app.http().post('/emergency-maintenances/e-run/end').send({ endedAt: '2026-10-27T02:45:00Z' });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ endedAt: '2026-10-27T02:45:00Z', ongoing: false });
      expect((await app.http().get('/emergency-maintenances/e-run')).body).toEqual(ended.body);
      const endedList = await app.http().get('/emergency-maintenances?ongoing=false&limit=1000');
      expect(endedList.body.items.map((e: { id: string }) => e.id)).toContain('e-run');
      expect((await app.http().get('/emergency-maintenances?ongoing=true&limit=1000')).body.items.map((e: { id: string }) => e.id)).not.toContain('e-run');
    });

    it('generates an id when none is given', async () => {
      const created = await startEmergency(undefined);
      expect(created.status).toBe(201);
      expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers 409, 422 and 404 by the rules, writing nothing', async () => {
      await startEmergency('e-rules');
      await app.http().post('/emergency-maintenances/e-rules/end').send({ endedAt: '2026-10-27T02:45:00Z' });
      await startEmergency('e-open');
      const before = await head();
      expect((await startEmergency('e-rules')).status).toBe(409);
      const again = await app.http().post('/emergency-maintenances/e-rules/end').send({ endedAt: '2026-10-27T03:00:00Z' });
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/already ended at 2026-10-27T02:45:00Z/);
      const early = await app.http().post('/emergency-maintenances/e-open/end').send({ endedAt: '2026-10-27T01:00:00Z' });
      expect(early.status).toBe(422);
      expect(early.body.detail).toMatch(/must be after the start 2026-10-27T02:00:00Z/);
      expect((await app.http().post('/emergency-maintenances/e-open/end').send({ endedAt: '2999-01-01T00:00:00Z' })).status).toBe(422);
      expect((await startEmergency('e-future', { startedAt: '2999-01-01T00:00:00Z' })).status).toBe(422);
      const unknown = await app.http().post('/emergency-maintenances/e-nope/end').send({ endedAt: '2026-10-27T02:45:00Z' });
      expect(unknown.status).toBe(404);
      const read = await app.http().get('/emergency-maintenances/e-nope');
      expect(read.status).toBe(404);
      expect(read.body).toMatchObject({ status: 404, detail: 'emergency maintenance e-nope does not exist' });
      expect(await head()).toBe(before);
    });

    it('refuses malformed bodies with 400, writing nothing', async () => {
      const before = await head();
      const unknownField = await startEmergency('e-bad', { window: inTime.window });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.violations).toEqual([{ field: 'window', problem: 'property window should not exist' }]);
      const noOffset = await startEmergency('e-bad', { startedAt: '2026-10-27T02:00:00' });
      expect(noOffset.status).toBe(400);
      expect(noOffset.body.detail).toMatch(/startedAt must be an ISO-8601 date-time with an offset/);
      expect((await startEmergency('e-bad', { reason: '' })).status).toBe(400);
      expect((await startEmergency('e-bad', { scope: { kind: 'everything' } })).status).toBe(400);
      await startEmergency('e-end-bad');
      const afterStart = await head();
      expect((await app.http().post('/emergency-maintenances/e-end-bad/end').send({ endedAt: '2026-10-27T02:45:00' })).status).toBe(400);
      expect((await app.http().post('/emergency-maintenances/e-end-bad/end').send({})).status).toBe(400);
      expect((await app.http().get('/emergency-maintenances?ongoing=maybe')).status).toBe(400);
      expect(afterStart).toBeGreaterThan(before);
      expect(await head()).toBe(afterStart);
    });
  });
});

describeOnBackends('the notice check follows the configured legal calendar', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend, { LEGAL_TIME_ZONE: 'Europe/Berlin', HOLIDAY_COUNTRY: 'DE' });
    expect((await app.http().post('/regions').send({ id: 'fra', name: 'Frankfurt' })).status).toBe(201);
  });
  afterAll(async () => app?.close());

  it('counts 11 November as a working day in Germany: a notice on Fri 6 Nov is in time for Thu 12', async () => {
    const created = await app
      .http()
      .post('/maintenances')
      .send({ id: 'm-de', scope: fra, title: 'fra: database upgrade', window: { start: '2026-11-12T01:00:00Z', end: '2026-11-12T02:00:00Z' }, noticeSentAt: '2026-11-06T09:00:00Z' });
    expect(created.status).toBe(201);
    expect(created.body.noticeInTime).toBe(true);
    expect((await app.http().get('/maintenances/m-de')).body.noticeInTime).toBe(true);
  });
});
