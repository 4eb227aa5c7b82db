import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { at, CALENDAR, judgedNotice } from '../testing/availability-fixtures.js';
import { computeAvailability } from './compute.js';
import type { CustomerFacts, MaintenanceFacts, OutageFacts, Scope } from './model.js';
import { computeMonth } from './month-batch.js';

const SEPT = at('2026-09-20T00:00:00Z');
const DEC = at('2026-11-10T00:00:00Z');
const instant = fc.integer({ min: SEPT, max: DEC });
const regions = fc.subarray(['fra', 'sin', 'par'], { minLength: 1 });
const scope: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant<Scope>({ kind: 'platform' }),
  regions.map((r) => ({ kind: 'regions' as const, regions: r })),
  fc.constant<Scope>({ kind: 'customers', customers: ['c1'] }),
);

// Few distinct shapes, so that many customers share a group and the cache is exercised.
const customers = fc.array(
  fc.record({
    // Late-September starts and moves put customers with one October footprint on both sides of a notice.
    from: fc.constantFrom(SEPT - 86_400 * 30, at('2026-09-24T00:00:00Z'), at('2026-09-28T12:00:00Z'), at('2026-10-16T00:00:00Z')),
    regions: fc.constantFrom<string[]>(['fra'], ['sin'], ['fra', 'par']),
    move: fc.option(fc.record({ at: fc.oneof(instant, fc.integer({ min: at('2026-09-21T00:00:00Z'), max: at('2026-09-30T23:00:00Z') })), regions })),
    target: fc.constantFrom('99.9', '99.5'),
  }),
  { minLength: 1, maxLength: 12 },
).map((list) =>
  list.map(({ from, regions: r, move, target }, k): { facts: CustomerFacts; target: string } => ({
    target,
    facts: {
      id: `c${k}`,
      subscriptions: [{ from, to: null }],
      footprint: [{ from, regions: r }, ...(move && move.at > from ? [{ from: move.at, regions: move.regions }] : [])],
    },
  })),
);

const outages = fc.array(fc.record({ start: instant, length: fc.integer({ min: 60, max: 86_400 }), scope }), { maxLength: 6 }).map((list) =>
  list.map(({ start, length, scope: s }, k): OutageFacts => ({ id: `o${k}`, scope: s, impact: 'unavailable', startedAt: start, endedAt: start + length, exclusion: null, eventIds: [] })),
);

const maintenances = fc
  .array(
    fc.record({ start: fc.oneof(instant, fc.integer({ min: at('2026-10-01T00:00:00Z'), max: at('2026-10-06T00:00:00Z') })), notice: fc.integer({ min: 0, max: 10 * 86_400 }), scope, named: fc.boolean() }),
    { maxLength: 3 },
  )
  .map((list) =>
    list.map(({ start, notice, scope: s, named }, k): MaintenanceFacts => ({
      id: `m${k}`,
      scope: s,
      window: { start, end: start + 3600 },
      startedAt: start,
      completedAt: start + 5400,
      cancelled: false,
      acceptedAsDowntime: false,
      notices: [judgedNotice(start - notice, start, named ? ['c2'] : null)],
      eventIds: [],
    })),
  );

describe('a whole month at once', () => {
  it('gives every customer exactly the figures it would get alone', () => {
    fc.assert(
      fc.property(customers, outages, maintenances, (list, outageList, maintenanceList) => {
        const now = at('2026-11-22T00:00:00Z');
        const input = { month: '2026-10', customers: list, outages: outageList, maintenances: maintenanceList, emergencies: [], now, calendar: CALENDAR };
        const batch = computeMonth(input, { explain: true });
        const summary = computeMonth(input);
        // Keeping one group at a time: every other is forgotten and computed again, with the same figures.
        const forgetful = computeMonth(input, { groupsKept: 1 });
        list.forEach(({ facts, target }, k) => {
          const alone = computeAvailability({ month: '2026-10', customer: facts, target, outages: outageList, maintenances: maintenanceList, emergencies: [], now, calendar: CALENDAR });
          expect(batch[k]).toEqual(alone);
          expect(summary[k]).toEqual({ ...alone, intervals: [] });
          expect(forgetful[k]).toEqual({ ...alone, intervals: [] });
        });
      }),
      { numRuns: 150 },
    );
  });
});
