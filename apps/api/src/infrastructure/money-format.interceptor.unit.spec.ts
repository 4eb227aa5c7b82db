import { describe, expect, it } from '@jest/globals';
import { addFormattedMoney } from './money-format.interceptor.js';

describe('addFormattedMoney', () => {
  it('adds formatted beside every money, in objects and arrays, and leaves the rest as it was', () => {
    const fee = { amount: 200_000, currency: 'EUR' };
    const figures = { customerId: 'c1', downtimeMinutes: 43, excludedMinutes: { scheduledMaintenance: 0 } };
    const answer = { items: [{ id: 'a', fee, figures }, { id: 'b', credits: [{ amount: 5_050, currency: 'EUR' }] }], total: 2 };
    const before = structuredClone(answer);

    const out = addFormattedMoney(answer) as any;

    expect(out).toEqual({
      items: [
        { id: 'a', fee: { amount: 200_000, currency: 'EUR', formatted: '2,000.00 EUR' }, figures },
        { id: 'b', credits: [{ amount: 5_050, currency: 'EUR', formatted: '50.50 EUR' }] },
      ],
      total: 2,
    });
    // Never changed in place: a cached view stays as it was.
    expect(answer).toEqual(before);
    // What holds no money is passed on, not copied.
    expect(out.items[0].figures).toBe(figures);
  });

  it('passes on an answer without money as it is', () => {
    const page = { items: Array.from({ length: 3 }, (_, k) => ({ customerId: `c${k}`, excludedMinutes: { exclusions: k } })), total: 3 };
    expect(addFormattedMoney(page)).toBe(page);
  });

  it('never rewrites event data or metadata, nor a money already formatted', () => {
    const event = { type: 'CustomerOnboarded', data: { monthlyFee: { amount: 100, currency: 'EUR' } }, metadata: { fee: { amount: 1, currency: 'EUR' } } };
    expect(addFormattedMoney(event)).toBe(event);
    const done = { amount: 100, currency: 'EUR', formatted: '1.00 EUR' };
    expect(addFormattedMoney(done)).toBe(done);
  });
});
