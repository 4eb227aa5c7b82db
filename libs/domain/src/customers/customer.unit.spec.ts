import { describe, expect, it } from '@jest/globals';
import { foldEvents } from '../shared/decider.js';
import { specFor } from '../testing/decider-spec.js';
import { customerDecider, planAt, type CustomerEvent } from './customer.js';

const spec = specFor(customerDecider, { now: '2026-11-22T00:00:00Z' });
const fee = { amount: 200000, currency: 'EUR' };
const onboarded: CustomerEvent = {
  type: 'CustomerOnboarded',
  data: { customerId: 'acme', name: 'ACME', email: 'ops@acme.example', planId: 'pro', regions: ['fra'], monthlyFee: fee, activeFrom: '2026-10-01T00:00:00Z' },
};
const upgraded: CustomerEvent = { type: 'CustomerPlanChanged', data: { customerId: 'acme', planId: 'premium', effectiveAt: '2026-10-15T00:00:00Z' } };
const moved: CustomerEvent = { type: 'CustomerRegionsChanged', data: { customerId: 'acme', regions: ['fra', 'sin'], effectiveAt: '2026-10-20T00:00:00Z' } };
const offboarded: CustomerEvent = { type: 'CustomerOffboarded', data: { customerId: 'acme', at: '2026-11-01T00:00:00Z' } };

