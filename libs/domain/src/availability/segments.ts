import type { Interval } from '../time/intervals.js';
import type { ReportInterval, ReportSource, SourceKind, Treatment } from './model.js';

/**
 * Cuts the month into the segments that explain the report: wherever a different set of sources
 * is active, a new segment starts, and each segment gets the treatment that the rules give it. The
 * precedence below is the one the excluded breakdown uses, so the segments add up to its figures.
 */

export type Role =
  /** Counts as Down Time unless excluded. */
  | 'counted'
  /** A maintenance run inside its window, announced in time: excluded. */
  | 'scheduled-excluded'
  /** Counts, and is excluded as a whole. */
  | 'emergency'
  /** An outage with an exclusion cause: excluded, cancels nothing. */
  | 'cause';

export interface Contribution {
  role: Role;
  source: ReportSource;
  /** Normalized. */
  intervals: Interval[];
}

function treatmentOf(roles: ReadonlySet<Role>): Treatment {
  if (roles.has('scheduled-excluded')) return 'excluded-scheduled-maintenance';
  if (roles.has('emergency')) return 'excluded-emergency-maintenance';
  if (roles.has('counted')) return 'downtime';
  return 'excluded-cause';
}

const KIND_ORDER: Record<SourceKind, number> = { outage: 0, maintenance: 1, 'emergency-maintenance': 2 };

function compareSources(a: ReportSource, b: ReportSource): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(a.id, b.id) || compareText(a.note, b.note);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether two segments say the same: same treatment, same sources for the same reasons. */
function sameExplanation(a: ReportInterval, b: ReportInterval): boolean {
  return (
    a.treatment === b.treatment &&
    a.sources.length === b.sources.length &&
    a.sources.every((s, k) => s.kind === b.sources[k]!.kind && s.id === b.sources[k]!.id && s.note === b.sources[k]!.note)
  );
}

export function explainSegments(contributions: readonly Contribution[]): ReportInterval[] {
  const boundaries: { t: number; delta: 1 | -1; index: number }[] = [];
  contributions.forEach((c, index) => {
    for (const i of c.intervals) boundaries.push({ t: i.start, delta: 1, index }, { t: i.end, delta: -1, index });
  });
  boundaries.sort((a, b) => a.t - b.t);

  const active = new Set<number>();
  const segments: ReportInterval[] = [];
  for (let k = 0; k < boundaries.length; ) {
    const t = boundaries[k].t;
    for (; k < boundaries.length && boundaries[k].t === t; k++) {
      if (boundaries[k].delta === 1) active.add(boundaries[k].index);
      else active.delete(boundaries[k].index);
    }
    if (active.size === 0 || k === boundaries.length) continue;
    const end = boundaries[k].t;
    const covering = [...active].map((index) => contributions[index]);
    const segment: ReportInterval = {
      start: t,
      end,
      seconds: end - t,
      treatment: treatmentOf(new Set(covering.map((c) => c.role))),
      sources: covering.map((c) => c.source).sort(compareSources),
    };
    const previous = segments[segments.length - 1];
    if (previous !== undefined && previous.end === segment.start && sameExplanation(previous, segment)) {
      segments[segments.length - 1] = { ...previous, end, seconds: end - previous.start };
    } else {
      segments.push(segment);
    }
  }
  return segments;
}
