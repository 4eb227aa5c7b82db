import {
  computeMonth,
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
  const customers = (await source.overlapping<Customer>('customer', from, to)).map((row) => row.state);
  return customers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The figures of these customers for the month, judged against the plan each had when its
 * coverage of the month began. `explain` adds the intervals that made each figure.
 */
export function monthFigures(
  input: { month: string; customers: Customer[]; facts: MonthFacts; now: number; calendar: CalendarConfig },
  options: { explain: boolean },
): MonthFigure[] {
  const { month, customers, facts, now, calendar } = input;
  const range = monthBounds(month, calendar);
  const planById = new Map(facts.plans.map((plan) => [plan.id, plan]));
  const planIds = customers.map((customer) => planAt(customer, toEpochSeconds(customer.activeFrom) > range.start ? customer.activeFrom : range.from));
  const reports = computeMonth(
    {
      month,
      customers: customers.map((customer, k) => {
        const plan = planById.get(planIds[k]!);
        if (!plan) throw new Error(`plan ${planIds[k]} of customer ${customer.id} is missing from the read model`);
        return { facts: customerFacts(customer), target: plan.availabilityTarget };
      }),
      outages: facts.outages,
      maintenances: facts.maintenances,
      emergencies: facts.emergencies,
      now,
      calendar,
    },
    options,
  );
  return reports.map((report, k) => ({ report, planId: planIds[k]! }));
}
