import { describe, expect, it } from '@jest/globals';
import { at, availabilityInput, customer, emergency, maintenance, minutes, outage } from '../testing/availability-fixtures.js';
import { monthRange } from '../time/calendar.js';
import { computeAvailability } from './compute.js';
import { growthBetween, growthHolds, growthHorizon, grownReport } from './growth.js';
import type { AvailabilityInput } from './model.js';

const OCTOBER = monthRange('2026-10', 'UTC');

/** What the month figures store at `storedAt`: the report then and its growth. */
function stored(input: AvailabilityInput, storedAt: string) {
  const from = at(storedAt);
  const report = computeAvailability({ ...input, now: from }, { explain: false });
  const later = computeAvailability({ ...input, now: from + 1 }, { explain: false });
  const growth = growthBetween(report, later, from, growthHorizon(input.customer, input, OCTOBER, from), OCTOBER.end);
  return { report, growth };
}

/** The figures by the formula at `now`, or null where the formula does not hold there. */
function grown(input: AvailabilityInput, storedAt: string, now: string) {
  const { report, growth } = stored(input, storedAt);
  if (growth === null) return report;
  return growthHolds(growth, at(now), OCTOBER.end) ? grownReport(report, growth, at(now)) : null;
}

const fresh = (input: AvailabilityInput, now: string) => computeAvailability({ ...input, now: at(now) }, { explain: false });

describe('figures that grow with the clock', () => {
  const openOutage = availabilityInput({ outages: [outage('o1', '2026-10-05T10:00:00Z', null)] });

  it('an open outage adds one second of Down Time a second until the month ends: 60 min at 11:00, 38,280 min once October is over', () => {
    const { growth } = stored(openOutage, '2026-10-05T10:30:00Z');
    expect(growth).toEqual({ from: at('2026-10-05T10:30:00Z'), until: OCTOBER.end, downtime: 1, excluded: { scheduledMaintenance: 0, emergencyMaintenance: 0, exclusions: 0 } });
    expect(grown(openOutage, '2026-10-05T10:30:00Z', '2026-10-05T11:00:00Z')).toMatchObject({ downtimeSeconds: minutes(60), availabilityRate: '99.8656', belowTarget: true, ongoing: true });
    // 5 Oct 10:00 to 1 Nov 00:00 is 26 days and 14 hours: (44,640 − 38,280) / 44,640 = 14.2473 %.
    expect(grown(openOutage, '2026-10-05T10:30:00Z', '2026-11-02T00:00:00Z')).toMatchObject({ downtimeSeconds: minutes(38_280), availabilityRate: '14.2473', ongoing: false });
  });

  it('a maintenance running before its window counts until the window opens, then is excluded (notice in time)', () => {
    const input = availabilityInput({ maintenances: [maintenance('m1', ['2026-10-20T01:00:00Z', '2026-10-20T03:00:00Z'], ['2026-10-20T00:30:00Z', null], ['2026-10-12T09:00:00Z'])] });
    const early = stored(input, '2026-10-20T00:45:00Z').growth!;
    expect({ until: early.until, downtime: early.downtime }).toEqual({ until: at('2026-10-20T01:00:00Z'), downtime: 1 });
    expect(grown(input, '2026-10-20T00:45:00Z', '2026-10-20T00:50:00Z')).toMatchObject({ downtimeSeconds: minutes(20) });
    // Past the window's start the next seconds are treated otherwise: the formula no longer holds.
    expect(grown(input, '2026-10-20T00:45:00Z', '2026-10-20T01:30:00Z')).toBeNull();
    const inside = stored(input, '2026-10-20T01:15:00Z').growth!;
    expect(inside).toMatchObject({ until: at('2026-10-20T03:00:00Z'), downtime: 0, excluded: { scheduledMaintenance: 1 } });
    expect(grown(input, '2026-10-20T01:15:00Z', '2026-10-20T02:00:00Z')).toMatchObject({ downtimeSeconds: minutes(30), excludedSeconds: { scheduledMaintenance: minutes(60) } });
  });

  it('an open emergency maintenance is excluded a second a second: 45 min at 02:45', () => {
    const input = availabilityInput({ emergencies: [emergency('e1', '2026-10-27T02:00:00Z', null)] });
    expect(grown(input, '2026-10-27T02:10:00Z', '2026-10-27T02:45:00Z')).toMatchObject({ downtimeSeconds: 0, excludedSeconds: { emergencyMaintenance: minutes(45) }, availabilityRate: '100.0000' });
  });

  it('a leaving recorded ahead of its instant ends the formula there: 5,160 min on 9 October, computed again after 10 October', () => {
    const leaving = { ...openOutage, customer: customer({ subscriptions: [{ from: at('2026-01-01T00:00:00Z'), to: at('2026-10-10T00:00:00Z') }] }) };
    expect(stored(leaving, '2026-10-06T00:00:00Z').growth?.until).toBe(at('2026-10-10T00:00:00Z'));
    // 5 Oct 10:00 to 9 Oct 00:00: 86 hours, out of a Coverage Period of 9 days (12,960 min).
    expect(grown(leaving, '2026-10-06T00:00:00Z', '2026-10-09T00:00:00Z')).toMatchObject({ coveragePeriodSeconds: minutes(12_960), downtimeSeconds: minutes(5_160) });
    expect(grown(leaving, '2026-10-06T00:00:00Z', '2026-10-11T00:00:00Z')).toBeNull();
  });

  it('an outage open from an instant after the stored one (another clock) grows from there, not never', () => {
    const { growth } = stored(openOutage, '2026-10-05T09:59:00Z');
    expect(growth).toMatchObject({ downtime: 0, until: at('2026-10-05T10:00:00Z') });
  });

  it('figures with nothing open do not grow', () => {
    const closed = availabilityInput({ outages: [outage('o1', '2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z')] });
    expect(stored(closed, '2026-10-06T00:00:00Z').growth).toBeNull();
  });

  it('gives, wherever it holds, exactly the figures computed again at that instant', () => {
    const scenarios: AvailabilityInput[] = [
      openOutage,
      availabilityInput({
        outages: [outage('o1', '2026-10-05T10:00:00Z', null), outage('o2', '2026-10-05T10:20:00Z', null, { exclusion: 'force-majeure' })],
        maintenances: [maintenance('m1', ['2026-10-05T11:00:00Z', '2026-10-05T12:00:00Z'], ['2026-10-05T10:40:00Z', null], ['2026-09-28T09:00:00Z'])],
        emergencies: [emergency('e1', '2026-10-05T12:30:00Z', null)],
      }),
      { ...openOutage, customer: customer({ footprint: [{ from: at('2026-01-01T00:00:00Z'), regions: ['sin'] }, { from: at('2026-10-05T13:00:00Z'), regions: ['fra'] }] }) },
    ];
    const instants = ['2026-10-05T10:10:00Z', '2026-10-05T10:50:00Z', '2026-10-05T11:30:00Z', '2026-10-05T12:45:00Z', '2026-10-05T14:00:00Z', '2026-10-31T23:59:59Z', '2026-11-03T00:00:00Z'];
    let checked = 0;
    for (const input of scenarios) {
      for (const [k, storedAt] of instants.entries()) {
        for (const now of instants.slice(k)) {
          const formula = grown(input, storedAt, now);
          if (formula === null) continue;
          expect({ storedAt, now, ...formula }).toEqual({ storedAt, now, ...fresh(input, now) });
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
