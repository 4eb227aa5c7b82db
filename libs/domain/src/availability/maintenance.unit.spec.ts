import { describe, expect, it } from '@jest/globals';
import { computeAvailability } from './compute.js';
import { at, availabilityInput, customer, judgedNotice, maintenance, minutes, outage } from '../testing/availability-fixtures.js';
import type { AvailabilityReport, MaintenanceFacts } from './model.js';

const WINDOW: [string, string] = ['2026-10-14T01:00:00Z', '2026-10-14T03:00:00Z'];
const IN_TIME = '2026-10-08T09:00:00Z'; // Thu 8 → Wed 14: Fri 9, Mon 12, Tue 13.

const explain = (report: AvailabilityReport) => report.intervals.map((s) => [s.treatment, s.seconds / 60, s.sources.map((x) => x.note)]);
const run = (m: MaintenanceFacts, overrides: Parameters<typeof availabilityInput>[0] = {}) =>
  computeAvailability(availabilityInput({ maintenances: [m], ...overrides }));

describe('scheduled maintenance (R6, R8)', () => {
  it('excludes the run inside a window announced in time', () => {
    const report = run(maintenance('m', WINDOW, WINDOW, [IN_TIME]));
    expect(report.downtimeSeconds).toBe(0);
    expect(report.excludedMinutes.scheduledMaintenance).toBe(120);
    expect(explain(report)).toEqual([['excluded-scheduled-maintenance', 120, ['announced window, notice in time (3 working days)']]]);
  });

  it('counts an early start and an overrun', () => {
    const report = run(maintenance('m', WINDOW, ['2026-10-14T00:30:00Z', '2026-10-14T03:15:00Z'], [IN_TIME]));
    expect(report.downtimeMinutes).toBe(45);
    expect(report.excludedMinutes.scheduledMaintenance).toBe(120);
    expect(explain(report)).toEqual([
      ['downtime', 30, ['early start before the announced window']],
      ['excluded-scheduled-maintenance', 120, ['announced window, notice in time (3 working days)']],
      ['downtime', 15, ['overrun past the announced window']],
    ]);
  });

  it('counts a window whose notice was late', () => {
    const report = run(maintenance('m', ['2026-10-21T01:00:00Z', '2026-10-21T02:00:00Z'], ['2026-10-21T01:00:00Z', '2026-10-21T02:00:00Z'], ['2026-10-19T09:00:00Z']));
    expect(report.downtimeMinutes).toBe(60);
    expect(report.excludedSeconds.scheduledMaintenance).toBe(0);
    expect(explain(report)).toEqual([['downtime', 60, ['notice late (1 working day)']]]);
  });

  it('counts a window whose notice came after it started', () => {
    const report = run(maintenance('m', WINDOW, WINDOW, ['2026-10-14T01:30:00Z']));
    expect(explain(report)).toEqual([['downtime', 120, ['notice late (0 working days)']]]);
  });

  it('counts a window no notice was sent for', () => {
    const report = run(maintenance('m', WINDOW, WINDOW, []));
    expect(explain(report)).toEqual([['downtime', 120, ['no notice sent to this customer']]]);
  });

  it('takes the best of several notices', () => {
    expect(run(maintenance('m', WINDOW, WINDOW, ['2026-10-13T09:00:00Z', IN_TIME])).downtimeSeconds).toBe(0);
  });

  it('counts nothing for a maintenance that never started, cancelled or not', () => {
    expect(run(maintenance('m', WINDOW, null, [])).intervals).toEqual([]);
    expect(run(maintenance('m', WINDOW, null, [], { cancelled: true })).intervals).toEqual([]);
  });

  it('counts a maintenance accepted as Down Time when scheduled, even with a notice in time', () => {
    const report = run(maintenance('m', WINDOW, WINDOW, [IN_TIME], { acceptedAsDowntime: true }));
    expect(explain(report)).toEqual([['downtime', 120, ['accepted as downtime when scheduled']]]);
  });

  it('counts a running maintenance up to now, and flags the month as ongoing', () => {
    const report = run(maintenance('m', ['2026-10-14T01:00:00Z', '2026-10-14T02:00:00Z'], ['2026-10-14T01:00:00Z', null], [IN_TIME]), {
      now: at('2026-10-14T02:30:00Z'),
    });
    expect(report).toMatchObject({ downtimeSeconds: minutes(30), ongoing: true });
  });

  it('excludes an outage during the run of a maintenance announced in time', () => {
    const report = run(maintenance('m', WINDOW, WINDOW, [IN_TIME]), { outages: [outage('o', '2026-10-14T02:30:00Z', '2026-10-14T03:30:00Z')] });
    expect(report.downtimeMinutes).toBe(30);
    expect(report.intervals.map((s) => [s.treatment, s.seconds / 60, s.sources.map((x) => x.id)])).toEqual([
      ['excluded-scheduled-maintenance', 90, ['m']],
      ['excluded-scheduled-maintenance', 30, ['o', 'm']],
      ['downtime', 30, ['o']],
    ]);
  });
});

