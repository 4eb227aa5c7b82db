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

const KIND_ORDER: Record<SourceKind, number> = { outage: 0, maintenance: 1, emergencyMaintenance: 2 };

function compareSources(a: ReportSource, b: ReportSource): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(a.id, b.id) || compareText(a.note, b.note);
}

/** Code-unit order, as `Array.prototype.sort` orders strings by default. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ROLE_INDEX: Record<Role, number> = { counted: 0, 'scheduled-excluded': 1, emergency: 2, cause: 3 };

/** The rules' precedence over the roles active at an instant, from how many of each are active. */
function treatmentOf(active: Int32Array): Treatment {
  if (active[ROLE_INDEX['scheduled-excluded']]! > 0) return 'excluded-scheduled-maintenance';
  if (active[ROLE_INDEX.emergency]! > 0) return 'excluded-emergency-maintenance';
  if (active[ROLE_INDEX.counted]! > 0) return 'downtime';
  return 'excluded-cause';
}

/**
 * A sweep over the contributions' boundaries. A heavy month has thousands of them, so the sweep
 * keeps to flat arrays: the boundaries sorted by instant, the active contributions as a short list
 * kept in the order their sources are listed, and a count of active roles.
 */
export function explainSegments(contributions: readonly Contribution[]): ReportInterval[] {
  const boundaries = sortedBoundaries(contributions);
  const count = boundaries.length;
  const roles = new Int32Array(4);
  // The active contributions, in the order their sources are listed.
  const active: number[] = [];
  const segments: ReportInterval[] = [];
  for (let k = 0; k < count; ) {
    const t = boundaries.at(k);
    for (; k < count && boundaries.at(k) === t; k++) {
      const index = boundaries.contribution(k);
      const { role, source } = contributions[index]!;
      if (boundaries.opens(k)) {
        let place = active.length;
        while (place > 0 && compareSources(contributions[active[place - 1]!]!.source, source) > 0) place--;
        active.splice(place, 0, index);
        roles[ROLE_INDEX[role]]! += 1;
      } else {
        active.splice(active.indexOf(index), 1);
        roles[ROLE_INDEX[role]]! -= 1;
      }
    }
    if (active.length === 0 || k === count) continue;
    const end = boundaries.at(k);
    const treatment = treatmentOf(roles);
    const previous = segments[segments.length - 1];
    if (previous !== undefined && previous.end === t && previous.treatment === treatment && sameSources(previous.sources, active, contributions)) {
      previous.end = end;
      previous.seconds = end - previous.start;
    } else {
      segments.push({ start: t, end, seconds: end - t, treatment, sources: active.map((index) => contributions[index]!.source) });
    }
  }
  return segments;
}

/** Fewer boundaries than this can share one number with their instant (below). */
const BOUNDARY_SLOTS = 2 ** 21;
/** Instants of whole seconds up to this (the year 2106) leave room for the boundary beside them. */
const PACKED_INSTANTS = 2 ** 32;

/**
 * Every start and end of the contributions, by instant; each boundary knows its contribution and
 * whether it opens it (coded as 2 × contribution + 1 if it opens). Where instants are whole seconds
 * of the years 1970–2106, a boundary's instant and its position k share one float (instant × 2^21 + k,
 * below 2^53, so exact) and a typed array sorts them natively; otherwise they are sorted by
 * comparison. The contributions' intervals must be normalized, as Contribution says: each one then
 * opens and closes once.
 */
function sortedBoundaries(contributions: readonly Contribution[]) {
  const instants: number[] = [];
  const owners: number[] = [];
  contributions.forEach((c, index) => {
    for (const i of c.intervals) {
      instants.push(i.start, i.end);
      owners.push(2 * index + 1, 2 * index);
    }
  });
  const count = instants.length;
  const packable = count < BOUNDARY_SLOTS && instants.every((t) => Number.isInteger(t) && t >= 0 && t < PACKED_INSTANTS);
  const at = new Float64Array(count);
  const code = new Int32Array(count);
  if (packable) {
    const keys = new Float64Array(count);
    for (let k = 0; k < count; k++) keys[k] = instants[k]! * BOUNDARY_SLOTS + k;
    keys.sort();
    for (let k = 0; k < count; k++) {
      const boundary = keys[k]! % BOUNDARY_SLOTS;
      at[k] = (keys[k]! - boundary) / BOUNDARY_SLOTS;
      code[k] = owners[boundary]!;
    }
  } else {
    const order = instants.map((_, k) => k).sort((x, y) => instants[x]! - instants[y]!);
    order.forEach((boundary, k) => {
      at[k] = instants[boundary]!;
      code[k] = owners[boundary]!;
    });
  }
  return {
    length: count,
    at: (k: number) => at[k]!,
    contribution: (k: number) => code[k]! >> 1,
    opens: (k: number) => (code[k]! & 1) === 1,
  };
}

/** Whether a segment's sources say the same as the active contributions': same sources for the same reasons. */
function sameSources(sources: readonly ReportSource[], active: readonly number[], contributions: readonly Contribution[]): boolean {
  if (sources.length !== active.length) return false;
  for (let k = 0; k < active.length; k++) {
    const a = sources[k]!;
    const b = contributions[active[k]!]!.source;
    if (a !== b && (a.kind !== b.kind || a.id !== b.id || a.note !== b.note)) return false;
  }
  return true;
}
