import { intersect, measure, type Interval } from '../time/intervals.js';
import type { CustomerFacts, Scope } from './model.js';
import { affectedIntervals } from './scope.js';

/**
 * The customers an incident reaches during `run` (R4): subscribed and in its scope at some instant
 * of it, with their footprints as they were then. Ids in the order given.
 */
export function customersReached(customers: readonly CustomerFacts[], scope: Scope, run: Interval): string[] {
  return customers.filter((customer) => measure(intersect(affectedIntervals(customer, scope), [run])) > 0).map((customer) => customer.id);
}
