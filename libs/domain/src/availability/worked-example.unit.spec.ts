import { describe, expect, it } from '@jest/globals';
import { computeAvailability } from './compute.js';
import { at, availabilityInput, customer, emergency, maintenance, minutes, outage } from '../testing/availability-fixtures.js';

// The contract's worked example (docs/rules.md, "The worked example"): acme in fra, subscribed all of October 2026, billing zone UTC.
const input = availabilityInput({
  customer: customer({
    subscriptions: [{ from: at('2026-09-01T00:00:00Z'), to: null }],
    footprint: [{ from: at('2026-09-01T00:00:00Z'), regions: ['fra'] }],
  }),
  outages: [
    outage('o-fra', '2026-10-05T10:00:00Z', '2026-10-05T11:30:00Z'),
    outage('o-platform', '2026-10-05T11:00:00Z', '2026-10-05T12:00:00Z', { scope: { kind: 'platform' } }),
    outage('o-sin', '2026-10-07T08:00:00Z', '2026-10-07T10:00:00Z', { scope: { kind: 'regions', regions: ['sin'] } }),
    outage('o-degraded', '2026-10-09T08:00:00Z', '2026-10-09T12:00:00Z', { impact: 'degraded' }),
  ],
  maintenances: [
    maintenance('m-overrun', ['2026-10-14T01:00:00Z', '2026-10-14T03:00:00Z'], ['2026-10-14T01:00:00Z', '2026-10-14T03:30:00Z'], ['2026-10-08T09:00:00Z']),
    maintenance('m-late', ['2026-10-21T01:00:00Z', '2026-10-21T02:00:00Z'], ['2026-10-21T01:00:00Z', '2026-10-21T02:00:00Z'], ['2026-10-19T09:00:00Z']),
  ],
  emergencies: [emergency('e-1', '2026-10-27T02:00:00Z', '2026-10-27T02:45:00Z')],
});

describe('the worked example of RULES.md', () => {
  const report = computeAvailability(input);

  it('has a Coverage Period of 44,640 minutes', () => {
    expect(report.coveragePeriodSeconds).toBe(2_678_400);
    expect(report.coveragePeriodMinutes).toBe(44_640);
  });

  it('has 120 + 30 + 60 = 210 minutes of Down Time', () => {
    expect(report.downtimeSeconds).toBe(12_600);
    expect(report.downtimeMinutes).toBe(210);
  });

  it('gives AR 99.5296, below the 99.9 target', () => {
    expect(report.availabilityRate).toBe('99.5296');
    expect(report.target).toBe('99.9');
    expect(report.belowTarget).toBe(true);
    expect(report.ongoing).toBe(false);
  });

  it('excludes the maintenance announced in time within its window, and the emergency', () => {
    expect(report.excludedSeconds).toEqual({ scheduledMaintenance: minutes(120), emergencyMaintenance: minutes(45), exclusions: 0 });
    expect(report.excludedMinutes).toEqual({ scheduledMaintenance: 120, emergencyMaintenance: 45, exclusions: 0 });
  });

  it('explains every minute', () => {
    const source = (kind: string, id: string, note: string) => ({ kind, id, eventIds: [kind === 'maintenance' ? `${id}-scheduled` : `${id}-started`], note });
    const fra = source('outage', 'o-fra', 'unavailable outage');
    const platform = source('outage', 'o-platform', 'unavailable outage');
    expect(report.intervals).toEqual([
      { start: at('2026-10-05T10:00:00Z'), end: at('2026-10-05T11:00:00Z'), seconds: 3600, treatment: 'downtime', sources: [fra] },
      { start: at('2026-10-05T11:00:00Z'), end: at('2026-10-05T11:30:00Z'), seconds: 1800, treatment: 'downtime', sources: [fra, platform] },
      { start: at('2026-10-05T11:30:00Z'), end: at('2026-10-05T12:00:00Z'), seconds: 1800, treatment: 'downtime', sources: [platform] },
      {
        start: at('2026-10-14T01:00:00Z'),
        end: at('2026-10-14T03:00:00Z'),
        seconds: 7200,
        treatment: 'excluded-scheduled-maintenance',
        sources: [source('maintenance', 'm-overrun', 'announced window, notice in time (3 working days)')],
      },
      {
        start: at('2026-10-14T03:00:00Z'),
        end: at('2026-10-14T03:30:00Z'),
        seconds: 1800,
        treatment: 'downtime',
        sources: [source('maintenance', 'm-overrun', 'overrun past the announced window')],
      },
      {
        start: at('2026-10-21T01:00:00Z'),
        end: at('2026-10-21T02:00:00Z'),
        seconds: 3600,
        treatment: 'downtime',
        sources: [source('maintenance', 'm-late', 'notice late (1 working day)')],
      },
      {
        start: at('2026-10-27T02:00:00Z'),
        end: at('2026-10-27T02:45:00Z'),
        seconds: 2700,
        treatment: 'excluded-emergency-maintenance',
        sources: [source('emergencyMaintenance', 'e-1', 'emergency maintenance: excluded, no notice needed')],
      },
    ]);
    const downtime = report.intervals.filter((s) => s.treatment === 'downtime').reduce((sum, s) => sum + s.seconds, 0);
    expect(downtime).toBe(report.downtimeSeconds);
  });

  it('is unchanged by the sin-only outage and the degraded fra outage', () => {
    const without = computeAvailability({ ...input, outages: input.outages.filter((o) => o.id === 'o-fra' || o.id === 'o-platform') });
    expect(without).toEqual(report);
  });
});
