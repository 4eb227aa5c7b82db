import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { monthRange } from '../time/calendar.js';
import { at, CALENDAR, customer, emergency, judgedNotice, maintenance, outage } from '../testing/availability-fixtures.js';
import { computeAvailability } from './compute.js';
import type { CustomerFacts, EmergencyMaintenanceFacts, MaintenanceFacts, OutageFacts, Scope } from './model.js';
import { isOpenSource, joinReach, monthRegions, NO_REACH, reachOf, type Reach, type SourceFacts } from './reach.js';

const OCTOBER = monthRange('2026-10', 'UTC');
const NOVEMBER = monthRange('2026-11', 'UTC');

describe('reachOf', () => {
  it('follows the scope: the platform, regions, named customers', () => {
    expect(reachOf({ kind: 'outage', facts: outage('o', '2026-10-05T10:00:00Z', null, { scope: { kind: 'platform' } }) })).toEqual({ platform: true, regions: [], customers: [] });
    expect(reachOf({ kind: 'outage', facts: outage('o', '2026-10-05T10:00:00Z', null, { scope: { kind: 'regions', regions: ['fra', 'sin'] } }) })).toEqual({
      platform: false,
      regions: ['fra', 'sin'],
      customers: [],
    });
    expect(reachOf({ kind: 'emergencyMaintenance', facts: emergency('e', '2026-10-05T10:00:00Z', null, { scope: { kind: 'customers', customers: ['acme'] } }) })).toEqual({
      platform: false,
      regions: [],
      customers: ['acme'],
    });
  });

  it('adds the customers a maintenance notice names', () => {
    const m = maintenance('m', ['2026-10-14T01:00:00Z', '2026-10-14T03:00:00Z'], ['2026-10-14T01:00:00Z', null], [], {
      notices: [judgedNotice(at('2026-10-08T09:00:00Z'), at('2026-10-14T01:00:00Z'), ['globex'])],
    });
    expect(reachOf({ kind: 'maintenance', facts: m })).toEqual({ platform: false, regions: ['fra'], customers: ['globex'] });
  });

  it('is nobody for a degraded outage, whatever its scope (never Down Time, never an exclusion)', () => {
    expect(reachOf({ kind: 'outage', facts: outage('o', '2026-10-05T10:00:00Z', null, { scope: { kind: 'platform' }, impact: 'degraded' }) })).toEqual(NO_REACH);
  });

  it('is nobody for a maintenance that has not started: it has no run', () => {
    expect(reachOf({ kind: 'maintenance', facts: maintenance('m', ['2026-10-14T01:00:00Z', '2026-10-14T03:00:00Z'], null, ['2026-10-08T09:00:00Z']) })).toEqual(NO_REACH);
  });

  it('keeps an outage with an exclusion cause: its minutes show as excluded', () => {
    expect(reachOf({ kind: 'outage', facts: outage('o', '2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z', { exclusion: 'misuse' }) }).regions).toEqual(['fra']);
  });
});

describe('isOpenSource', () => {
  it('is an unavailable outage without an end, a maintenance started and not completed, an emergency without an end', () => {
    expect(isOpenSource({ kind: 'outage', facts: outage('o', '2026-10-05T10:00:00Z', null) })).toBe(true);
    expect(isOpenSource({ kind: 'outage', facts: outage('o', '2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z') })).toBe(false);
    expect(isOpenSource({ kind: 'outage', facts: outage('o', '2026-10-05T10:00:00Z', null, { impact: 'degraded' }) })).toBe(false);
    const window: [string, string] = ['2026-10-14T01:00:00Z', '2026-10-14T03:00:00Z'];
    expect(isOpenSource({ kind: 'maintenance', facts: maintenance('m', window, ['2026-10-14T01:00:00Z', null], []) })).toBe(true);
    expect(isOpenSource({ kind: 'maintenance', facts: maintenance('m', window, ['2026-10-14T01:00:00Z', '2026-10-14T02:00:00Z'], []) })).toBe(false);
    expect(isOpenSource({ kind: 'maintenance', facts: maintenance('m', window, null, []) })).toBe(false);
    expect(isOpenSource({ kind: 'emergencyMaintenance', facts: emergency('e', '2026-10-05T10:00:00Z', null) })).toBe(true);
    expect(isOpenSource({ kind: 'emergencyMaintenance', facts: emergency('e', '2026-10-05T10:00:00Z', '2026-10-05T10:30:00Z') })).toBe(false);
  });
});

describe('joinReach', () => {
  it('is the union, sorted and without repeats', () => {
    const a: Reach = { platform: false, regions: ['sin', 'fra'], customers: ['globex'] };
    const b: Reach = { platform: false, regions: ['fra'], customers: ['acme', 'globex'] };
    expect(joinReach([a, b])).toEqual({ platform: false, regions: ['fra', 'sin'], customers: ['acme', 'globex'] });
    expect(joinReach([a, { ...NO_REACH, platform: true }]).platform).toBe(true);
    expect(joinReach([])).toEqual(NO_REACH);
  });
});

describe('monthRegions', () => {
  it('holds the regions in force when the month starts and every change before it ends', () => {
    const moving = customer({
      footprint: [
        { from: at('2026-01-01T00:00:00Z'), regions: ['iad'] },
        { from: at('2026-09-15T00:00:00Z'), regions: ['fra'] },
        { from: at('2026-10-20T00:00:00Z'), regions: ['sin', 'par'] },
        { from: at('2026-11-01T00:00:00Z'), regions: ['lon'] },
      ],
    });
    // iad was left before October, lon is only reached in November.
    expect(monthRegions(moving, OCTOBER)).toEqual(['fra', 'par', 'sin']);
  });

  it('starts with the first footprint of a customer who joins during the month', () => {
    expect(monthRegions(customer({ footprint: [{ from: at('2026-10-10T00:00:00Z'), regions: ['sin'] }] }), OCTOBER)).toEqual(['sin']);
  });
});

