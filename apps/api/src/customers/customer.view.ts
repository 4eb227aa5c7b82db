import { isAfter, planAt, type Customer, type Iso } from '#domain';

/** A customer with the plan and regions in force now spelled out, beside their whole histories. */
export interface CustomerView {
  id: string;
  name: string;
  email: string;
  /** The customer's own zone for the times in its notices; null: legal zone and UTC only. */
  timeZone: string | null;
  plan: string;
  regions: string[];
  monthlyFee: Customer['monthlyFee'];
  activeFrom: Iso;
  offboardedAt: Iso | null;
  plans: Customer['plans'];
  footprint: Customer['footprint'];
}

/** Changes may be recorded ahead of their effective instant, so "current" is read at `now`, not from the last entry. */
export function toCustomerView(customer: Customer, now: Iso = new Date().toISOString()): CustomerView {
  const regions = customer.footprint.filter((entry) => !isAfter(entry.from, now)).at(-1) ?? customer.footprint[0]!;
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    timeZone: customer.timeZone ?? null,
    plan: planAt(customer, now),
    regions: regions.regions,
    monthlyFee: customer.monthlyFee,
    activeFrom: customer.activeFrom,
    offboardedAt: customer.offboardedAt,
    plans: customer.plans,
    footprint: customer.footprint,
  };
}
