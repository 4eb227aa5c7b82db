import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InvalidPercentError, formatRate, isBelowTarget, parsePercent } from './rate.js';

describe('formatRate', () => {
  it('gives 4 decimals, rounded half up', () => {
    expect(formatRate(2_678_400, 12_600)).toBe('99.5296'); // 99.52956…
    expect(formatRate(3200, 1)).toBe('99.9688'); // 99.96875 exactly
    expect(formatRate(3200, 0)).toBe('100.0000');
    expect(formatRate(3200, 3200)).toBe('0.0000');
    expect(formatRate(3, 1)).toBe('66.6667');
    expect(formatRate(3, 1, 0)).toBe('67');
  });

  it('refuses what is not whole seconds or has no Coverage Period', () => {
    expect(() => formatRate(0, 0)).toThrow(RangeError);
    expect(() => formatRate(100, 0.5)).toThrow(RangeError);
    expect(() => formatRate(100, 101)).toThrow(RangeError);
  });
});

describe('parsePercent', () => {
  it('reads decimal percentages exactly', () => {
    expect(parsePercent('99.9')).toEqual({ units: 999n, scale: 1 });
    expect(parsePercent('99.95')).toEqual({ units: 9995n, scale: 2 });
    expect(parsePercent('100')).toEqual({ units: 100n, scale: 0 });
  });

  it.each(['', '99,9', '-1', '1e2', '100.01', '.9', '99.', ' 99.9'])('refuses %p', (input) => {
    expect(() => parsePercent(input)).toThrow(InvalidPercentError);
  });
});

describe('isBelowTarget', () => {
  it('is exact at the boundary', () => {
    expect(isBelowTarget(2_592_000, 2592, '99.9')).toBe(false);
    expect(isBelowTarget(2_592_000, 2593, '99.9')).toBe(true);
    expect(isBelowTarget(10, 0, '100')).toBe(false);
    expect(isBelowTarget(10, 1, '100')).toBe(true);
  });

  it('agrees with exact rational comparison', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_000_000 }), fc.nat(), fc.integer({ min: 0, max: 10_000 }), (cp, d, t) => {
        const dt = d % (cp + 1);
        const target = `${Math.floor(t / 100)}.${String(t % 100).padStart(2, '0')}`;
        // AR < t / 100  ⇔  (cp − dt) · 100 · 100 < t · cp, all in safe integers here.
        expect(isBelowTarget(cp, dt, target)).toBe((cp - dt) * 10_000 < t * cp);
      }),
    );
  });
});