// The two facts the stored month figures rely on, checked against the computation itself.
const instant = fc.integer({ min: at('2026-09-25T00:00:00Z'), max: at('2026-11-05T00:00:00Z') });
const regionList = fc.subarray(['fra', 'sin', 'par'], { minLength: 1 });
const scope: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant<Scope>({ kind: 'platform' }),
  regionList.map((regions) => ({ kind: 'regions' as const, regions })),
  fc.constantFrom<Scope>({ kind: 'customers', customers: ['acme'] }, { kind: 'customers', customers: ['globex'] }),
);
const end = (start: number) => fc.option(fc.integer({ min: 60, max: 3 * 86_400 }).map((length) => start + length));
const source: fc.Arbitrary<SourceFacts> = fc.oneof(
  fc.record({ start: instant, impact: fc.constantFrom<'unavailable' | 'degraded'>('unavailable', 'unavailable', 'degraded'), scope, excluded: fc.boolean() }).chain((o) =>
    end(o.start).map(
      (endedAt): SourceFacts => ({
        kind: 'outage',
        facts: { id: 'o', scope: o.scope, impact: o.impact, startedAt: o.start, endedAt, exclusion: o.excluded ? 'misuse' : null, eventIds: [] } satisfies OutageFacts,
      }),
    ),
  ),
  fc.record({ start: instant, started: fc.boolean(), early: fc.integer({ min: 0, max: 3600 }), scope, notice: fc.integer({ min: 0, max: 10 * 86_400 }), named: fc.boolean() }).chain((m) =>
    end(m.start).map(
      (completedAt): SourceFacts => ({
        kind: 'maintenance',
        facts: {
          id: 'm',
          scope: m.scope,
          window: { start: m.start, end: m.start + 7200 },
          startedAt: m.started ? m.start - m.early : null,
          completedAt: m.started ? completedAt : null,
          cancelled: false,
          acceptedAsDowntime: false,
          notices: [judgedNotice(m.start - m.notice, m.start, m.named ? ['acme'] : null)],
          eventIds: [],
        } satisfies MaintenanceFacts,
      }),
    ),
  ),
  fc.record({ start: instant, scope }).chain((e) =>
    end(e.start).map((endedAt): SourceFacts => ({ kind: 'emergencyMaintenance', facts: { id: 'e', scope: e.scope, startedAt: e.start, endedAt, eventIds: [] } satisfies EmergencyMaintenanceFacts })),
  ),
);
const subject: fc.Arbitrary<CustomerFacts> = fc
  .record({
    from: fc.constantFrom(at('2026-01-01T00:00:00Z'), at('2026-10-12T00:00:00Z')),
    regions: regionList,
    move: fc.option(fc.record({ at: instant, regions: regionList })),
    leaves: fc.option(fc.integer({ min: at('2026-10-15T00:00:00Z'), max: at('2026-11-10T00:00:00Z') })),
  })
  .map(({ from, regions, move, leaves }) => ({
    id: 'acme',
    subscriptions: [{ from, to: leaves }],
    footprint: [{ from, regions }, ...(move && move.at > from ? [{ from: move.at, regions: move.regions }] : [])],
  }));

function figures(month: string, customerFacts: CustomerFacts, sources: SourceFacts[], now: number) {
  return computeAvailability(
    {
      month,
      customer: customerFacts,
      target: '99.9',
      outages: sources.flatMap((s) => (s.kind === 'outage' ? [s.facts] : [])),
      maintenances: sources.flatMap((s) => (s.kind === 'maintenance' ? [s.facts] : [])),
      emergencies: sources.flatMap((s) => (s.kind === 'emergencyMaintenance' ? [s.facts] : [])),
      now,
      calendar: CALENDAR,
    },
    { explain: false },
  );
}

const reaches = (reach: Reach, c: CustomerFacts, month = OCTOBER) =>
  reach.platform || reach.customers.includes(c.id) || monthRegions(c, month).some((r) => reach.regions.includes(r));

describe('what reach and openness promise the stored figures', () => {
  it('a source that does not reach a customer leaves its figures as they are', () => {
    fc.assert(
      fc.property(subject, fc.array(source, { maxLength: 3 }), source, (c, others, extra) => {
        fc.pre(!reaches(reachOf(extra), c));
        const now = at('2026-11-22T00:00:00Z');
        expect(figures('2026-10', c, [...others, extra], now)).toEqual(figures('2026-10', c, others, now));
      }),
      { numRuns: 400 },
    );
  });

  it('figures no open source reaches do not move with the clock', () => {
    fc.assert(
      fc.property(subject, fc.array(source, { maxLength: 4 }), fc.integer({ min: 1, max: 19 * 86_400 }), (c, sources, later) => {
        fc.pre(!reaches(joinReach(sources.filter(isOpenSource).map(reachOf)), c, NOVEMBER));
        // Two instants after every recorded fact (all are before 2026-11-10), while November is still open.
        const now = at('2026-11-10T00:00:00Z');
        expect(figures('2026-11', c, sources, now + later)).toEqual(figures('2026-11', c, sources, now));
      }),
      { numRuns: 400 },
    );
  });
});
