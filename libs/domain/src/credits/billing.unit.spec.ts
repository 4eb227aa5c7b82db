import { describe, it } from '@jest/globals';
import { toEpochSeconds } from '../shared/instant.js';
import { specFor } from '../testing/decider-spec.js';
import { billingDecider, type BillingEvent, type CreditAssessmentSnapshot } from './billing.js';

const spec = specFor(billingDecider, { now: '2026-11-10T00:00:00Z' });
const october = { start: toEpochSeconds('2026-10-01T00:00:00Z'), end: toEpochSeconds('2026-11-01T00:00:00Z') };
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const issued: BillingEvent = { type: 'InvoiceIssued', data: { customerId: 'acme', invoiceId: 'inv-10', month: '2026-10', amount: eur(200_000), dueAt: '2026-10-15T00:00:00Z' } };
const claimed: CreditAssessmentSnapshot = { state: 'claimed', contractState: 'claimed', amount: eur(941), reasons: ['AR below target'], lateInvoices: [] };
const decide = (decision: 'grant' | 'deny' | 'applied', assessment = claimed, extra: { reason?: string | null; invoiceId?: string | null } = {}) => ({
  type: 'DecideCredit' as const,
  customerId: 'acme',
  month: '2026-10',
  decision,
  reason: extra.reason ?? null,
  invoiceId: extra.invoiceId ?? null,
  assessment,
});
const granted: BillingEvent = { type: 'CreditGranted', data: { customerId: 'acme', month: '2026-10', amount: eur(941), reason: null, at: '2026-11-10T00:00:00Z' } };

describe('billing rules', () => {
  it('issues an invoice once and records its payment once', () => {
    spec([]).when({ type: 'IssueInvoice', customerId: 'acme', invoiceId: 'inv-10', month: '2026-10', amount: eur(200_000), dueAt: '2026-10-15T00:00:00Z' }).then([issued]);
    spec([issued]).when({ type: 'IssueInvoice', customerId: 'acme', invoiceId: 'inv-10', month: '2026-10', amount: eur(1), dueAt: '2026-10-15T00:00:00Z' }).thenRefused('conflict');
    spec([issued]).when({ type: 'RecordPayment', customerId: 'acme', invoiceId: 'inv-10', paidAt: '2026-10-14T00:00:00Z' }).then([{ type: 'InvoicePaid', data: { customerId: 'acme', invoiceId: 'inv-10', paidAt: '2026-10-14T00:00:00Z' } }]);
    spec([issued, { type: 'InvoicePaid', data: { customerId: 'acme', invoiceId: 'inv-10', paidAt: '2026-10-14T00:00:00Z' } }]).when({ type: 'RecordPayment', customerId: 'acme', invoiceId: 'inv-10', paidAt: '2026-10-15T00:00:00Z' }).thenRefused('conflict', /already paid/);
    spec([]).when({ type: 'RecordPayment', customerId: 'acme', invoiceId: 'nope', paidAt: '2026-10-14T00:00:00Z' }).thenRefused('not-found');
  });

  it('takes one credit request per month, not before the month began', () => {
    const request = { type: 'RequestCredit' as const, customerId: 'acme', month: '2026-10', requestedAt: '2026-11-02T00:00:00Z', monthRange: october };
    spec([]).when(request).then([{ type: 'CreditRequested', data: { customerId: 'acme', month: '2026-10', requestedAt: '2026-11-02T00:00:00Z' } }]);
    spec([{ type: 'CreditRequested', data: { customerId: 'acme', month: '2026-10', requestedAt: '2026-11-02T00:00:00Z' } }]).when(request).thenRefused('conflict', /already requested/);
    spec([]).when({ ...request, requestedAt: '2026-09-30T00:00:00Z' }).thenRefused('rejected', /before 2026-10 began/);
  });

  it('grants a claimed credit with its amount, once', () => {
    spec([issued]).when(decide('grant')).then([granted]);
    spec([issued, granted]).when(decide('grant')).thenRefused('conflict', /already granted/);
  });

  it('refuses a grant that contradicts the contract: a late payment in the month', () => {
    const late: CreditAssessmentSnapshot = { state: 'denied', contractState: 'denied', amount: eur(941), reasons: ['late payment: invoice inv-10 …'], lateInvoices: ['inv-10'] };
    spec([issued]).when(decide('grant', late)).thenRefused('rejected', /would contradict the contract \(§4.3\): invoice inv-10/);
  });

  it('refuses to grant a month that is not claimed or not eligible', () => {
    spec([]).when(decide('grant', { ...claimed, state: 'eligible-unclaimed', contractState: 'eligible-unclaimed', reasons: ['no credit request for 2026-10'] })).thenRefused('rejected', /eligible-unclaimed: no credit request/);
    spec([]).when(decide('grant', { ...claimed, state: 'not-eligible', contractState: 'not-eligible', amount: eur(0), reasons: ['AR not below'] })).thenRefused('rejected');
  });

  it('denies with a reason, and may grant a denied month after all', () => {
    const denied: BillingEvent = { type: 'CreditDenied', data: { customerId: 'acme', month: '2026-10', reason: 'not reproducible', at: '2026-11-10T00:00:00Z' } };
    spec([]).when(decide('deny', claimed, { reason: 'not reproducible' })).then([denied]);
    spec([]).when(decide('deny')).thenRefused('rejected', /needs a reason/);
    spec([denied]).when(decide('grant', { ...claimed, state: 'denied' })).then([granted]);
  });

  it('never grants a denied month that was not claimed: a reversal still needs the report and the request', () => {
    const denied: BillingEvent = { type: 'CreditDenied', data: { customerId: 'acme', month: '2026-10', reason: 'no request', at: '2026-11-10T00:00:00Z' } };
    spec([denied]).when(decide('grant', { ...claimed, state: 'denied', contractState: 'eligible-unclaimed', reasons: ['no credit request for 2026-10'] })).thenRefused('rejected', /while it is eligible-unclaimed/);
  });

  it('applies a granted credit to an existing invoice only', () => {
    spec([issued, granted]).when(decide('applied', claimed, { invoiceId: 'inv-10' })).then([
      { type: 'CreditApplied', data: { customerId: 'acme', month: '2026-10', invoiceId: 'inv-10', amount: eur(941), at: '2026-11-10T00:00:00Z' } },
    ]);
    spec([issued]).when(decide('applied', claimed, { invoiceId: 'inv-10' })).thenRefused('rejected', /must be granted/);
    spec([issued, granted]).when(decide('applied', claimed, { invoiceId: 'inv-99' })).thenRefused('rejected', /inv-99 .* does not exist/);
  });
});
