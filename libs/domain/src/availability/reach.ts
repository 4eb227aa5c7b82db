import type { Interval } from '../time/intervals.js';
import type { CustomerFacts, EmergencyMaintenanceFacts, MaintenanceFacts, OutageFacts } from './model.js';

/**
 * Which customers' figures a source can change, and whether they move with the clock. A month's
 * stored figures are kept true with these two facts: a change to a source recomputes the customers
 * it reaches; a source still open makes the figures it reaches grow with time, so those are
 * computed when read.
 */
export interface Reach {
  /** Every customer. */
  platform: boolean;
  /** Customers with one of these regions in their footprint during the month. */
  regions: string[];
  /** Customers named by the scope or by a notice. */
  customers: string[];
}

export type SourceFacts =
  | { kind: 'outage'; facts: OutageFacts }
  | { kind: 'maintenance'; facts: MaintenanceFacts }
  | { kind: 'emergencyMaintenance'; facts: EmergencyMaintenanceFacts };

export const NO_REACH: Reach = { platform: false, regions: [], customers: [] };

/**
 * The customers whose figures the source can touch at all. A degraded outage never counts and a
 * maintenance that never started has no run: they touch nobody, whatever their scope (their notices
 * only matter once the run exists, and starting it is a change of its own).
 */
export function reachOf(source: SourceFacts): Reach {
  if (source.kind === 'outage' && source.facts.impact !== 'unavailable') return NO_REACH;
  if (source.kind === 'maintenance' && source.facts.startedAt === null) return NO_REACH;
  const { scope } = source.facts;
  const noticed = source.kind === 'maintenance' ? source.facts.notices.flatMap((n) => n.customers ?? []) : [];
  return {
    platform: scope.kind === 'platform',
    regions: scope.kind === 'regions' ? [...scope.regions] : [],
    customers: [...(scope.kind === 'customers' ? scope.customers : []), ...noticed],
  };
}

/** Whether the source's effect still grows with time: an open run counts up to now (R5). */
export function isOpenSource(source: SourceFacts): boolean {
  switch (source.kind) {
    case 'outage':
      return source.facts.impact === 'unavailable' && source.facts.endedAt === null;
    case 'maintenance':
      return source.facts.startedAt !== null && source.facts.completedAt === null;
    case 'emergencyMaintenance':
      return source.facts.endedAt === null;
  }
}

/** All of these reaches as one. */
export function joinReach(reaches: readonly Reach[]): Reach {
  return {
    platform: reaches.some((r) => r.platform),
    regions: [...new Set(reaches.flatMap((r) => r.regions))].sort(),
    customers: [...new Set(reaches.flatMap((r) => r.customers))].sort(),
  };
}

export function isEmptyReach(reach: Reach): boolean {
  return !reach.platform && reach.regions.length === 0 && reach.customers.length === 0;
}

/**
 * Every region the customer has at some instant of the month: those in force when it starts and
 * those of every change before it ends. A source in a region outside this set cannot touch the
 * customer's month.
 */
export function monthRegions(customer: CustomerFacts, month: Interval): string[] {
  const sorted = [...customer.footprint].sort((a, b) => a.from - b.from);
  const atStart = sorted.filter((f) => f.from <= month.start).at(-1);
  const during = sorted.filter((f) => f.from > month.start && f.from < month.end);
  return [...new Set([...(atStart?.regions ?? []), ...during.flatMap((f) => f.regions)])].sort();
}
