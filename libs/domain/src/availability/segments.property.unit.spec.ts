import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { union, type Interval } from '../time/intervals.js';
import type { ReportInterval, ReportSource, Treatment } from './model.js';
import { explainSegments, type Contribution, type Role } from './segments.js';

/**
 * The sweep in explainSegments keeps to flat arrays for speed. This model says the same in the
 * plainest terms: at every instant, the set of active contributions; a segment wherever that set's
 * explanation changes. Both must cut the same segments, with the same treatments and sources.
 */
function model(contributions: readonly Contribution[]): ReportInterval[] {
  const instants = [...new Set(contributions.flatMap((c) => c.intervals.flatMap((i) => [i.start, i.end])))].sort((a, b) => a - b);
  const order: Record<ReportSource['kind'], number> = { outage: 0, maintenance: 1, emergencyMaintenance: 2 };
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const segments: ReportInterval[] = [];
  for (let k = 0; k + 1 < instants.length; k++) {
    const [start, end] = [instants[k]!, instants[k + 1]!];
    const covering = contributions.filter((c) => c.intervals.some((i) => i.start <= start && end <= i.end));
    if (covering.length === 0) continue;
    const roles = new Set(covering.map((c) => c.role));
    const treatment: Treatment = roles.has('scheduled-excluded')
      ? 'excluded-scheduled-maintenance'
      : roles.has('emergency')
        ? 'excluded-emergency-maintenance'
        : roles.has('counted')
          ? 'downtime'
          : 'excluded-cause';
    const sources = covering.map((c) => c.source).sort((a, b) => order[a.kind] - order[b.kind] || text(a.id, b.id) || text(a.note, b.note));
    const previous = segments.at(-1);
    const same =
      previous !== undefined &&
      previous.end === start &&
      previous.treatment === treatment &&
      JSON.stringify(previous.sources) === JSON.stringify(sources);
    if (same) segments[segments.length - 1] = { ...previous, end, seconds: end - previous.start };
    else segments.push({ start, end, seconds: end - start, treatment, sources });
  }
  return segments;
}

const interval: fc.Arbitrary<Interval> = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 15 }))
  .map(([start, length]) => ({ start: start * 60, end: (start + length) * 60 }));

// A small pool of sources, so that contributions share sources (a maintenance's three parts) and instants.
const source: fc.Arbitrary<ReportSource> = fc
  .record({ kind: fc.constantFrom('outage' as const, 'maintenance' as const, 'emergencyMaintenance' as const), id: fc.constantFrom('a', 'b', 'c'), note: fc.constantFrom('x', 'y') })
  .map(({ kind, id, note }) => ({ kind, id, eventIds: [`${kind}-${id}`], note }));

const contribution: fc.Arbitrary<Contribution> = fc.record({
  role: fc.constantFrom<Role>('counted', 'scheduled-excluded', 'emergency', 'cause'),
  source,
  intervals: fc.array(interval, { maxLength: 4 }).map((list) => union(list)),
});

describe('explainSegments', () => {
  it('cuts the segments a plain instant-by-instant reading gives, with the same treatments and sources', () => {
    fc.assert(
      fc.property(fc.array(contribution, { maxLength: 8 }), (contributions) => {
        // Sources equal in kind, id and note are one source: the product never makes two.
        const seen = new Map<string, ReportSource>();
        const distinct = contributions.map((c) => {
          const key = `${c.source.kind}|${c.source.id}|${c.source.note}`;
          if (!seen.has(key)) seen.set(key, c.source);
          return { ...c, source: seen.get(key)! };
        });
        const unique = distinct.filter((c, k) => distinct.findIndex((d) => d.source === c.source) === k);
        expect(explainSegments(unique)).toEqual(model(unique));
        // Instants before 1970 take the sort by comparison rather than the packed one.
        const shifted = unique.map((c) => ({ ...c, intervals: c.intervals.map((i) => ({ start: i.start - 5_000, end: i.end - 5_000 })) }));
        expect(explainSegments(shifted)).toEqual(model(shifted));
      }),
      { numRuns: 500 },
    );
  });

  it('joins touching segments that say the same, and keeps apart those that do not', () => {
    const outage: ReportSource = { kind: 'outage', id: 'o1', eventIds: ['e1'], note: 'unavailable outage' };
    const maintenance: ReportSource = { kind: 'maintenance', id: 'm1', eventIds: ['e2'], note: 'announced window, notice in time (5 working days)' };
    const segments = explainSegments([
      { role: 'counted', source: outage, intervals: [{ start: 0, end: 600 }] },
      { role: 'scheduled-excluded', source: maintenance, intervals: [{ start: 300, end: 900 }] },
    ]);
    expect(segments).toEqual([
      { start: 0, end: 300, seconds: 300, treatment: 'downtime', sources: [outage] },
      { start: 300, end: 600, seconds: 300, treatment: 'excluded-scheduled-maintenance', sources: [outage, maintenance] },
      { start: 600, end: 900, seconds: 300, treatment: 'excluded-scheduled-maintenance', sources: [maintenance] },
    ]);
  });
});
