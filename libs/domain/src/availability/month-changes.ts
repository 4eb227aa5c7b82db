import type { Interval } from '../time/intervals.js';
import type { EmergencyMaintenance } from '../maintenance/emergency-maintenance.js';
import type { Maintenance } from '../maintenance/maintenance.js';
import type { Outage } from '../outages/outage.js';
import type { StreamKind } from '../streams.js';
import { emergencyFacts, maintenanceFacts, outageFacts } from './facts.js';
import { isEmptyReach, joinReach, NO_REACH, reachOf, type Reach, type SourceFacts } from './reach.js';

/** An entity's state as the read model keeps it, with the period [from, to) it covers (ISO instants; null: unbounded). */
export interface EntityVersion {
  state: unknown;
  period: { from: string | null; to: string | null };
}

/** One entity a batch of events changed: as it was before (null if new) and after. */
export interface EntityChange {
  kind: StreamKind;
  id: string;
  before: EntityVersion | null;
  after: EntityVersion;
}

/** The kinds of stream whose entities are sources of Down Time or of exclusions. */
export type SourceStreamKind = SourceFacts['kind'];
export const SOURCE_STREAM_KINDS: readonly SourceStreamKind[] = ['outage', 'maintenance', 'emergencyMaintenance'];

export function isSourceStreamKind(kind: StreamKind): kind is SourceStreamKind {
  return (SOURCE_STREAM_KINDS as readonly StreamKind[]).includes(kind);
}

/** A source's facts from its folded state (the state of a stream of that kind). */
export function sourceFactsOf(kind: SourceStreamKind, state: unknown): SourceFacts {
  switch (kind) {
    case 'outage':
      return { kind, facts: outageFacts(state as Outage, []) };
    case 'maintenance':
      return { kind, facts: maintenanceFacts(state as Maintenance, []) };
    case 'emergencyMaintenance':
      return { kind, facts: emergencyFacts(state as EmergencyMaintenance, []) };
  }
}

/** Which stored figures of a month a batch of changes makes wrong: the customers a source reached or reaches, and customers named. */
export interface StaleFigures {
  reach: Reach;
  customers: string[];
}

/**
 * The month's stored figures a batch of changes makes wrong, or null when it leaves all of them
 * true. `month` is the month's [start, end) in epoch seconds.
 *
 * - A customer that changed, if it belongs to the month before or after, has its figure computed again.
 * - A source that changed makes wrong the figures of everyone it reached before and reaches after,
 *   counting only the versions that overlap the month: also while it stays open, since the figures
 *   it reaches are stored with the way they grow with the clock, which the change alters.
 */
export function staleFigures(changes: readonly EntityChange[], month: Interval): StaleFigures | null {
  const overlaps = (version: EntityVersion | null): version is EntityVersion =>
    version !== null &&
    (version.period.from === null || Date.parse(version.period.from) < month.end * 1000) &&
    (version.period.to === null || Date.parse(version.period.to) > month.start * 1000);
  const customers = new Set<string>();
  const reaches: Reach[] = [];
  for (const change of changes) {
    if (change.kind === 'customer') {
      if (overlaps(change.before) || overlaps(change.after)) customers.add(change.id);
      continue;
    }
    if (!isSourceStreamKind(change.kind)) continue;
    const before = overlaps(change.before) ? sourceFactsOf(change.kind, change.before.state) : null;
    const after = overlaps(change.after) ? sourceFactsOf(change.kind, change.after.state) : null;
    reaches.push(before ? reachOf(before) : NO_REACH, after ? reachOf(after) : NO_REACH);
  }
  const reach = joinReach(reaches);
  if (isEmptyReach(reach) && customers.size === 0) return null;
  return { reach, customers: [...customers].sort() };
}
