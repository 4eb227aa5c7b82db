import { describe, expect, it } from '@jest/globals';
import { computeAvailability } from './compute.js';
import { at, availabilityInput, CALENDAR, customer, emergency, minutes, outage } from '../testing/availability-fixtures.js';
import type { AvailabilityReport } from './model.js';

const paris = { ...CALENDAR, billingTimeZone: 'Europe/Paris' };
const downtimeSegments = (report: AvailabilityReport) => report.intervals.filter((s) => s.treatment === 'downtime');
const sumOf = (segments: { seconds: number }[]) => segments.reduce((sum, s) => sum + s.seconds, 0);

describe('Coverage Period (R3)', () => {
  it('follows the billing zone: October 2026 in Paris has 44,700 minutes', () => {
    expect(computeAvailability(availabilityInput({ calendar: paris })).coveragePeriodMinutes).toBe(44_700);
  });

  it('March 2026 in Paris has 44,580 minutes, February 2026 40,320', () => {
    expect(computeAvailability(availabilityInput({ month: '2026-03', calendar: paris })).coveragePeriodMinutes).toBe(44_580);
    expect(computeAvailability(availabilityInput({ month: '2026-02' })).coveragePeriodMinutes).toBe(40_320);
  });

  it('an untroubled month is at 100.0000', () => {
    const report = computeAvailability(availabilityInput());
    expect(report.availabilityRate).toBe('100.0000');
    expect(report.belowTarget).toBe(false);
    expect(report.intervals).toEqual([]);
  });

  it('starts with the subscription: subscribed from the 16th, an outage before counts only from then', () => {
    const report = computeAvailability(
      availabilityInput({
        customer: customer({ subscriptions: [{ from: at('2026-10-16T00:00:00Z'), to: null }] }),
        outages: [outage('before', '2026-10-10T10:00:00Z', '2026-10-10T11:00:00Z'), outage('across', '2026-10-15T23:00:00Z', '2026-10-16T01:00:00Z')],
      }),
    );
    expect(report.coveragePeriodMinutes).toBe(16 * 1440);
    expect(report.downtimeMinutes).toBe(60);
    expect(report.intervals.map((s) => s.start)).toEqual([at('2026-10-16T00:00:00Z')]);
  });

  it('ends with the offboarding: offboarded on the 20th at noon', () => {
    const report = computeAvailability(
      availabilityInput({
        customer: customer({ subscriptions: [{ from: at('2026-01-01T00:00:00Z'), to: at('2026-10-20T12:00:00Z') }] }),
        outages: [outage('across', '2026-10-20T11:00:00Z', '2026-10-20T14:00:00Z')],
      }),
    );
    expect(report.coveragePeriodMinutes).toBe(19.5 * 1440);
    expect(report.downtimeMinutes).toBe(60);
  });

  it('is zero without a subscription in the month: no AR, not below target', () => {
    const report = computeAvailability(
      availabilityInput({
        customer: customer({ subscriptions: [{ from: at('2026-11-01T00:00:00Z'), to: null }] }),
        outages: [outage('o', '2026-10-10T10:00:00Z', '2026-10-10T11:00:00Z')],
      }),
    );
    expect(report).toMatchObject({ coveragePeriodSeconds: 0, downtimeSeconds: 0, availabilityRate: null, belowTarget: false, intervals: [] });
  });
});

