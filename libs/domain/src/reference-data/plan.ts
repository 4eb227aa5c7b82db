import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';

export type CreditPolicy =
  | { kind: 'pro-rata-downtime' }
  | { kind: 'pro-rata-shortfall' }
  | { kind: 'tiers'; tiers: { below: string; percent: number }[] };

export type SupportHours = 'always' | { timeZone: string; days: number[]; from: string; to: string };

export interface Plan {
  id: string;
  name: string;
  /** Percent as a decimal string ("99.9"): compared exactly, never as a float (R7). */
  availabilityTarget: string;
  creditPolicy: CreditPolicy;
  responseTimeMinutes: number;
  supportHours: SupportHours;
  supportChannels: string[];
}

export type PlanEvent = { type: 'PlanDefined'; data: Plan };
export type PlanCommand = { type: 'DefinePlan'; plan: Plan };
export type PlanState = Plan | null;

export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  initialState: null,
  decide(command, state) {
    if (state) throw new DomainError('conflict', `plan ${command.plan.id} is already defined; plans are not redefined, define a new one`, {}, 'already-exists');
    return [{ type: 'PlanDefined', data: command.plan }];
  },
  evolve(_state, event) {
    return event.data;
  },
};
