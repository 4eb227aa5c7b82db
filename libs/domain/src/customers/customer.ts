import type { CommandContext, Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { isAfter, type Iso } from '../shared/instant.js';

export interface Money {
  /** Integer minor units (cents for EUR). */
  amount: number;
  currency: string;
}

export interface Customer {
  id: string;
  name: string;
  email: string;
  /** The customer's own IANA zone, for the times in its notices; absent when it set none. */
  timeZone?: string | null;
  monthlyFee: Money;
  activeFrom: Iso;
  offboardedAt: Iso | null;
  /** Each entry holds from its instant until the next one. */
  plans: { from: Iso; planId: string }[];
  footprint: { from: Iso; regions: string[] }[];
}

export type CustomerEvent =
  | { type: 'CustomerOnboarded'; data: { customerId: string; name: string; email: string; timeZone?: string; planId: string; regions: string[]; monthlyFee: Money; activeFrom: Iso } }
  | { type: 'CustomerPlanChanged'; data: { customerId: string; planId: string; effectiveAt: Iso } }
  | { type: 'CustomerRegionsChanged'; data: { customerId: string; regions: string[]; effectiveAt: Iso } }
  | { type: 'CustomerOffboarded'; data: { customerId: string; at: Iso } };

export type CustomerCommand =
  | { type: 'OnboardCustomer'; customerId: string; name: string; email: string; timeZone?: string; planId: string; regions: string[]; monthlyFee: Money; activeFrom: Iso }
  | { type: 'ChangePlan'; customerId: string; planId: string; effectiveAt: Iso }
  | { type: 'ChangeRegions'; customerId: string; regions: string[]; effectiveAt: Iso }
  | { type: 'OffboardCustomer'; customerId: string; at: Iso };

export type CustomerState = Customer | null;

function active(state: CustomerState, customerId: string): Customer {
  if (!state) throw new DomainError('not-found', `customer ${customerId} does not exist; onboard it with POST /customers`);
  if (state.offboardedAt) throw new DomainError('conflict', `customer ${customerId} was offboarded at ${state.offboardedAt}`);
  return state;
}

/** Histories are kept in order so that "the footprint at t" is a simple lookup. */
function afterLastChange(customer: Customer, at: Iso, field: string): void {
  const last = [customer.activeFrom, ...customer.plans.map((p) => p.from), ...customer.footprint.map((f) => f.from)].reduce((a, b) => (isAfter(b, a) ? b : a));
  if (!isAfter(at, last) && at !== last) {
    throw new DomainError('rejected', `${field} ${at} is before the customer's last recorded change (${last}); changes are recorded in order`, {}, 'out-of-order');
  }
}

function decide(command: CustomerCommand, state: CustomerState, _context: CommandContext): CustomerEvent[] {
  switch (command.type) {
    case 'OnboardCustomer': {
      if (state) throw new DomainError('conflict', `customer ${command.customerId} already exists`, {}, 'already-exists');
      const { type: _type, ...data } = command;
      return [{ type: 'CustomerOnboarded', data }];
    }
    case 'ChangePlan': {
      const customer = active(state, command.customerId);
      afterLastChange(customer, command.effectiveAt, 'effectiveAt');
      if (customer.plans.at(-1)!.planId === command.planId) throw new DomainError('rejected', `customer ${customer.id} is already on plan ${command.planId}`, {}, 'no-change');
      return [{ type: 'CustomerPlanChanged', data: { customerId: customer.id, planId: command.planId, effectiveAt: command.effectiveAt } }];
    }
    case 'ChangeRegions': {
      const customer = active(state, command.customerId);
      afterLastChange(customer, command.effectiveAt, 'effectiveAt');
      const current = [...customer.footprint.at(-1)!.regions].sort().join(',');
      if (current === [...command.regions].sort().join(',')) throw new DomainError('rejected', `customer ${customer.id} is already in exactly these regions`, {}, 'no-change');
      return [{ type: 'CustomerRegionsChanged', data: { customerId: customer.id, regions: command.regions, effectiveAt: command.effectiveAt } }];
    }
    case 'OffboardCustomer': {
      const customer = active(state, command.customerId);
      if (!isAfter(command.at, customer.activeFrom)) throw new DomainError('rejected', `at ${command.at} must be after the subscription start ${customer.activeFrom}`, {}, 'end-before-start');
      afterLastChange(customer, command.at, 'at');
      return [{ type: 'CustomerOffboarded', data: { customerId: customer.id, at: command.at } }];
    }
    default: {
      const never: never = command;
      return never;
    }
  }
}

function evolve(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case 'CustomerOnboarded': {
      const { customerId, planId, regions, activeFrom, ...rest } = event.data;
      return { id: customerId, ...rest, activeFrom, offboardedAt: null, plans: [{ from: activeFrom, planId }], footprint: [{ from: activeFrom, regions }] };
    }
    case 'CustomerPlanChanged':
      return state && { ...state, plans: [...state.plans, { from: event.data.effectiveAt, planId: event.data.planId }] };
    case 'CustomerRegionsChanged':
      return state && { ...state, footprint: [...state.footprint, { from: event.data.effectiveAt, regions: event.data.regions }] };
    case 'CustomerOffboarded':
      return state && { ...state, offboardedAt: event.data.at };
    default: {
      const never: never = event;
      return never;
    }
  }
}

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = { initialState: null, decide, evolve };

/** The plan in force at an instant (the last change at or before it). */
export function planAt(customer: Customer, at: Iso): string {
  let planId = customer.plans[0]!.planId;
  for (const entry of customer.plans) if (!isAfter(entry.from, at)) planId = entry.planId;
  return planId;
}
