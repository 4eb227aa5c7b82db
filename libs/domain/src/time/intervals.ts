/**
 * Interval algebra on sets of instants.
 *
 * Instants are integer epoch seconds; an interval is half-open [start, end), so two intervals that
 * touch ([a, b) and [b, c)) share no instant and merge into one. A set of instants is represented
 * as a sorted list of disjoint, non-touching, non-empty intervals (a "normalized" list). Every
 * operation accepts any list (unsorted, overlapping, with empty intervals) and returns a normalized
 * one, so callers never need to know whether their input was already normalized. Intervals are
 * read-only: a result may hold the very interval objects of its inputs where they come out whole,
 * which spares a month's figures most of their allocations.
 */

export type EpochSeconds = number;

export interface Interval {
  readonly start: EpochSeconds;
  readonly end: EpochSeconds;
}

/** An open-ended fact (an ongoing subscription, the last footprint) runs until this bound. */
export const FOREVER: EpochSeconds = Number.POSITIVE_INFINITY;

export function interval(start: EpochSeconds, end: EpochSeconds): Interval {
  return { start, end };
}

export function isEmpty(i: Interval): boolean {
  return !(i.start < i.end);
}

export function isNormalized(list: readonly Interval[]): boolean {
  for (let k = 0; k < list.length; k++) {
    if (isEmpty(list[k])) return false;
    if (k > 0 && list[k - 1].end >= list[k].start) return false;
  }
  return true;
}

/** Sorts, drops empty intervals and merges overlapping or touching ones. */
export function normalize(list: readonly Interval[]): Interval[] {
  // Intervals are read-only: a new list of the same intervals, not copies of each.
  if (isNormalized(list)) return list.slice();
  return merged(list);
}

/** For reading only: the list itself when it is already normalized, which is most of the time. */
function normalized(list: readonly Interval[]): readonly Interval[] {
  return isNormalized(list) ? list : merged(list);
}

function merged(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => !isEmpty(i)).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && i.start <= last.end) {
      if (i.end > last.end) out[out.length - 1] = { start: last.start, end: i.end };
    } else {
      // Intervals are read-only: one that stays as it is can be shared rather than copied.
      out.push(i);
    }
  }
  return out;
}

export function union(...lists: readonly (readonly Interval[])[]): Interval[] {
  if (lists.length === 1) return normalize(lists[0]!);
  // A plain loop: Array.prototype.flat over the hundreds of lists of a month took most of union's time.
  const all: Interval[] = [];
  for (const list of lists) for (const i of list) all.push(i);
  return normalize(all);
}

export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const x = normalized(a);
  const y = normalized(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const start = Math.max(x[i].start, y[j].start);
    const end = Math.min(x[i].end, y[j].end);
    // A piece that is one of the inputs' intervals whole is shared, not copied (intervals are read-only):
    // clipping a month's instants to a coverage keeps most of them as they are.
    if (start < end) out.push(start === x[i].start && end === x[i].end ? x[i] : start === y[j].start && end === y[j].end ? y[j] : { start, end });
    if (x[i].end < y[j].end) i++;
    else j++;
  }
  return out;
}

/** The instants of `a` that are not in `b`. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return subtractNormalized(normalized(a), normalized(b));
}

/** The instants of each list that are not in `b`, with `b` normalized once for all of them. */
export function subtractFromEach(lists: readonly (readonly Interval[])[], b: readonly Interval[]): Interval[][] {
  const y = normalized(b);
  return lists.map((a) => subtractNormalized(normalized(a), y));
}

function subtractNormalized(x: readonly Interval[], y: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  // The intervals of y that end before x starts touch none of x: skipped by bisection, since a
  // short list is often taken from a long one.
  let j = x.length === 0 ? 0 : firstEndingAfter(y, x[0].start);
  for (const i of x) {
    let cursor = i.start;
    // Intervals of y that end before this one starts cannot touch any later interval of x either.
    while (j < y.length && y[j].end <= cursor) j++;
    let k = j;
    while (k < y.length && y[k].start < i.end) {
      if (y[k].start > cursor) out.push({ start: cursor, end: y[k].start });
      cursor = Math.max(cursor, y[k].end);
      if (cursor >= i.end) break;
      k++;
    }
    if (cursor < i.end) out.push(cursor === i.start ? i : { start: cursor, end: i.end });
  }
  return out;
}

/** The index of the first interval of a normalized list that ends after `t` (its length if none). */
function firstEndingAfter(list: readonly Interval[], t: EpochSeconds): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle].end <= t) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether the two sets share an instant: intersect(a, b) is not empty, found without making it. */
export function overlaps(a: readonly Interval[], b: readonly Interval[]): boolean {
  const x = normalized(a);
  const y = normalized(b);
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (Math.max(x[i].start, y[j].start) < Math.min(x[i].end, y[j].end)) return true;
    if (x[i].end < y[j].end) i++;
    else j++;
  }
  return false;
}

export function clip(list: readonly Interval[], range: Interval): Interval[] {
  return intersect(list, [range]);
}

/** Total length in seconds of the set the list describes (overlaps counted once). */
export function measure(list: readonly Interval[]): number {
  let total = 0;
  for (const i of normalized(list)) total += i.end - i.start;
  return total;
}

export function contains(list: readonly Interval[], t: EpochSeconds): boolean {
  return list.some((i) => i.start <= t && t < i.end);
}
