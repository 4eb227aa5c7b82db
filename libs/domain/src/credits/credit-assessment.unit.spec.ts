import { describe, expect, it } from '@jest/globals';
import { toEpochSeconds } from '../shared/instant.js';
import type { FailureReport } from '../support/failure-reports.js';
import type { Billing, Invoice } from './billing.js';
import { assessCredit, type CreditInput } from './credit-assessment.js';

const october = { start: toEpochSeconds('2026-10-01T00:00:00Z'), end: toEpochSeconds('2026-11-01T00:00:00Z') };
const report = (overrides: Partial<FailureReport> = {}): FailureReport => ({
  reportId: 'r1',
  reportedAt: '2026-10-05T10:20:00Z',
  channel: 'email',
  outageId: null,
  description: 'API down',
  acknowledgedAt: null,
  ...overrides,
});
const invoice = (overrides: Partial<Invoice> = {}): Invoice => ({
  invoiceId: 'inv-10',
  month: '2026-10',
  amount: { amount: 200_000, currency: 'EUR' },
  dueAt: '2026-10-15T00:00:00Z',
  paidAt: '2026-10-10T00:00:00Z',
  ...overrides,
});
const billing = (overrides: Partial<Billing> = {}): Billing => ({
  customerId: 'acme',
  invoices: [invoice()],
  creditRequests: [{ month: '2026-10', requestedAt: '2026-11-02T09:00:00Z' }],
  decisions: [],
  ...overrides,
});

/** The worked example: DT 210 min of 44,640, plan pro, fee 2,000.00 EUR. */
const input = (overrides: Partial<CreditInput> = {}): CreditInput => ({
  month: '2026-10',
  monthRange: october,
  figures: { coveragePeriodSeconds: 44_640 * 60, downtimeSeconds: 210 * 60, availabilityRate: '99.5296', belowTarget: true, target: '99.9', downtimeOutageIds: ['fra-1', 'all-1'] },
  plan: { id: 'pro', creditPolicy: { kind: 'pro-rata-downtime' }, supportChannels: ['email'] },
  monthlyFee: { amount: 200_000, currency: 'EUR' },
  billing: billing(),
  reports: [report()],
  claimDeadlineDays: null,
  ...overrides,
});

