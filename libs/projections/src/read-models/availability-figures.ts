import {
  growthBetween,
  growthHorizon,
  isOpenSource,
  joinReach,
  monthRegions,
  reachOf,
  type SourceFacts,
  monthCalculator,
  customerFacts,
  emergencyFacts,
  fromEpochSeconds,
  maintenanceFacts,
  monthRange,
  outageFacts,
  planAt,
  toEpochSeconds,
  type AvailabilityReport,
  type CalendarConfig,
  type Customer,
  type EmergencyMaintenance,
  type EmergencyMaintenanceFacts,
  type FigureGrowth,
  type Maintenance,
  type MaintenanceFacts,
  type Outage,
  type OutageFacts,
  type Plan,
} from '#domain';
import type { EntitySource } from './entity-source.js';

/** A month's incidents as the rules read them, and the plans that set targets. */
export interface MonthFacts {
  outages: OutageFacts[];
  maintenances: MaintenanceFacts[];
  emergencies: EmergencyMaintenanceFacts[];
  plans: Plan[];
}

/** A customer's report for the month and the plan whose target judged it. */
export interface MonthFigure {
  report: AvailabilityReport;
  planId: string;
}

/** The month in the billing zone, as epoch seconds and as the ISO instants the read model filters on. */
export function monthBounds(month: string, calendar: CalendarConfig) {
  const range = monthRange(month, calendar.billingTimeZone);
  return { ...range, from: fromEpochSeconds(range.start), to: fromEpochSeconds(range.end) };
}

export async function loadMonthFacts(source: EntitySource, month: string, calendar: CalendarConfig): Promise<MonthFacts> {
  const { from, to } = monthBounds(month, calendar);
  // One after the other: inside a transaction the source is a single connection.
  const outages = await source.overlapping<Outage>('outage', from, to);
  const maintenances = await source.overlapping<Maintenance>('maintenance', from, to);
  const emergencies = await source.overlapping<EmergencyMaintenance>('emergencyMaintenance', from, to);
  const plans = await source.all<Plan>('plan');
  return {
    outages: outages.map((row) => outageFacts(row.state, row.eventIds)),
    maintenances: maintenances.map((row) => maintenanceFacts(row.state, row.eventIds)),
    emergencies: emergencies.map((row) => emergencyFacts(row.state, row.eventIds)),
    plans,
  };
}

/** Customers subscribed at some instant of the month, by the read model's period; by id (code units), as a month's list is. */
export async function monthCustomers(source: EntitySource, month: string, calendar: CalendarConfig): Promise<Customer[]> {
  const { from, to } = monthBounds(month, calendar);
  return source.statesOverlapping<Customer>('customer', from, to);
}

type MonthFiguresInput = { month: string; customers: Customer[]; facts: MonthFacts; now: number; calendar: CalendarConfig };

/**
 * The figure of one customer after another for the month, judged against the plan each had when its
 * coverage of the month began. `explain` adds the intervals that made each figure.
 */
export function figureCalculator(input: Omit<MonthFiguresInput, 'customers'>, options: { explain: boolean }): (customer: Customer) => MonthFigure {
  const { month, facts, now, calendar } = input;
  const range = monthBounds(month, calendar);
  const planById = new Map(facts.plans.map((plan) => [plan.id, plan]));
  const calculate = monthCalculator(
    { month, outages: facts.outages, maintenances: facts.maintenances, emergencies: facts.emergencies, now, calendar },
    options,
  );
  return (customer) => {
    const planId = planAt(customer, toEpochSeconds(customer.activeFrom) > range.start ? customer.activeFrom : range.from);
    const plan = planById.get(planId);
    if (!plan) throw new Error(`plan ${planId} of customer ${customer.id} is missing from the read model`);
    return { report: calculate({ facts: customerFacts(customer), target: plan.availabilityTarget }), planId };
  };
}

/** A figure as it is stored: as of one instant, with how it grows with the clock after it (null: it does not). */
export interface StoredFigure extends MonthFigure {
  growth: FigureGrowth | null;
}

/**
 * The figures to store for the month, one customer after another. A customer no source still open
 * reaches has figures that do not move with the clock: those of `now`. For one it reaches, the
 * figure one second after `now`, with the growth seen over the next second and valid until the
 * customer's growth horizon (`growthHorizon`): a read later works it out by the formula instead of
 * computing it again. Only those customers are computed twice.
 */
export function storedFigureCalculator(input: Omit<MonthFiguresInput, 'customers'>): (customer: Customer) => StoredFigure {
  const atNow = figureCalculator(input, { explain: false });
  const { facts } = input;
  const open: SourceFacts[] = [
    ...facts.outages.map((o): SourceFacts => ({ kind: 'outage', facts: o })),
    ...facts.maintenances.map((m): SourceFacts => ({ kind: 'maintenance', facts: m })),
    ...facts.emergencies.map((e): SourceFacts => ({ kind: 'emergencyMaintenance', facts: e })),
  ].filter(isOpenSource);
  if (open.length === 0) return (customer) => ({ ...atNow(customer), growth: null });
  const reach = joinReach(open.map(reachOf));
  const regions = new Set(reach.regions);
  const named = new Set(reach.customers);
  const month = monthBounds(input.month, input.calendar);
  const reached = (customer: Customer) =>
    reach.platform || named.has(customer.id) || monthRegions(customerFacts(customer), month).some((region) => regions.has(region));
  const from = input.now + 1;
  const atFrom = figureCalculator({ ...input, now: from }, { explain: false });
  const secondLater = figureCalculator({ ...input, now: from + 1 }, { explain: false });
  return (customer) => {
    if (!reached(customer)) return { ...atNow(customer), growth: null };
    const base = atFrom(customer);
    const until = growthHorizon(customerFacts(customer), facts, month, from);
    return { ...base, growth: growthBetween(base.report, secondLater(customer).report, from, until, month.end) };
  };
}

/** The figures of these customers for the month, in their order, in one go. */
export function monthFigures(input: MonthFiguresInput, options: { explain: boolean }): MonthFigure[] {
  return input.customers.map(figureCalculator(input, options));
}

/** How long one turn of `monthFiguresInTurns` may hold the event loop, in milliseconds. */
export const TURN_MS = 10;

/** Gives the event loop a turn: requests, timers and probes waiting behind a long computation go first. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `monthFigures`, spread over turns of at most about `TURN_MS` each, so that a whole month of
 * 100,000 customers never holds the process's event loop: the same figures, in the same order.
 */
export function monthFiguresInTurns(input: MonthFiguresInput, options: { explain: boolean }): Promise<MonthFigure[]> {
  return mapInTurns(input.customers, figureCalculator(input, options));
}

/** `items.map(fn)`, giving the event loop a turn whenever about `TURN_MS` have gone by. */
export async function mapInTurns<T, R>(items: readonly T[], fn: (item: T) => R): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let turnStarted = performance.now();
  for (let k = 0; k < items.length; k++) {
    results[k] = fn(items[k]!);
    if ((k & 63) === 63 && performance.now() - turnStarted > TURN_MS) {
      await nextTurn();
      turnStarted = performance.now();
    }
  }
  return results;
}