describe('customer rules', () => {
  it('onboards a customer with its plan, footprint and fee', () => {
    spec([]).when({ type: 'OnboardCustomer', ...onboarded.data }).then([onboarded]);
  });

  it('starts both histories at the subscription start', () => {
    expect(foldEvents(customerDecider, [onboarded])).toEqual({
      id: 'acme',
      name: 'ACME',
      email: 'ops@acme.example',
      monthlyFee: fee,
      activeFrom: '2026-10-01T00:00:00Z',
      offboardedAt: null,
      plans: [{ from: '2026-10-01T00:00:00Z', planId: 'pro' }],
      footprint: [{ from: '2026-10-01T00:00:00Z', regions: ['fra'] }],
    });
  });

  it('refuses to onboard the same customer twice (409)', () => {
    spec([onboarded]).when({ type: 'OnboardCustomer', ...onboarded.data }).thenRefused('conflict', /customer acme already exists/);
  });

  it('changes the plan from an instant on', () => {
    spec([onboarded]).when({ type: 'ChangePlan', customerId: 'acme', planId: 'premium', effectiveAt: '2026-10-15T00:00:00Z' }).then([upgraded]);
  });

  it('refuses a change to the plan the customer is already on', () => {
    spec([onboarded]).when({ type: 'ChangePlan', customerId: 'acme', planId: 'pro', effectiveAt: '2026-10-15T00:00:00Z' }).thenRefused('rejected', /already on plan pro/);
  });

  it('refuses a change dated before the last recorded one, so histories stay in order', () => {
    spec([onboarded, upgraded])
      .when({ type: 'ChangePlan', customerId: 'acme', planId: 'basic', effectiveAt: '2026-10-10T00:00:00Z' })
      .thenRefused('rejected', /before the customer's last recorded change \(2026-10-15T00:00:00Z\)/);
    spec([onboarded, moved])
      .when({ type: 'ChangePlan', customerId: 'acme', planId: 'premium', effectiveAt: '2026-10-19T00:00:00Z' })
      .thenRefused('rejected', /recorded in order/);
    spec([onboarded]).when({ type: 'ChangeRegions', customerId: 'acme', regions: ['sin'], effectiveAt: '2026-09-30T00:00:00Z' }).thenRefused('rejected', /recorded in order/);
  });

  it('accepts a change at the very instant of the last one', () => {
    spec([onboarded, upgraded])
      .when({ type: 'ChangeRegions', customerId: 'acme', regions: ['sin'], effectiveAt: '2026-10-15T00:00:00Z' })
      .then([{ type: 'CustomerRegionsChanged', data: { customerId: 'acme', regions: ['sin'], effectiveAt: '2026-10-15T00:00:00Z' } }]);
  });

  it('changes the footprint from an instant on (R4)', () => {
    spec([onboarded]).when({ type: 'ChangeRegions', customerId: 'acme', regions: ['fra', 'sin'], effectiveAt: '2026-10-20T00:00:00Z' }).then([moved]);
    expect(foldEvents(customerDecider, [onboarded, moved])!.footprint).toEqual([
      { from: '2026-10-01T00:00:00Z', regions: ['fra'] },
      { from: '2026-10-20T00:00:00Z', regions: ['fra', 'sin'] },
    ]);
  });

  it('refuses a footprint change that changes nothing, whatever the order of the regions', () => {
    spec([onboarded, moved]).when({ type: 'ChangeRegions', customerId: 'acme', regions: ['sin', 'fra'], effectiveAt: '2026-10-25T00:00:00Z' }).thenRefused('rejected', /already in exactly these regions/);
  });

  it('offboards a customer', () => {
    spec([onboarded, upgraded]).when({ type: 'OffboardCustomer', customerId: 'acme', at: '2026-11-01T00:00:00Z' }).then([offboarded]);
    expect(foldEvents(customerDecider, [onboarded, offboarded])!.offboardedAt).toBe('2026-11-01T00:00:00Z');
  });

  it('refuses an offboarding at or before the subscription start', () => {
    spec([onboarded]).when({ type: 'OffboardCustomer', customerId: 'acme', at: '2026-10-01T00:00:00Z' }).thenRefused('rejected', /must be after the subscription start 2026-10-01T00:00:00Z/);
    spec([onboarded]).when({ type: 'OffboardCustomer', customerId: 'acme', at: '2026-09-01T00:00:00Z' }).thenRefused('rejected', /must be after the subscription start/);
  });

  it('refuses an offboarding before the last recorded change', () => {
    spec([onboarded, moved]).when({ type: 'OffboardCustomer', customerId: 'acme', at: '2026-10-10T00:00:00Z' }).thenRefused('rejected', /last recorded change/);
  });

  it('refuses any change to an offboarded customer (409)', () => {
    const given = [onboarded, offboarded];
    spec(given).when({ type: 'ChangePlan', customerId: 'acme', planId: 'premium', effectiveAt: '2026-11-05T00:00:00Z' }).thenRefused('conflict', /offboarded at 2026-11-01T00:00:00Z/);
    spec(given).when({ type: 'ChangeRegions', customerId: 'acme', regions: ['sin'], effectiveAt: '2026-11-05T00:00:00Z' }).thenRefused('conflict', /offboarded/);
    spec(given).when({ type: 'OffboardCustomer', customerId: 'acme', at: '2026-11-05T00:00:00Z' }).thenRefused('conflict', /offboarded/);
  });

  it('refuses changes to a customer that does not exist (404)', () => {
    spec([]).when({ type: 'ChangePlan', customerId: 'ghost', planId: 'pro', effectiveAt: '2026-10-15T00:00:00Z' }).thenRefused('not-found', /customer ghost does not exist/);
    spec([]).when({ type: 'ChangeRegions', customerId: 'ghost', regions: ['fra'], effectiveAt: '2026-10-15T00:00:00Z' }).thenRefused('not-found', /POST \/customers/);
    spec([]).when({ type: 'OffboardCustomer', customerId: 'ghost', at: '2026-10-15T00:00:00Z' }).thenRefused('not-found', /ghost/);
  });
});

describe('planAt', () => {
  const customer = foldEvents(customerDecider, [onboarded, upgraded])!;

  it('is the first plan from the subscription start until the change', () => {
    expect(planAt(customer, '2026-10-01T00:00:00Z')).toBe('pro');
    expect(planAt(customer, '2026-10-14T23:59:59Z')).toBe('pro');
  });

  it('is the new plan from the instant of the change on', () => {
    expect(planAt(customer, '2026-10-15T00:00:00Z')).toBe('premium');
    expect(planAt(customer, '2027-01-01T00:00:00Z')).toBe('premium');
  });

  it('compares instants, not strings, whatever their offset', () => {
    expect(planAt(customer, '2026-10-15T01:00:00+02:00')).toBe('pro');
    expect(planAt(customer, '2026-10-15T02:00:00+02:00')).toBe('premium');
  });

  it('is the first plan before the subscription starts', () => {
    expect(planAt(customer, '2026-09-01T00:00:00Z')).toBe('pro');
  });
});