describe('credit assessment', () => {
  it('claims the worked example: 941 minor units, reported and requested, nothing late', () => {
    const credit = assessCredit(input());
    expect(credit).toMatchObject({ state: 'claimed', amount: { amount: 941, currency: 'EUR' }, policy: 'pro-rata-downtime', evidence: { reportIds: ['r1'], lateInvoices: [] } });
  });

  it('is not eligible at or above the target', () => {
    const credit = assessCredit(input({ figures: { ...input().figures, belowTarget: false, availabilityRate: '99.9500' } }));
    expect(credit).toMatchObject({ state: 'not-eligible', amount: { amount: 0 } });
    expect(credit.reasons[0]).toMatch(/99.9500 % is not below the target 99.9/);
  });

  it('stays unclaimed without a report through the plan channel, naming the channel not taken into account', () => {
    const credit = assessCredit(input({ reports: [report({ channel: 'phone' })] }));
    expect(credit.state).toBe('eligible-unclaimed');
    expect(credit.reasons.join('\n')).toMatch(/r1 came through phone, outside the plan's support channels \(email\)/);
    expect(credit.reasons.join('\n')).toMatch(/no Service Failure report through the plan's support channels/);
  });

  it('stays unclaimed without a credit request', () => {
    const credit = assessCredit(input({ billing: billing({ creditRequests: [] }) }));
    expect(credit.state).toBe('eligible-unclaimed');
    expect(credit.reasons).toContain('no credit request for 2026-10');
  });

  it('counts a report made after the month when it names an outage of the month', () => {
    expect(assessCredit(input({ reports: [report({ reportedAt: '2026-11-03T00:00:00Z', outageId: 'fra-1' })] })).state).toBe('claimed');
    expect(assessCredit(input({ reports: [report({ reportedAt: '2026-11-03T00:00:00Z' })] })).state).toBe('eligible-unclaimed');
  });

  describe('late payment (§4.3)', () => {
    const lateWith = (overrides: Partial<Invoice>) => assessCredit(input({ billing: billing({ invoices: [invoice(overrides)] }) }));

    it('denies a month in which an invoice was unpaid after its due instant', () => {
      const credit = lateWith({ dueAt: '2026-10-15T00:00:00Z', paidAt: '2026-10-20T00:00:00Z' });
      expect(credit.state).toBe('denied');
      expect(credit.evidence.lateInvoices).toEqual(['inv-10']);
      expect(credit.reasons.join('\n')).toMatch(/late payment: invoice inv-10 was due 2026-10-15T00:00:00Z and paid only at 2026-10-20T00:00:00Z/);
    });

    it('denies when an invoice due before the month is still unpaid when the month starts', () => {
      expect(lateWith({ month: '2026-09', dueAt: '2026-09-15T00:00:00Z', paidAt: '2026-10-01T00:00:01Z' }).state).toBe('denied');
      expect(lateWith({ month: '2026-09', dueAt: '2026-09-15T00:00:00Z', paidAt: null }).state).toBe('denied');
    });

    it('does not deny for lateness that ended exactly as the month began, or began exactly as it ended', () => {
      expect(lateWith({ month: '2026-09', dueAt: '2026-09-15T00:00:00Z', paidAt: '2026-10-01T00:00:00Z' }).state).toBe('claimed');
      expect(lateWith({ dueAt: '2026-11-01T00:00:00Z', paidAt: null }).state).toBe('claimed');
      expect(lateWith({ dueAt: '2026-10-31T23:59:59Z', paidAt: null }).state).toBe('denied');
    });

    it('does not deny a payment made exactly at its due instant', () => {
      expect(lateWith({ dueAt: '2026-10-15T00:00:00Z', paidAt: '2026-10-15T00:00:00Z' }).state).toBe('claimed');
    });
  });

  it('ignores a request after the configured claim deadline, and takes one on its last second', () => {
    const requestAt = (requestedAt: string) => input({ claimDeadlineDays: 30, billing: billing({ creditRequests: [{ month: '2026-10', requestedAt }] }) });
    expect(assessCredit(requestAt('2026-12-01T00:00:00Z')).state).toBe('claimed');
    const late = assessCredit(requestAt('2026-12-01T00:00:01Z'));
    expect(late.state).toBe('eligible-unclaimed');
    expect(late.reasons.join('\n')).toMatch(/after the claim deadline \(30 days after the month\)/);
  });

  it("follows finance's decisions: granted, applied, denied with the reason", () => {
    const granted = billing({ decisions: [{ month: '2026-10', decision: 'grant', at: '2026-11-05T00:00:00Z', amount: { amount: 941, currency: 'EUR' }, reason: null }] });
    expect(assessCredit(input({ billing: granted }))).toMatchObject({ state: 'granted', amount: { amount: 941 } });
    const applied = billing({ decisions: [...granted.decisions, { month: '2026-10', decision: 'applied', at: '2026-11-06T00:00:00Z', invoiceId: 'inv-11', amount: { amount: 941, currency: 'EUR' } }] });
    expect(assessCredit(input({ billing: applied })).state).toBe('applied');
    const denied = billing({ decisions: [{ month: '2026-10', decision: 'deny', at: '2026-11-05T00:00:00Z', reason: 'not reproducible' }] });
    const credit = assessCredit(input({ billing: denied }));
    expect(credit.state).toBe('denied');
    expect(credit.reasons.at(-1)).toMatch(/denied by finance at 2026-11-05T00:00:00Z: not reproducible/);
  });

  it('keeps a granted credit on the books when a later correction lifts the month above target', () => {
    const granted = billing({ decisions: [{ month: '2026-10', decision: 'grant', at: '2026-11-05T00:00:00Z', amount: { amount: 941, currency: 'EUR' }, reason: null }] });
    const credit = assessCredit(input({ billing: granted, figures: { ...input().figures, belowTarget: false, availabilityRate: '99.9500' } }));
    expect(credit).toMatchObject({ state: 'granted', contractState: 'not-eligible', amount: { amount: 941 } });
  });

  it('tells the contract state apart from finance decisions', () => {
    const denied = billing({ creditRequests: [], decisions: [{ month: '2026-10', decision: 'deny', at: '2026-11-05T00:00:00Z', reason: 'no request' }] });
    expect(assessCredit(input({ billing: denied }))).toMatchObject({ state: 'denied', contractState: 'eligible-unclaimed' });
  });

  it('caps the credit at what was invoiced for the month', () => {
    const credit = assessCredit(
      input({
        plan: { id: 'pro', creditPolicy: { kind: 'tiers', tiers: [{ below: '99.9', percent: 100 }] }, supportChannels: ['email'] },
        billing: billing({ invoices: [invoice({ amount: { amount: 50_000, currency: 'EUR' } })] }),
      }),
    );
    expect(credit.amount.amount).toBe(50_000);
    expect(credit.reasons.join('\n')).toMatch(/capped at the 500.00 EUR owed/);
  });
});
