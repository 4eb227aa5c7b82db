import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { computeAvailability } from './compute.js';
import { at, availabilityInput, customer, judgedNotice } from '../testing/availability-fixtures.js';
import { EXCLUSION_CAUSES, type AvailabilityInput, type AvailabilityReport, type Scope } from './model.js';

// Facts scattered over September to November, so that some cross the month's edges.
const SEPT = at('2026-09-25T00:00:00Z');
const DEC = at('2026-12-05T00:00:00Z');
const NOW = at('2026-10-20T00:00:00Z');

const instant = fc.integer({ min: SEPT, max: DEC });
const span = fc.tuple(instant, fc.integer({ min: 0, max: 3 * 86_400 }));
const scope: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant({ kind: 'platform' as const }),
  fc.subarray(['fra', 'sin', 'par']).map((regions) => ({ kind: 'regions' as const, regions })),
  fc.subarray(['acme', 'globex']).map((customers) => ({ kind: 'customers' as const, customers })),
);
const ending = (start: number, length: number, open: boolean) => (open ? null : start + length);

const outages = fc.array(
  fc.record({ span, scope, open: fc.boolean(), degraded: fc.boolean(), cause: fc.option(fc.constantFrom(...EXCLUSION_CAUSES)) }),
  { maxLength: 8 },
).map((list) =>
  list.map(({ span: [start, length], scope, open, degraded, cause }, k) => ({
    id: `o${k}`,
    scope,
    impact: degraded ? ('degraded' as const) : ('unavailable' as const),
    startedAt: start,
    endedAt: ending(start, length, open),
    exclusion: cause,
    eventIds: [`o${k}`],
  })),
);

const maintenances = fc.array(
  fc.record({ window: span, shift: fc.integer({ min: -7200, max: 7200 }), extra: fc.integer({ min: -3600, max: 7200 }), scope, notices: fc.array(instant, { maxLength: 2 }), accepted: fc.boolean(), started: fc.boolean(), open: fc.boolean() }),
  { maxLength: 4 },
).map((list) =>
  list.map(({ window: [start, length], shift, extra, scope, notices, accepted, started, open }, k) => ({
    id: `m${k}`,
    scope,
    window: { start, end: start + length + 1 },
    startedAt: started ? start + shift : null,
    completedAt: started && !open ? start + shift + Math.max(1, length + extra) : null,
    cancelled: !started,
    acceptedAsDowntime: accepted,
    notices: notices.map((sentAt) => judgedNotice(sentAt, start)),
    eventIds: [`m${k}`],
  })),
);

const emergencies = fc.array(fc.record({ span, scope, open: fc.boolean() }), { maxLength: 3 }).map((list) =>
  list.map(({ span: [start, length], scope, open }, k) => ({ id: `e${k}`, scope, startedAt: start, endedAt: ending(start, length, open), eventIds: [`e${k}`] })),
);

const facts = fc.record({ outages, maintenances, emergencies, move: instant, from: fc.integer({ min: SEPT, max: at('2026-10-25T00:00:00Z') }) }).map(
  ({ outages, maintenances, emergencies, move, from }): AvailabilityInput =>
    availabilityInput({
      customer: customer({
        subscriptions: [{ from, to: null }],
        footprint: [
          { from: SEPT, regions: ['fra'] },
          { from: move, regions: ['sin', 'par'] },
        ],
      }),
      outages,
      maintenances,
      emergencies,
      now: NOW,
    }),
);

const secondsOf = (report: AvailabilityReport, treatment: string) =>
  report.intervals.filter((s) => s.treatment === treatment).reduce((sum, s) => sum + s.seconds, 0);

describe('computeAvailability, properties', () => {
  it('keeps 0 ≤ DT ≤ CP and explains the figures with disjoint segments that add up', () => {
    fc.assert(
      fc.property(facts, (input) => {
        const report = computeAvailability(input);
        expect(report.downtimeSeconds).toBeGreaterThanOrEqual(0);
        expect(report.downtimeSeconds).toBeLessThanOrEqual(report.coveragePeriodSeconds);
        expect(secondsOf(report, 'downtime')).toBe(report.downtimeSeconds);
        expect(secondsOf(report, 'excluded-scheduled-maintenance')).toBe(report.excludedSeconds.scheduledMaintenance);
        expect(secondsOf(report, 'excluded-emergency-maintenance')).toBe(report.excludedSeconds.emergencyMaintenance);
        expect(secondsOf(report, 'excluded-cause')).toBe(report.excludedSeconds.exclusions);
        report.intervals.forEach((s, k) => {
          expect(s.start).toBeLessThan(s.end);
          if (k > 0) expect(report.intervals[k - 1].end).toBeLessThanOrEqual(s.start);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the facts', () => {
    fc.assert(
      fc.property(facts, (input) => {
        const reversed = { ...input, outages: [...input.outages].reverse(), maintenances: [...input.maintenances].reverse(), emergencies: [...input.emergencies].reverse() };
        expect(computeAvailability(reversed)).toEqual(computeAvailability(input));
      }),
      { numRuns: 200 },
    );
  });

  it('never lowers DT when an outage is added', () => {
    fc.assert(
      fc.property(facts, span, scope, (input, [start, length], extraScope) => {
        const more = { ...input, outages: [...input.outages, { id: 'extra', scope: extraScope, impact: 'unavailable' as const, startedAt: start, endedAt: start + length, exclusion: null, eventIds: [] }] };
        expect(computeAvailability(more).downtimeSeconds).toBeGreaterThanOrEqual(computeAvailability(input).downtimeSeconds);
      }),
      { numRuns: 100 },
    );
  });
});