describe('who was notified (R8: notices are per customer)', () => {
  // acme moves from fra to par on Fri 9 October, after the notice to par went out on Thu 8.
  const joinsPar = customer({
    footprint: [
      { from: at('2026-01-01T00:00:00Z'), regions: ['fra'] },
      { from: at('2026-10-09T00:00:00Z'), regions: ['par'] },
    ],
  });
  const inPar = { scope: { kind: 'regions' as const, regions: ['par'] } };

  it('a customer who joined the scope after the notice was not notified', () => {
    const report = run(maintenance('m', WINDOW, WINDOW, [IN_TIME], inPar), { customer: joinsPar });
    expect(explain(report)).toEqual([['downtime', 120, ['no notice sent to this customer']]]);
    const wasThere = run(maintenance('m', WINDOW, WINDOW, [IN_TIME], inPar), { customer: customer({ footprint: [{ from: 0, regions: ['par'] }] }) });
    expect(wasThere.downtimeSeconds).toBe(0);
  });

  it('a customer who subscribed after the notice was not notified', () => {
    const newcomer = customer({ subscriptions: [{ from: at('2026-10-10T00:00:00Z'), to: null }] });
    expect(run(maintenance('m', WINDOW, WINDOW, [IN_TIME]), { customer: newcomer }).downtimeMinutes).toBe(120);
  });

  it('a notice naming the customer counts, even before it joined the scope', () => {
    const named = maintenance('m', WINDOW, WINDOW, [], { ...inPar, notices: [judgedNotice(at(IN_TIME), at(WINDOW[0]), ['acme'])] });
    expect(run(named, { customer: joinsPar }).downtimeSeconds).toBe(0);
  });

  it('a notice naming only other customers does not', () => {
    const others = maintenance('m', WINDOW, WINDOW, [], { notices: [judgedNotice(at(IN_TIME), at(WINDOW[0]), ['globex'])] });
    expect(explain(run(others))).toEqual([['downtime', 120, ['no notice sent to this customer']]]);
  });

  it('a rescheduled window is judged on the notices of the new window only', () => {
    // Moved to Fri 16 October; the read model keeps only the notices given for the new window.
    const moved: [string, string] = ['2026-10-16T01:00:00Z', '2026-10-16T03:00:00Z'];
    const late = maintenance('m', moved, moved, ['2026-10-13T09:00:00Z']); // Wed 14, Thu 15
    expect(explain(run(late))).toEqual([['downtime', 120, ['notice late (2 working days)']]]);
    const renewed = maintenance('m', moved, moved, ['2026-10-12T09:00:00Z']); // Tue 13, Wed 14, Thu 15
    expect(run(renewed).downtimeSeconds).toBe(0);
  });

  it('takes the notice day in the legal zone: 23:30Z on Wed 7 October is Thu 8 in Paris', () => {
    const tuesday: [string, string] = ['2026-10-13T01:00:00Z', '2026-10-13T02:00:00Z'];
    expect(explain(run(maintenance('m', tuesday, tuesday, ['2026-10-07T23:30:00Z'])))).toEqual([['downtime', 60, ['notice late (2 working days)']]]);
    expect(run(maintenance('m', tuesday, tuesday, ['2026-10-07T21:30:00Z'])).downtimeSeconds).toBe(0);
  });

  it('skips public holidays: a notice on Fri 6 November is late for Thu 12, in time for Fri 13', () => {
    const november = { month: '2026-11', now: at('2026-12-01T00:00:00Z') };
    const thursday: [string, string] = ['2026-11-12T08:00:00Z', '2026-11-12T09:00:00Z'];
    const friday: [string, string] = ['2026-11-13T08:00:00Z', '2026-11-13T09:00:00Z'];
    const notice = '2026-11-06T10:00:00Z';
    expect(explain(run(maintenance('m', thursday, thursday, [notice]), november))).toEqual([['downtime', 60, ['notice late (2 working days)']]]);
    expect(run(maintenance('m', friday, friday, [notice]), november).downtimeSeconds).toBe(0);
  });
});
