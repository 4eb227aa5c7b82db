import { describe, expect, it } from '@jest/globals';
import type { Outage } from '../outages/outage.js';
import type { Scope } from '../shared/scope.js';
import { staleFigures, type EntityChange, type EntityVersion } from './month-changes.js';

const OCTOBER = { start: Date.parse('2026-10-01T00:00:00Z') / 1000, end: Date.parse('2026-11-01T00:00:00Z') / 1000 };
const FRA: Scope = { kind: 'regions', regions: ['fra'] };
const SIN: Scope = { kind: 'regions', regions: ['sin'] };

function outage(startedAt: string, endedAt: string | null, scope: Scope = FRA, impact: Outage['impact'] = 'unavailable'): EntityVersion {
  const state: Outage = { id: 'o1', scope, impact, title: 'db', startedAt, endedAt, subProcessor: null, exclusion: null, exclusionReason: null, corrections: 0 };
  return { state, period: { from: startedAt, to: endedAt } };
}
const outageChange = (before: EntityVersion | null, after: EntityVersion): EntityChange => ({ kind: 'outage', id: 'o1', before, after });
const customer = (from: string, to: string | null): EntityVersion => ({ state: { id: 'acme' }, period: { from, to } });

describe('which stored figures of a month a change makes wrong', () => {
  it('an outage that starts makes wrong the figures of everyone it reaches: they now grow with the clock', () => {
    expect(staleFigures([outageChange(null, outage('2026-10-05T10:00:00Z', null))], OCTOBER)).toEqual({ reach: { platform: false, regions: ['fra'], customers: [] }, customers: [] });
  });

  it('an outage that ends makes wrong the figures of everyone it reached', () => {
    const change = outageChange(outage('2026-10-05T10:00:00Z', null), outage('2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z'));
    expect(staleFigures([change], OCTOBER)).toEqual({ reach: { platform: false, regions: ['fra'], customers: [] }, customers: [] });
  });

  it('an open outage corrected to an earlier start makes wrong the figures it reaches: they grow from elsewhere', () => {
    expect(staleFigures([outageChange(outage('2026-10-05T10:00:00Z', null), outage('2026-10-05T09:30:00Z', null))], OCTOBER)?.reach.regions).toEqual(['fra']);
  });

  it('an open outage moved to another region reaches the region it left and the one it now reaches', () => {
    const change = outageChange(outage('2026-10-05T10:00:00Z', null, FRA), outage('2026-10-05T10:00:00Z', null, SIN));
    expect(staleFigures([change], OCTOBER)?.reach).toEqual({ platform: false, regions: ['fra', 'sin'], customers: [] });
  });

  it('a correction that moves an ended outage from one region to another reaches both', () => {
    const change = outageChange(outage('2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z', FRA), outage('2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z', SIN));
    expect(staleFigures([change], OCTOBER)?.reach.regions).toEqual(['fra', 'sin']);
  });

  it('only versions that overlap the month count: an outage of September corrected into October reaches October through its new version alone', () => {
    const september = outage('2026-09-05T10:00:00Z', '2026-09-05T11:00:00Z', FRA);
    expect(staleFigures([outageChange(september, outage('2026-09-05T10:00:00Z', '2026-09-05T11:00:00Z', SIN))], OCTOBER)).toBeNull();
    expect(staleFigures([outageChange(september, outage('2026-09-30T23:00:00Z', '2026-10-01T01:00:00Z', SIN))], OCTOBER)?.reach.regions).toEqual(['sin']);
  });

  it('a degraded outage reaches nobody', () => {
    const change = outageChange(outage('2026-10-05T10:00:00Z', null, FRA, 'degraded'), outage('2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z', FRA, 'degraded'));
    expect(staleFigures([change], OCTOBER)).toBeNull();
  });

  it('a customer that changes is computed again in the months it belongs to, before or after the change', () => {
    const leaves = { kind: 'customer', id: 'acme', before: customer('2026-01-01T00:00:00Z', null), after: customer('2026-01-01T00:00:00Z', '2026-09-15T00:00:00Z') } as const;
    expect(staleFigures([leaves], OCTOBER)).toEqual({ reach: { platform: false, regions: [], customers: [] }, customers: ['acme'] });
    const december = { kind: 'customer', id: 'acme', before: null, after: customer('2026-12-01T00:00:00Z', null) } as const;
    expect(staleFigures([december], OCTOBER)).toBeNull();
  });

  it('a platform-wide outage that ends reaches every customer; changes of plans and regions reach nobody', () => {
    const platform: Scope = { kind: 'platform' };
    const change = outageChange(outage('2026-10-05T10:00:00Z', null, platform), outage('2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z', platform));
    const plan: EntityChange = { kind: 'plan', id: 'pro', before: null, after: { state: {}, period: { from: null, to: null } } };
    expect(staleFigures([plan], OCTOBER)).toBeNull();
    expect(staleFigures([plan, change], OCTOBER)?.reach.platform).toBe(true);
  });
});
