import { describe, it } from '@jest/globals';
import { specFor } from '../testing/decider-spec.js';
import { planDecider, type Plan } from './plan.js';

const spec = specFor(planDecider, { now: '2026-10-01T00:00:00Z' });
const pro: Plan = {
  id: 'pro',
  name: 'Pro',
  availabilityTarget: '99.9',
  creditPolicy: { kind: 'tiers', tiers: [{ below: '99.9', percent: 10 }, { below: '99', percent: 25 }] },
  responseTimeMinutes: 240,
  supportHours: { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
  supportChannels: ['email'],
};

describe('plan rules', () => {
  it('defines a plan with everything it says, as data (R10)', () => {
    spec([]).when({ type: 'DefinePlan', plan: pro }).then([{ type: 'PlanDefined', data: pro }]);
  });

  it('refuses to redefine a plan: customers already measured against it would change retroactively', () => {
    spec([{ type: 'PlanDefined', data: pro }])
      .when({ type: 'DefinePlan', plan: { ...pro, availabilityTarget: '99.95' } })
      .thenRefused('conflict', /plan pro is already defined/);
  });

  it('refuses even an identical redefinition', () => {
    spec([{ type: 'PlanDefined', data: pro }]).when({ type: 'DefinePlan', plan: pro }).thenRefused('conflict', /define a new one/);
  });
});
