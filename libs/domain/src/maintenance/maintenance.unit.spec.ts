import { describe, expect, it } from '@jest/globals';
import type { CommandContext } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { specFor } from '../testing/decider-spec.js';
import type { CalendarConfig } from '../time/calendar.js';
import { maintenanceDecider, type MaintenanceCommand, type MaintenanceEvent, type Window } from './maintenance.js';

const calendar: CalendarConfig = { billingTimeZone: 'UTC', legalTimeZone: 'Europe/Paris', holidayCountry: 'FR' };
const decider = maintenanceDecider(calendar);
const context: CommandContext = { now: '2026-11-20T12:00:00Z' };
const spec = specFor(decider, context);

const fra = { kind: 'regions' as const, regions: ['fra'] };
// Thu 8 → Wed 14: Fri 9, Mon 12, Tue 13 lie between.
const IN_TIME_WINDOW: Window = { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' };
const IN_TIME_NOTICE = '2026-10-08T09:00:00Z';
// Mon 19 → Wed 21: only Tue 20 lies between.
const LATE_WINDOW: Window = { start: '2026-10-21T01:00:00Z', end: '2026-10-21T02:00:00Z' };
const LATE_NOTICE = '2026-10-19T09:00:00Z';

const schedule = (window: Window, noticeSentAt: string | null, acceptAsDowntime = false): MaintenanceCommand => ({
  type: 'ScheduleMaintenance',
  maintenanceId: 'm1',
  scope: fra,
  title: 'database upgrade',
  window,
  noticeSentAt,
  acceptAsDowntime,
});
const scheduled = (window: Window, acceptedAsDowntime = false): MaintenanceEvent => ({
  type: 'MaintenanceScheduled',
  data: { maintenanceId: 'm1', scope: fra, title: 'database upgrade', window, acceptedAsDowntime },
});
// The full working days between, worked out by hand; 3 or more is in time (R8).
const noticeSent = (window: Window, sentAt: string, workingDays: number, customers: string[] | null = null): MaintenanceEvent => ({
  type: 'MaintenanceNoticeSent',
  data: { maintenanceId: 'm1', sentAt, customers, window, inTime: workingDays >= 3, workingDays },
});
const started = (at: string): MaintenanceEvent => ({ type: 'MaintenanceStarted', data: { maintenanceId: 'm1', at } });
const completed = (at: string): MaintenanceEvent => ({ type: 'MaintenanceCompleted', data: { maintenanceId: 'm1', at } });
const cancelled: MaintenanceEvent = { type: 'MaintenanceCancelled', data: { maintenanceId: 'm1', at: '2026-10-10T00:00:00Z' } };
const inTimeHistory = [scheduled(IN_TIME_WINDOW), noticeSent(IN_TIME_WINDOW, IN_TIME_NOTICE, 3)];

// specFor's refusal check does not expose the error, and the extensions are the point of R9.
function refusal(given: MaintenanceEvent[], command: MaintenanceCommand, now = context.now): DomainError {
  try {
    decider.decide(command, given.reduce(decider.evolve, decider.initialState), { now });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the command was accepted');
}

describe('scheduling a maintenance (R8, R9)', () => {
  it('schedules a window announced with three working days between, and notices every customer in scope', () => {
    spec([]).when(schedule(IN_TIME_WINDOW, IN_TIME_NOTICE)).then(inTimeHistory);
  });

  it('refuses a late notice, naming the earliest compliant start: 00:00 Paris on Fri 23 Oct, after Tue 20, Wed 21, Thu 22', () => {
    const error = refusal([], schedule(LATE_WINDOW, LATE_NOTICE));
    expect(error.code).toBe('rejected');
    expect(error.extensions).toEqual({ earliestCompliantStart: '2026-10-22T22:00:00Z', earliestCompliantStartLocal: 'Fri 23 Oct 00:00 Europe/Paris', workingDaysOfNotice: 1 });
    expect(error.problem).toBe('insufficient-notice');
    expect(error.detail).toMatch(/leaves 1 full working day\(s\).*needs 3.*Fri 23 Oct 00:00 Europe\/Paris \(2026-10-22T22:00:00Z\) or later.*acceptAsDowntime/);
  });

  it('records a late notice the caller accepts as Down Time', () => {
    spec([]).when(schedule(LATE_WINDOW, LATE_NOTICE, true)).then([scheduled(LATE_WINDOW, true), noticeSent(LATE_WINDOW, LATE_NOTICE, 1)]);
  });

  it('does not count a window announced in time as Down Time even if the caller offered to', () => {
    spec([]).when(schedule(IN_TIME_WINDOW, IN_TIME_NOTICE, true)).then(inTimeHistory);
  });

  it('skips the 11 November holiday: a notice on Fri 6 Nov is in time for Fri 13 but not for Thu 12', () => {
    const notice = '2026-11-06T09:00:00Z';
    const friday: Window = { start: '2026-11-13T01:00:00Z', end: '2026-11-13T02:00:00Z' };
    const thursday: Window = { start: '2026-11-12T01:00:00Z', end: '2026-11-12T02:00:00Z' };
    spec([]).when(schedule(friday, notice)).then([scheduled(friday), noticeSent(friday, notice, 3)]);
    const error = refusal([], schedule(thursday, notice));
    expect(error.code).toBe('rejected');
    // Mon 9, Tue 10, Thu 12 are the three working days; 00:00 Paris (UTC+1 by then) on Fri 13.
    expect(error.extensions).toEqual({ earliestCompliantStart: '2026-11-12T23:00:00Z', earliestCompliantStartLocal: 'Fri 13 Nov 00:00 Europe/Paris', workingDaysOfNotice: 2 });
  });

  it('reads the notice day in the legal zone: 23:30Z on Wed 7 Oct is already Thu 8 in Paris', () => {
    spec([]).when(schedule(IN_TIME_WINDOW, '2026-10-07T23:30:00Z')).then([scheduled(IN_TIME_WINDOW), noticeSent(IN_TIME_WINDOW, '2026-10-07T23:30:00Z', 3)]);
    const error = refusal([], schedule({ start: '2026-10-13T01:00:00Z', end: '2026-10-13T02:00:00Z' }, '2026-10-07T23:30:00Z'));
    expect(error.extensions.earliestCompliantStart).toBe('2026-10-13T22:00:00Z');
  });

  it('without noticeSentAt, plans one email per customer in scope and subscribed now, and claims no notice', () => {
    const window: Window = { start: '2026-11-30T01:00:00Z', end: '2026-11-30T02:00:00Z' };
    const customer = (id: string, regions: string[], activeFrom = '2026-01-01T00:00:00Z', offboardedAt: string | null = null) => ({
      id,
      email: `ops@${id}.example`,
      activeFrom,
      offboardedAt,
      footprint: [{ from: activeFrom, regions }],
    });
    const customers = [customer('zeta', ['fra', 'sin'], '2026-01-01T00:00:00Z'), customer('acme', ['fra']), customer('sinco', ['sin']), customer('later', ['fra'], '2026-12-01T00:00:00Z'), customer('gone', ['fra'], '2026-01-01T00:00:00Z', '2026-11-01T00:00:00Z')];
    spec([])
      .when({ type: 'ScheduleMaintenance', maintenanceId: 'm1', scope: fra, title: 'database upgrade', window, noticeSentAt: null, acceptAsDowntime: false, customers, mailDomain: 'provider.example' })
      .then([
        scheduled(window),
        {
          type: 'MaintenanceNoticesPlanned',
          data: {
            maintenanceId: 'm1',
            window,
            method: 'REQUEST',
            sequence: 0,
            plannedAt: context.now,
            // Fri 20 Nov → Mon 30 Nov: 23, 24, 25, 26, 27 November lie between.
            check: { at: context.now, inTime: true, workingDays: 5 },
            recipients: [
              { customerId: 'acme', email: 'ops@acme.example', timeZone: null, regions: ['fra'], messageId: '<notice.m1.acme.0@provider.example>' },
              { customerId: 'zeta', email: 'ops@zeta.example', timeZone: null, regions: ['fra'], messageId: '<notice.m1.zeta.0@provider.example>' },
            ],
          },
        },
      ]);
  });

  it('refuses a notice in the future, even accepted as Down Time', () => {
    spec([]).when(schedule(IN_TIME_WINDOW, '2026-11-20T12:00:01Z', true)).thenRefused('rejected', /noticeSentAt 2026-11-20T12:00:01Z is in the future/);
  });

  it('refuses a window that does not end after it starts', () => {
    spec([]).when(schedule({ start: IN_TIME_WINDOW.start, end: IN_TIME_WINDOW.start }, IN_TIME_NOTICE)).thenRefused('rejected', /window.end .* must be after window.start/);
  });

  it('refuses to schedule the same maintenance twice', () => {
    spec(inTimeHistory).when(schedule(IN_TIME_WINDOW, IN_TIME_NOTICE)).thenRefused('conflict', /m1 already exists/);
  });
});

describe('notices (R8)', () => {
  it('records a notice to named customers, judged against the current window', () => {
    spec(inTimeHistory)
      .when({ type: 'SendNotice', maintenanceId: 'm1', sentAt: '2026-10-12T09:00:00Z', customers: ['acme'] })
      .then([noticeSent(IN_TIME_WINDOW, '2026-10-12T09:00:00Z', 1, ['acme'])]);
  });

  it('refuses a notice in the future, for a cancelled maintenance, or for an unknown one', () => {
    spec(inTimeHistory).when({ type: 'SendNotice', maintenanceId: 'm1', sentAt: '2026-12-01T00:00:00Z', customers: null }).thenRefused('rejected', /in the future/);
    spec([...inTimeHistory, cancelled]).when({ type: 'SendNotice', maintenanceId: 'm1', sentAt: IN_TIME_NOTICE, customers: null }).thenRefused('conflict', /was cancelled/);
    spec([]).when({ type: 'SendNotice', maintenanceId: 'm1', sentAt: IN_TIME_NOTICE, customers: null }).thenRefused('not-found', /m1 does not exist/);
  });
});

describe('rescheduling (R8: a moved window needs a new notice)', () => {
  const later: Window = { start: '2026-10-28T01:00:00Z', end: '2026-10-28T03:00:00Z' };

  it('moves the window with a new notice and voids the notices of the old one', () => {
    const given = [...inTimeHistory, noticeSent(IN_TIME_WINDOW, '2026-10-09T09:00:00Z', 2, ['acme'])];
    const events = decider.decide({ type: 'RescheduleMaintenance', maintenanceId: 'm1', window: later, noticeSentAt: '2026-10-20T09:00:00Z', acceptAsDowntime: false }, given.reduce(decider.evolve, null), context);
    expect(events).toEqual([
      { type: 'MaintenanceRescheduled', data: { maintenanceId: 'm1', window: later, previousWindow: IN_TIME_WINDOW, acceptedAsDowntime: false } },
      noticeSent(later, '2026-10-20T09:00:00Z', 5),
    ]);
    const state = [...given, ...events].reduce(decider.evolve, null);
    expect(state).toMatchObject({ window: later, previousWindows: [IN_TIME_WINDOW], notices: [{ sentAt: '2026-10-20T09:00:00Z', customers: null }] });
  });

  it('judges only the new notice: an early notice of the old window does not cover the new one', () => {
    const error = refusal(inTimeHistory, { type: 'RescheduleMaintenance', maintenanceId: 'm1', window: LATE_WINDOW, noticeSentAt: LATE_NOTICE, acceptAsDowntime: false });
    expect(error.code).toBe('rejected');
    expect(error.extensions.earliestCompliantStart).toBe('2026-10-22T22:00:00Z');
  });

  it('moves it with too little notice when the caller accepts it as Down Time', () => {
    spec(inTimeHistory)
      .when({ type: 'RescheduleMaintenance', maintenanceId: 'm1', window: LATE_WINDOW, noticeSentAt: LATE_NOTICE, acceptAsDowntime: true })
      .then([
        { type: 'MaintenanceRescheduled', data: { maintenanceId: 'm1', window: LATE_WINDOW, previousWindow: IN_TIME_WINDOW, acceptedAsDowntime: true } },
        noticeSent(LATE_WINDOW, LATE_NOTICE, 1),
      ]);
  });

  it('refuses to move a maintenance that started, was cancelled, or does not exist', () => {
    const move: MaintenanceCommand = { type: 'RescheduleMaintenance', maintenanceId: 'm1', window: later, noticeSentAt: '2026-10-20T09:00:00Z', acceptAsDowntime: false };
    spec([...inTimeHistory, started('2026-10-14T01:00:00Z')]).when(move).thenRefused('conflict', /already started .* can no longer be moved/);
    spec([...inTimeHistory, cancelled]).when(move).thenRefused('conflict', /was cancelled/);
    spec([]).when(move).thenRefused('not-found', /does not exist/);
  });
});

describe('running a maintenance', () => {
  const start = (at: string): MaintenanceCommand => ({ type: 'StartMaintenance', maintenanceId: 'm1', at });
  const complete = (at: string): MaintenanceCommand => ({ type: 'CompleteMaintenance', maintenanceId: 'm1', at });

  it('starts and completes, an overrun included', () => {
    spec(inTimeHistory).when(start('2026-10-14T01:00:00Z')).then([started('2026-10-14T01:00:00Z')]);
    spec([...inTimeHistory, started('2026-10-14T01:00:00Z')]).when(complete('2026-10-14T03:30:00Z')).then([completed('2026-10-14T03:30:00Z')]);
  });

  it('refuses a second start, a start in the future, a start once cancelled, and an unknown maintenance', () => {
    spec([...inTimeHistory, started('2026-10-14T01:00:00Z')]).when(start('2026-10-14T01:10:00Z')).thenRefused('conflict', /already started at 2026-10-14T01:00:00Z/);
    spec(inTimeHistory).when(start('2026-11-21T00:00:00Z')).thenRefused('rejected', /in the future/);
    spec([...inTimeHistory, cancelled]).when(start('2026-10-14T01:00:00Z')).thenRefused('conflict', /was cancelled/);
    spec([]).when(start('2026-10-14T01:00:00Z')).thenRefused('not-found', /does not exist/);
  });

  it('refuses to complete what has not started, twice, at or before its start, or in the future', () => {
    const running = [...inTimeHistory, started('2026-10-14T01:00:00Z')];
    spec(inTimeHistory).when(complete('2026-10-14T03:00:00Z')).thenRefused('conflict', /has not started/);
    spec([...running, completed('2026-10-14T03:00:00Z')]).when(complete('2026-10-14T03:10:00Z')).thenRefused('conflict', /already completed at 2026-10-14T03:00:00Z/);
    spec(running).when(complete('2026-10-14T01:00:00Z')).thenRefused('rejected', /must be after the start/);
    spec(running).when(complete('2026-11-21T00:00:00Z')).thenRefused('rejected', /in the future/);
    spec([]).when(complete('2026-10-14T03:00:00Z')).thenRefused('not-found', /does not exist/);
  });
});

describe('cancelling a maintenance', () => {
  const cancel: MaintenanceCommand = { type: 'CancelMaintenance', maintenanceId: 'm1' };

  it('cancels a maintenance that has not started, at the time it is recorded', () => {
    spec(inTimeHistory).when(cancel).then([{ type: 'MaintenanceCancelled', data: { maintenanceId: 'm1', at: context.now } }]);
  });

  it('refuses to cancel twice, once started, or an unknown maintenance', () => {
    spec([...inTimeHistory, cancelled]).when(cancel).thenRefused('conflict', /was cancelled at 2026-10-10T00:00:00Z/);
    spec([...inTimeHistory, started('2026-10-14T01:00:00Z')]).when(cancel).thenRefused('conflict', /already started/);
    spec([]).when(cancel).thenRefused('not-found', /does not exist/);
  });
});