describe('Down Time (R4, R5)', () => {
  it('splits an outage crossing two months', () => {
    const outages = [outage('o', '2026-10-31T23:00:00Z', '2026-11-01T01:00:00Z')];
    expect(computeAvailability(availabilityInput({ outages })).downtimeMinutes).toBe(60);
    expect(computeAvailability(availabilityInput({ month: '2026-11', outages })).downtimeMinutes).toBe(60);
    // In Paris, November starts at 2026-10-31T23:00Z: the whole outage belongs to it.
    expect(computeAvailability(availabilityInput({ outages, calendar: paris })).downtimeMinutes).toBe(0);
    expect(computeAvailability(availabilityInput({ month: '2026-11', outages, calendar: paris })).downtimeMinutes).toBe(120);
  });

  it('follows the footprint at each instant: moving from fra to sin mid-outage', () => {
    const moving = customer({
      footprint: [
        { from: at('2026-01-01T00:00:00Z'), regions: ['fra'] },
        { from: at('2026-10-10T12:00:00Z'), regions: ['sin'] },
      ],
    });
    const fra = outage('fra', '2026-10-10T10:00:00Z', '2026-10-10T14:00:00Z');
    const sin = outage('sin', '2026-10-10T10:00:00Z', '2026-10-10T14:00:00Z', { scope: { kind: 'regions', regions: ['sin'] } });
    expect(computeAvailability(availabilityInput({ customer: moving, outages: [fra] })).downtimeMinutes).toBe(120);
    expect(computeAvailability(availabilityInput({ customer: moving, outages: [sin] })).downtimeMinutes).toBe(120);
    const both = computeAvailability(availabilityInput({ customer: moving, outages: [fra, sin] }));
    expect(both.downtimeMinutes).toBe(240);
    expect(both.intervals.map((s) => [s.start, s.end, s.sources.map((x) => x.id)])).toEqual([
      [at('2026-10-10T10:00:00Z'), at('2026-10-10T12:00:00Z'), ['fra']],
      [at('2026-10-10T12:00:00Z'), at('2026-10-10T14:00:00Z'), ['sin']],
    ]);
  });

  it('counts overlapping outages of different regions once', () => {
    const twoRegions = customer({ footprint: [{ from: at('2026-01-01T00:00:00Z'), regions: ['fra', 'par'] }] });
    const report = computeAvailability(
      availabilityInput({
        customer: twoRegions,
        outages: [
          outage('fra', '2026-10-10T10:00:00Z', '2026-10-10T11:00:00Z'),
          outage('par', '2026-10-10T10:30:00Z', '2026-10-10T11:30:00Z', { scope: { kind: 'regions', regions: ['par', 'sin'] } }),
        ],
      }),
    );
    expect(report.downtimeMinutes).toBe(90);
    expect(sumOf(downtimeSegments(report))).toBe(minutes(90));
  });

  it('counts an outage naming the customer, not one naming another', () => {
    const outages = [
      outage('mine', '2026-10-10T10:00:00Z', '2026-10-10T10:10:00Z', { scope: { kind: 'customers', customers: ['acme'] } }),
      outage('theirs', '2026-10-11T10:00:00Z', '2026-10-11T10:10:00Z', { scope: { kind: 'customers', customers: ['globex'] } }),
    ];
    expect(computeAvailability(availabilityInput({ outages })).downtimeMinutes).toBe(10);
  });

  it('never counts a degraded outage', () => {
    const report = computeAvailability(
      availabilityInput({ outages: [outage('slow', '2026-10-10T00:00:00Z', '2026-10-20T00:00:00Z', { impact: 'degraded', scope: { kind: 'platform' } })] }),
    );
    expect(report.downtimeSeconds).toBe(0);
    expect(report.intervals).toEqual([]);
  });

  it('counts an open outage up to now and flags the month as ongoing', () => {
    const outages = [outage('open', '2026-10-20T10:00:00Z', null)];
    const report = computeAvailability(availabilityInput({ outages, now: at('2026-10-20T12:00:00Z') }));
    expect(report.downtimeMinutes).toBe(120);
    expect(report.ongoing).toBe(true);
    expect(report.intervals.at(-1)?.end).toBe(at('2026-10-20T12:00:00Z'));
  });

  it('counts a still-open outage only up to the end of a past month, which is not ongoing', () => {
    const outages = [outage('open', '2026-10-31T23:00:00Z', null)];
    const now = at('2026-11-01T02:00:00Z');
    const october = computeAvailability(availabilityInput({ outages, now }));
    expect(october).toMatchObject({ downtimeSeconds: minutes(60), ongoing: false });
    const november = computeAvailability(availabilityInput({ month: '2026-11', outages, now }));
    expect(november).toMatchObject({ downtimeSeconds: minutes(120), ongoing: true });
  });

  it('is not ongoing once the open outage no longer affects the customer', () => {
    const outages = [outage('open', '2026-10-20T10:00:00Z', null)];
    const gone = customer({ subscriptions: [{ from: at('2026-01-01T00:00:00Z'), to: at('2026-10-20T11:00:00Z') }] });
    const report = computeAvailability(availabilityInput({ customer: gone, outages, now: at('2026-10-20T12:00:00Z') }));
    expect(report).toMatchObject({ downtimeSeconds: minutes(60), ongoing: false });
  });
});

describe('emergency maintenance (R6)', () => {
  it('excludes its whole duration, including the overlap with an outage', () => {
    const report = computeAvailability(
      availabilityInput({
        outages: [outage('o', '2026-10-10T10:00:00Z', '2026-10-10T11:00:00Z')],
        emergencies: [emergency('e', '2026-10-10T10:30:00Z', '2026-10-10T11:30:00Z')],
      }),
    );
    expect(report.downtimeMinutes).toBe(30);
    expect(report.excludedMinutes).toEqual({ scheduledMaintenance: 0, emergencyMaintenance: 60, exclusions: 0 });
    expect(report.intervals.map((s) => [s.treatment, s.seconds, s.sources.map((x) => x.id)])).toEqual([
      ['downtime', 1800, ['o']],
      ['excluded-emergency-maintenance', 1800, ['o', 'e']],
      ['excluded-emergency-maintenance', 1800, ['e']],
    ]);
  });

  it('an open emergency runs up to now and flags the month as ongoing', () => {
    const report = computeAvailability(
      availabilityInput({ emergencies: [emergency('e', '2026-10-10T10:00:00Z', null)], now: at('2026-10-10T10:20:00Z') }),
    );
    expect(report).toMatchObject({ downtimeSeconds: 0, ongoing: true, excludedSeconds: { emergencyMaintenance: minutes(20) } });
  });
});

