import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromEpochSeconds, recordedUpTo, toEpochSeconds } from './instant.js';

/** Epoch seconds of 0001-01-01T00:00:00Z and of 9999-12-31T23:59:59Z. */
const YEAR_ONE = -62_135_596_800;
const YEAR_9999_END = 253_402_300_799;

describe('fromEpochSeconds', () => {
  it('writes whole seconds as ISO-8601 in UTC without milliseconds', () => {
    expect(fromEpochSeconds(0)).toBe('1970-01-01T00:00:00Z');
    expect(fromEpochSeconds(-1)).toBe('1969-12-31T23:59:59Z');
    expect(fromEpochSeconds(1_793_491_200)).toBe('2026-11-01T00:00:00Z');
    expect(fromEpochSeconds(1_772_323_199)).toBe('2026-02-28T23:59:59Z');
    expect(fromEpochSeconds(951_825_600)).toBe('2000-02-29T12:00:00Z');
    expect(fromEpochSeconds(YEAR_ONE)).toBe('0001-01-01T00:00:00Z');
    expect(fromEpochSeconds(YEAR_9999_END)).toBe('9999-12-31T23:59:59Z');
    expect(fromEpochSeconds(1.5)).toBe('1970-01-01T00:00:01.500Z');
  });

  it('agrees with Date for every whole second of years 1 to 9999, and reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: YEAR_ONE, max: YEAR_9999_END }), (seconds) => {
        const iso = fromEpochSeconds(seconds);
        expect(iso).toBe(new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'));
        expect(toEpochSeconds(iso)).toBe(seconds);
      }),
      { numRuns: 5_000 },
    );
  });

  it('fails on what is not an instant, as Date does', () => {
    expect(() => fromEpochSeconds(Number.NaN)).toThrow(RangeError);
    expect(() => fromEpochSeconds(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('recordedUpTo', () => {
  it('covers the whole second, tenth, minute or millisecond the caller wrote', () => {
    expect(recordedUpTo('2026-10-05T12:00:00Z')).toBe('2026-10-05T12:00:00.999Z');
    expect(recordedUpTo('2026-10-05T14:00:00+02:00')).toBe('2026-10-05T12:00:00.999Z');
    expect(recordedUpTo('2026-10-05T12:00:00.4Z')).toBe('2026-10-05T12:00:00.499Z');
    expect(recordedUpTo('2026-10-05T12:00:00.400Z')).toBe('2026-10-05T12:00:00.400Z');
    expect(recordedUpTo('2026-10-05T12:00:00.400999Z')).toBe('2026-10-05T12:00:00.400Z');
    expect(recordedUpTo('2026-10-05T12:00Z')).toBe('2026-10-05T12:00:59.999Z');
  });
});
