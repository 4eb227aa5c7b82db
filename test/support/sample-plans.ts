import type { Plan } from '#domain';

/** Three plans of different targets and credit policies, for data sets built without the HTTP API. */
export const SAMPLE_PLANS: readonly Plan[] = [
  {
    id: 'basic',
    name: 'Basic',
    availabilityTarget: '99.5',
    creditPolicy: { kind: 'pro-rata-downtime' },
    responseTimeMinutes: 1440,
    supportHours: { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
    supportChannels: ['email'],
  },
  {
    id: 'pro',
    name: 'Pro',
    availabilityTarget: '99.9',
    creditPolicy: { kind: 'tiers', tiers: [{ below: '99.9', percent: 10 }, { below: '99', percent: 25 }, { below: '95', percent: 100 }] },
    responseTimeMinutes: 240,
    supportHours: { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5, 6], from: '08:00', to: '20:00' },
    supportChannels: ['email', 'phone'],
  },
  {
    id: 'enterprise',
    name: 'Enterprise',
    availabilityTarget: '99.95',
    creditPolicy: { kind: 'pro-rata-shortfall' },
    responseTimeMinutes: 30,
    supportHours: 'always',
    supportChannels: ['email', 'phone', 'chat'],
  },
];