describe('exclusion causes (R6, §2)', () => {
  it('an outage with an exclusion cause adds no Down Time; reclassified without one, it counts', () => {
    const classified = outage('o', '2026-10-10T10:00:00Z', '2026-10-10T11:00:00Z', { exclusion: 'force-majeure' });
    const excluded = computeAvailability(availabilityInput({ outages: [classified] }));
    expect(excluded.downtimeSeconds).toBe(0);
    expect(excluded.excludedMinutes.exclusions).toBe(60);
    expect(excluded.intervals).toEqual([
      {
        start: at('2026-10-10T10:00:00Z'),
        end: at('2026-10-10T11:00:00Z'),
        seconds: 3600,
        treatment: 'excluded-cause',
        sources: [{ kind: 'outage', id: 'o', eventIds: ['o-started'], note: 'outage caused by force-majeure: excluded (§2)' }],
      },
    ]);
    const reversed = computeAvailability(availabilityInput({ outages: [{ ...classified, exclusion: null }] }));
    expect(reversed.downtimeMinutes).toBe(60);
    expect(reversed.excludedMinutes.exclusions).toBe(0);
  });

  it('does not cancel the Down Time of another outage at the same moment', () => {
    const report = computeAvailability(
      availabilityInput({
        outages: [
          outage('cause', '2026-10-10T10:00:00Z', '2026-10-10T12:00:00Z', { exclusion: 'internet-network', scope: { kind: 'platform' } }),
          outage('ours', '2026-10-10T11:00:00Z', '2026-10-10T11:30:00Z'),
        ],
      }),
    );
    expect(report.downtimeMinutes).toBe(30);
    expect(report.excludedMinutes.exclusions).toBe(90);
    expect(report.intervals.map((s) => [s.treatment, s.seconds])).toEqual([
      ['excluded-cause', 3600],
      ['downtime', 1800],
      ['excluded-cause', 1800],
    ]);
  });

  it('a degraded outage with an exclusion cause is not reported at all', () => {
    const report = computeAvailability(
      availabilityInput({ outages: [outage('o', '2026-10-10T10:00:00Z', '2026-10-10T11:00:00Z', { impact: 'degraded', exclusion: 'misuse' })] }),
    );
    expect(report.excludedSeconds.exclusions).toBe(0);
    expect(report.intervals).toEqual([]);
  });
});

describe('AR and target (R7)', () => {
  // November 2026 in UTC: 43,200 minutes; 0.1 % of it is 43.2 minutes = 2,592 seconds.
  const november = (downtimeSeconds: number, target = '99.9') =>
    computeAvailability(
      availabilityInput({
        month: '2026-11',
        target,
        outages: [{ ...outage('o', '2026-11-10T10:00:00Z', null), endedAt: at('2026-11-10T10:00:00Z') + downtimeSeconds }],
      }),
    );

  it('exactly at target is not below it', () => {
    const report = november(2592);
    expect(report.coveragePeriodMinutes).toBe(43_200);
    expect(report.downtimeMinutes).toBe(43.2);
    expect(report.availabilityRate).toBe('99.9000');
    expect(report.belowTarget).toBe(false);
  });

  it('one second more is below, though the rate still reads 99.9000', () => {
    const report = november(2593);
    expect(report.availabilityRate).toBe('99.9000');
    expect(report.belowTarget).toBe(true);
  });

  it('rounds half up', () => {
    // 3,200 s covered, 1 s down: 3199 / 3200 × 100 = 99.96875 → 99.9688.
    const from = at('2026-10-10T00:00:00Z');
    const report = computeAvailability(
      availabilityInput({
        customer: customer({ subscriptions: [{ from, to: from + 3200 }] }),
        outages: [{ ...outage('o', '2026-10-10T00:00:00Z', null), endedAt: from + 1 }],
      }),
    );
    expect(report.availabilityRate).toBe('99.9688');
  });

  it('compares with a target of several decimals', () => {
    // 0.01 % of November is 259.2 seconds.
    expect(november(259, '99.99').belowTarget).toBe(false);
    const report = november(260, '99.99');
    expect(report.availabilityRate).toBe('99.9900');
    expect(report.belowTarget).toBe(true);
  });

  it('refuses a target that is not a percentage', () => {
    expect(() => computeAvailability(availabilityInput({ target: '99,9' }))).toThrow(RangeError);
    expect(() => computeAvailability(availabilityInput({ target: '100.1' }))).toThrow(RangeError);
  });
});
