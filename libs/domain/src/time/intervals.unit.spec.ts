import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { clip, contains, intersect, isNormalized, measure, normalize, overlaps, subtract, subtractFromEach, union, type Interval } from './intervals.js';

const i = (start: number, end: number): Interval => ({ start, end });

// Intervals with small integer bounds, including empty and reversed ones, so that every integer
// point of [0, 60) can serve as a brute-force model of the set a list describes.
const anyInterval = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })).map(([a, b]) => i(a, b));
const anyList = fc.array(anyInterval, { maxLength: 12 });
const points = Array.from({ length: 61 }, (_, t) => t);
const inList = (list: readonly Interval[], t: number): boolean => list.some((x) => x.start <= t && t < x.end);

describe('interval algebra, by example', () => {
  it('normalizes by sorting, dropping empty intervals and merging overlapping or touching ones', () => {
    expect(normalize([i(5, 7), i(1, 3), i(3, 4), i(8, 8), i(6, 10), i(12, 11)])).toEqual([i(1, 4), i(5, 10)]);
  });

  it('unions several lists', () => {
    expect(union([i(0, 2)], [i(1, 5)], [i(7, 9)])).toEqual([i(0, 5), i(7, 9)]);
  });

  it('intersects', () => {
    expect(intersect([i(0, 10), i(20, 30)], [i(5, 25), i(28, 40)])).toEqual([i(5, 10), i(20, 25), i(28, 30)]);
    expect(intersect([i(0, 10)], [i(10, 20)])).toEqual([]);
  });

  it('subtracts, keeping the pieces on both sides of a hole', () => {
    expect(subtract([i(0, 10), i(20, 30)], [i(2, 4), i(8, 22), i(29, 50)])).toEqual([i(0, 2), i(4, 8), i(22, 29)]);
    expect(subtract([i(0, 10)], [i(0, 10)])).toEqual([]);
  });

  it('clips to a range and measures seconds, overlaps once', () => {
    expect(clip([i(0, 10), i(15, 30)], i(5, 20))).toEqual([i(5, 10), i(15, 20)]);
    expect(measure([i(0, 10), i(5, 15)])).toBe(15);
    expect(measure([])).toBe(0);
  });

  it('accepts unbounded intervals', () => {
    expect(intersect([i(100, Number.POSITIVE_INFINITY)], [i(0, 150)])).toEqual([i(100, 150)]);
    expect(contains([i(1, 3)], 3)).toBe(false);
    expect(contains([i(1, 3)], 1)).toBe(true);
  });
});

describe('interval algebra, properties', () => {
  it('union, intersection and subtraction give sorted disjoint lists describing the right points', () => {
    fc.assert(
      fc.property(anyList, anyList, (a, b) => {
        const u = union(a, b);
        const n = intersect(a, b);
        const d = subtract(a, b);
        for (const list of [u, n, d]) expect(isNormalized(list)).toBe(true);
        for (const t of points) {
          expect(inList(u, t)).toBe(inList(a, t) || inList(b, t));
          expect(inList(n, t)).toBe(inList(a, t) && inList(b, t));
          expect(inList(d, t)).toBe(inList(a, t) && !inList(b, t));
        }
      }),
    );
  });

  it('measure is never negative and equals the number of whole seconds covered', () => {
    fc.assert(
      fc.property(anyList, (a) => {
        expect(measure(a)).toBeGreaterThanOrEqual(0);
        expect(measure(a)).toBe(points.filter((t) => inList(a, t)).length);
      }),
    );
  });

  it('measure(union) ≤ sum of measures', () => {
    fc.assert(fc.property(anyList, anyList, (a, b) => expect(measure(union(a, b))).toBeLessThanOrEqual(measure(a) + measure(b))));
  });

  it('measure(a − b) = measure(a) − measure(a ∩ b)', () => {
    fc.assert(fc.property(anyList, anyList, (a, b) => expect(measure(subtract(a, b))).toBe(measure(a) - measure(intersect(a, b)))));
  });

  it('two sets overlap exactly when their intersection has an instant', () => {
    fc.assert(fc.property(anyList, anyList, (a, b) => expect(overlaps(a, b)).toBe(intersect(a, b).length > 0)));
    expect(overlaps([i(0, 10)], [i(10, 20)])).toBe(false);
  });

  it('subtracting from each of several lists is subtracting from each alone, whatever b holds before them', () => {
    // Long lists to subtract, so that the bisection skipping b's early intervals has work to do.
    const longList = fc.array(anyInterval, { maxLength: 40 });
    fc.assert(
      fc.property(fc.array(anyList, { maxLength: 5 }), longList, (lists, b) => {
        const each = subtractFromEach(lists, b);
        expect(each).toEqual(lists.map((a) => subtract(a, b)));
        each.forEach((d, k) => {
          for (const t of points) expect(inList(d, t)).toBe(inList(lists[k]!, t) && !inList(b, t));
        });
      }),
    );
  });

  it('union does not depend on the order of its intervals', () => {
    const listAndShuffle = anyList.chain((a) => fc.shuffledSubarray(a, { minLength: a.length, maxLength: a.length }).map((s) => [a, s] as const));
    fc.assert(fc.property(listAndShuffle, ([a, shuffled]) => expect(union(shuffled)).toEqual(union(a))));
  });

  it('clipping never exceeds the range', () => {
    fc.assert(
      fc.property(anyList, anyInterval, (a, range) => {
        const clipped = clip(a, range);
        expect(isNormalized(clipped)).toBe(true);
        expect(measure(clipped)).toBeLessThanOrEqual(Math.max(0, range.end - range.start));
        for (const x of clipped) {
          expect(x.start).toBeGreaterThanOrEqual(range.start);
          expect(x.end).toBeLessThanOrEqual(range.end);
        }
      }),
    );
  });
});
