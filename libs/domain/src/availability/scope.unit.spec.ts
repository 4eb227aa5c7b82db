import { describe, expect, it } from '@jest/globals';
import { affectedIntervals, isInScopeAt, isSubscribedAt, regionsAt } from './scope.js';
import type { CustomerFacts } from './model.js';

// Small numbers stand for instants: the rules do not depend on their scale.
const acme: CustomerFacts = {
  id: 'acme',
  subscriptions: [
    { from: 100, to: 500 },
    { from: 800, to: null },
  ],
  footprint: [
    { from: 100, regions: ['fra'] },
    { from: 300, regions: ['fra', 'sin'] },
    { from: 400, regions: ['sin'] },
  ],
};

describe('affectedIntervals (R4)', () => {
  it('is the subscriptions for the whole platform', () => {
    expect(affectedIntervals(acme, { kind: 'platform' })).toEqual([
      { start: 100, end: 500 },
      { start: 800, end: Number.POSITIVE_INFINITY },
    ]);
  });

  it('is the subscriptions for a scope naming the customer, nothing otherwise', () => {
    expect(affectedIntervals(acme, { kind: 'customers', customers: ['globex', 'acme'] })).toEqual(affectedIntervals(acme, { kind: 'platform' }));
    expect(affectedIntervals(acme, { kind: 'customers', customers: ['globex'] })).toEqual([]);
  });

  it('follows the footprint through time for a region scope, within the subscriptions', () => {
    expect(affectedIntervals(acme, { kind: 'regions', regions: ['fra'] })).toEqual([{ start: 100, end: 400 }]);
    expect(affectedIntervals(acme, { kind: 'regions', regions: ['sin'] })).toEqual([
      { start: 300, end: 500 },
      { start: 800, end: Number.POSITIVE_INFINITY },
    ]);
    expect(affectedIntervals(acme, { kind: 'regions', regions: ['fra', 'sin'] })).toEqual(affectedIntervals(acme, { kind: 'platform' }));
    expect(affectedIntervals(acme, { kind: 'regions', regions: ['iad'] })).toEqual([]);
  });

  it('does not depend on the order the footprint is given in', () => {
    const shuffled = { ...acme, footprint: [...acme.footprint].reverse() };
    expect(affectedIntervals(shuffled, { kind: 'regions', regions: ['fra'] })).toEqual([{ start: 100, end: 400 }]);
  });
});

describe('isInScopeAt', () => {
  it('reads the footprint at the instant', () => {
    expect(regionsAt(acme, 50)).toEqual([]);
    expect(regionsAt(acme, 300)).toEqual(['fra', 'sin']);
    expect(isInScopeAt(acme, { kind: 'regions', regions: ['fra'] }, 399)).toBe(true);
    expect(isInScopeAt(acme, { kind: 'regions', regions: ['fra'] }, 400)).toBe(false);
    expect(isInScopeAt(acme, { kind: 'platform' }, 0)).toBe(true);
    expect(isInScopeAt(acme, { kind: 'customers', customers: ['acme'] }, 0)).toBe(true);
  });

  it('leaves the subscription to isSubscribedAt', () => {
    expect(isSubscribedAt(acme, 500)).toBe(false);
    expect(isSubscribedAt(acme, 499)).toBe(true);
    expect(isSubscribedAt(acme, 10_000)).toBe(true);
  });
});
