import { monthRange, type CalendarConfig } from '../time/calendar.js';
import type { EpochSeconds } from '../time/intervals.js';
import { computeAvailability } from './compute.js';
import type { AvailabilityReport, CustomerFacts, EmergencyMaintenanceFacts, MaintenanceFacts, OutageFacts } from './model.js';

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
export function computeMonth(input: MonthBatchInput): AvailabilityReport[] {
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
  return input.customers.map(({ facts, target }) => {
    const key = named.has(facts.id) ? null : groupKey(facts, target, from, month.end);
    const cached = key === null ? undefined : cache.get(key);
    if (cached) return { ...cached, customerId: facts.id };
    const report = computeAvailability({
      month: input.month,
      customer: facts,
      target,
      outages: input.outages,
      maintenances: input.maintenances,
      emergencies: input.emergencies,
      now: input.now,
      calendar: input.calendar,
    });
    if (key !== null) cache.set(key, report);
    return report;
  });
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
