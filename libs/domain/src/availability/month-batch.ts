import { monthRange, type CalendarConfig } from '../time/calendar.js';
import type { EpochSeconds } from '../time/intervals.js';
import { computeAvailability } from './compute.js';
import type { AvailabilityReport, CustomerFacts, EmergencyMaintenanceFacts, MaintenanceFacts, OutageFacts, Scope } from './model.js';

export interface MonthBatchOptions {
  /** Build each report's explaining intervals (heavy); a month's list does without. */
  explain?: boolean;
}

export interface MonthBatchInput {
  month: string;
  customers: { facts: CustomerFacts; target: string }[];
  outages: OutageFacts[];
  maintenances: MaintenanceFacts[];
  emergencies: EmergencyMaintenanceFacts[];
  now: EpochSeconds;
  calendar: CalendarConfig;
}

/**
 * Every customer's report for one month. Customers whose histories agree over the span the rules
 * look at (from the earliest notice of the month's maintenance to the month's end), on the same
 * target, and who are named by no scope or notice, get the same figures: each such group is
 * computed once. The answer equals computing each customer alone (a property test holds it).
 */
export function computeMonth(input: MonthBatchInput, options: MonthBatchOptions = {}): AvailabilityReport[] {
  const month = monthRange(input.month, input.calendar.billingTimeZone);
  const named = new Set<string>();
  let from = month.start;
  for (const source of [...input.outages, ...input.maintenances, ...input.emergencies]) {
    if (source.scope.kind === 'customers') for (const id of source.scope.customers) named.add(id);
  }
  for (const maintenance of input.maintenances) {
    for (const notice of maintenance.notices) {
      from = Math.min(from, notice.sentAt);
      for (const id of notice.customers ?? []) named.add(id);
    }
  }
  const cache = new Map<string, AvailabilityReport>();
  const relevant = relevantSources(input, named);
  return input.customers.map(({ facts, target }) => {
    const key = named.has(facts.id) ? null : groupKey(facts, target, from, month.end);
    const cached = key === null ? undefined : cache.get(key);
    if (cached) return { ...cached, customerId: facts.id };
    const report = computeAvailability(
      { month: input.month, customer: facts, target, ...relevant(facts), now: input.now, calendar: input.calendar },
      { explain: options.explain ?? false },
    );
    if (key !== null) cache.set(key, report);
    return report;
  });
}

type Sources = Pick<MonthBatchInput, 'outages' | 'maintenances' | 'emergencies'>;

/**
 * Only the sources whose scope can ever reach the customer: the platform, the customer by name, or
 * a region it runs in at some point. The others would intersect to nothing; skipping them is what
 * makes a month of thousands of regional outages cheap per customer.
 */
function relevantSources(input: MonthBatchInput, named: ReadonlySet<string>): (facts: CustomerFacts) => Sources {
  const byRegions = new Map<string, Sources>();
  return (facts) => {
    const regions = new Set(facts.footprint.flatMap((f) => f.regions));
    const key = [...regions].sort().join(',');
    const reaches = (scope: Scope) =>
      scope.kind === 'platform' || (scope.kind === 'customers' && scope.customers.includes(facts.id)) || (scope.kind === 'regions' && scope.regions.some((r) => regions.has(r)));
    // A customer named by some scope gets its own list; the others share one per set of regions.
    const customerScoped = named.has(facts.id);
    const cached = customerScoped ? undefined : byRegions.get(key);
    if (cached) return cached;
    const sources = {
      outages: input.outages.filter((o) => reaches(o.scope)),
      maintenances: input.maintenances.filter((m) => reaches(m.scope)),
      emergencies: input.emergencies.filter((e) => reaches(e.scope)),
    };
    if (!customerScoped) byRegions.set(key, sources);
    return sources;
  };
}

/** The customer's history as the rules see it inside [from, to). */
function groupKey(facts: CustomerFacts, target: string, from: EpochSeconds, to: EpochSeconds): string {
  const subscriptions = facts.subscriptions
    .filter((s) => s.from < to && (s.to === null || s.to > from))
    .map((s) => [Math.max(s.from, from), s.to === null || s.to >= to ? null : s.to]);
  const inForce = facts.footprint.filter((f) => f.from <= from).at(-1);
  const footprint = [
    ...(inForce ? [[from, [...inForce.regions].sort()]] : []),
    ...facts.footprint.filter((f) => f.from > from && f.from < to).map((f) => [f.from, [...f.regions].sort()]),
  ];
  return JSON.stringify([target, subscriptions, footprint]);
}
