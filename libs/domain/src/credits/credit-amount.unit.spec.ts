import { describe, expect, it } from '@jest/globals';
import { creditAmount } from './credit-amount.js';

const MIN = 60;
const october = { coveragePeriodSeconds: 44_640 * MIN, target: '99.9' };
const tiers = { kind: 'tiers' as const, tiers: [{ below: '99.99', percent: 10 }, { below: '99.0', percent: 30 }, { below: '95.0', percent: 100 }] };

/** DT (seconds) that gives exactly `ar` % over October's 2,678,400 s: DT = CP × (100 − ar) / 100. */
const dtFor = (ar: number) => Math.round((44_640 * MIN * (100 - ar)) / 100);

describe('credit amounts', () => {
  it('pro-rata-downtime: the worked example, 200000 × 210 / 44640 = 940.86 → 941', () => {
    expect(creditAmount({ kind: 'pro-rata-downtime' }, { ...october, downtimeSeconds: 210 * MIN }, 200_000)).toMatchObject({ amount: 941, capped: false });
  });

  it('pro-rata-downtime rounds half up: 1000 × 1 / 8 = 125, 100 × 1/8 = 12.5 → 13', () => {
    const figures = { coveragePeriodSeconds: 8, downtimeSeconds: 1, target: '99.9' };
    expect(creditAmount({ kind: 'pro-rata-downtime' }, figures, 1000).amount).toBe(125);
    expect(creditAmount({ kind: 'pro-rata-downtime' }, figures, 100).amount).toBe(13);
  });

  it('pro-rata-shortfall: AR 99.5296 vs 99.9 → 200000 × 0.370430…/100 = 740.86 → 741', () => {
    // target − AR = 99.9 − 44430/44640 × 100 = 0.3704301… ; × 2000.00 = 740.86
    expect(creditAmount({ kind: 'pro-rata-shortfall' }, { ...october, downtimeSeconds: 210 * MIN }, 200_000).amount).toBe(741);
  });

  it('pro-rata-shortfall gives nothing at or above the target', () => {
    expect(creditAmount({ kind: 'pro-rata-shortfall' }, { ...october, downtimeSeconds: 0 }, 200_000).amount).toBe(0);
  });

  it('tiers are taken literally: exactly 99.0 gives 10 %, exactly 95.0 gives 30 %', () => {
    const at = (ar: number) => creditAmount(tiers, { ...october, downtimeSeconds: dtFor(ar) }, 200_000).amount;
    expect(dtFor(99)).toBe(26_784);
    expect(at(99.995)).toBe(0);
    expect(at(99.5)).toBe(20_000);
    expect(at(99.0)).toBe(20_000);
    expect(creditAmount(tiers, { ...october, downtimeSeconds: dtFor(99) + 1 }, 200_000).amount).toBe(60_000);
    expect(at(95.0)).toBe(60_000);
    expect(creditAmount(tiers, { ...october, downtimeSeconds: dtFor(95) + 1 }, 200_000).amount).toBe(200_000);
  });

  it('never exceeds what is owed for the month (R12)', () => {
    const figures = { ...october, downtimeSeconds: dtFor(94) };
    expect(creditAmount(tiers, figures, 200_000)).toMatchObject({ amount: 200_000, capped: false });
    // A month invoiced at 1,500.00 (a partial month, say) caps a 100 % credit of the 2,000.00 fee.
    expect(creditAmount(tiers, figures, 200_000, 150_000)).toMatchObject({ amount: 150_000, uncapped: 200_000, capped: true });
    expect(creditAmount({ kind: 'pro-rata-downtime' }, { ...october, downtimeSeconds: 210 * MIN }, 200_000, 500)).toMatchObject({ amount: 500, capped: true });
  });
});
