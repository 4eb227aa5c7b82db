import { FOREVER, intersect, normalize, type EpochSeconds, type Interval } from '../time/intervals.js';
import type { CustomerFacts, Scope } from './model.js';

/**
 * Who an outage or a maintenance touches (R4). A region scope follows the customer's footprint as
 * it was at each instant, so a customer who moves into a region mid-outage is affected from the
 * move on, and one who leaves it stops being affected.
 */

export function subscriptionIntervals(customer: CustomerFacts): Interval[] {
  return normalize(customer.subscriptions.map((s) => ({ start: s.from, end: s.to ?? FOREVER })));
}

export function isSubscribedAt(customer: CustomerFacts, t: EpochSeconds): boolean {
  return customer.subscriptions.some((s) => s.from <= t && (s.to === null || t < s.to));
}

function sortedFootprint(customer: CustomerFacts): CustomerFacts['footprint'] {
  return [...customer.footprint].sort((a, b) => a.from - b.from);
}

/** The customer's regions at `t`: those of the last footprint entry starting at or before `t`. */
export function regionsAt(customer: CustomerFacts, t: EpochSeconds): string[] {
  let regions: string[] = [];
  for (const entry of sortedFootprint(customer)) {
    if (entry.from > t) break;
    regions = entry.regions;
  }
  return regions;
}

/** Whether the scope names the customer at `t`, regardless of its subscription (see isSubscribedAt). */
export function isInScopeAt(customer: CustomerFacts, scope: Scope, t: EpochSeconds): boolean {
  switch (scope.kind) {
    case 'platform':
      return true;
    case 'customers':
      return scope.customers.includes(customer.id);
    case 'regions': {
      const regions = regionsAt(customer, t);
      return scope.regions.some((r) => regions.includes(r));
    }
  }
}

/** The instants at which the scope affects the subscribed customer. */
export function affectedIntervals(customer: CustomerFacts, scope: Scope): Interval[] {
  const subscribed = subscriptionIntervals(customer);
  switch (scope.kind) {
    case 'platform':
      return subscribed;
    case 'customers':
      return scope.customers.includes(customer.id) ? subscribed : [];
    case 'regions': {
      const wanted = new Set(scope.regions);
      const footprint = sortedFootprint(customer);
      const inRegion: Interval[] = [];
      footprint.forEach((entry, k) => {
        if (entry.regions.some((r) => wanted.has(r))) {
          inRegion.push({ start: entry.from, end: footprint[k + 1]?.from ?? FOREVER });
        }
      });
      return intersect(inRegion, subscribed);
    }
  }
}
