import type { Money } from '../customers/customer.js';
import type { CommandContext, Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { toEpochSeconds, type Iso } from '../shared/instant.js';
import type { Interval } from '../time/intervals.js';
import type { CreditState } from './credit-state.js';
import { notInFuture } from '../shared/facts-in-the-past.js';

export interface Invoice {
  invoiceId: string;
  month: string;
  amount: Money;
  dueAt: Iso;
  paidAt: Iso | null;
}

export type CreditDecision =
  | { decision: 'grant'; at: Iso; amount: Money; reason: string | null }
  | { decision: 'deny'; at: Iso; reason: string }
  | { decision: 'applied'; at: Iso; invoiceId: string; amount: Money };

export interface Billing {
  customerId: string;
  invoices: Invoice[];
  /** The first request per month; later ones change nothing. */
  creditRequests: { month: string; requestedAt: Iso }[];
  decisions: ({ month: string } & CreditDecision)[];
}

export type BillingEvent =
  | { type: 'InvoiceIssued'; data: { customerId: string; invoiceId: string; month: string; amount: Money; dueAt: Iso } }
  | { type: 'InvoicePaid'; data: { customerId: string; invoiceId: string; paidAt: Iso } }
  | { type: 'CreditRequested'; data: { customerId: string; month: string; requestedAt: Iso } }
  | { type: 'CreditGranted'; data: { customerId: string; month: string; amount: Money; reason: string | null; at: Iso } }
  | { type: 'CreditDenied'; data: { customerId: string; month: string; reason: string; at: Iso } }
  | { type: 'CreditApplied'; data: { customerId: string; month: string; invoiceId: string; amount: Money; at: Iso } };

/** What the credit read side says of the month when finance decides; the decider checks it. */
export interface CreditAssessmentSnapshot {
  state: CreditState;
  /** The state the contract's conditions give, whatever finance decided before. */
  contractState: CreditState;
  amount: Money;
  reasons: string[];
  lateInvoices: string[];
}

export type BillingCommand =
  | { type: 'IssueInvoice'; customerId: string; invoiceId: string; month: string; amount: Money; dueAt: Iso }
  | { type: 'RecordPayment'; customerId: string; invoiceId: string; paidAt: Iso }
  | { type: 'RequestCredit'; customerId: string; month: string; requestedAt: Iso; monthRange: Interval }
  | { type: 'DecideCredit'; customerId: string; month: string; decision: 'grant' | 'deny' | 'applied'; reason: string | null; invoiceId: string | null; assessment: CreditAssessmentSnapshot };

export type BillingState = Billing | null;


export function lastDecision(billing: Billing | null, month: string) {
  return billing?.decisions.filter((d) => d.month === month).at(-1) ?? null;
}

function decideCredit(command: Extract<BillingCommand, { type: 'DecideCredit' }>, billing: Billing, context: CommandContext): BillingEvent[] {
  const { customerId, month, assessment } = command;
  const last = lastDecision(billing, month);
  switch (command.decision) {
    case 'grant': {
      if (last?.decision === 'grant' || last?.decision === 'applied') throw new DomainError('conflict', `the credit of ${month} was already granted at ${last.at}`);
      const extensions = { state: assessment.state, reasons: assessment.reasons };
      if (assessment.lateInvoices.length > 0) {
        throw new DomainError('rejected', `granting ${month} would contradict the contract (§4.3): invoice ${assessment.lateInvoices.join(', ')} was paid late in that month`, extensions, 'credit-not-grantable');
      }
      // Whatever finance decided before (a denial may be reversed), the contract's conditions decide.
      if (assessment.contractState !== 'claimed') {
        throw new DomainError('rejected', `the credit of ${month} cannot be granted while it is ${assessment.contractState}: ${assessment.reasons.join('; ')}`, extensions, 'credit-not-grantable');
      }
      return [{ type: 'CreditGranted', data: { customerId, month, amount: assessment.amount, reason: command.reason, at: context.now } }];
    }
    case 'deny': {
      if (!command.reason) throw new DomainError('rejected', 'a denial needs a reason the customer can read');
      if (last?.decision === 'applied') throw new DomainError('conflict', `the credit of ${month} was already applied to invoice ${last.invoiceId}`);
      if (assessment.state === 'not-eligible') throw new DomainError('rejected', `${month} is not eligible for a credit: nothing to deny`);
      return [{ type: 'CreditDenied', data: { customerId, month, reason: command.reason, at: context.now } }];
    }
    case 'applied': {
      if (last?.decision !== 'grant') throw new DomainError('rejected', `the credit of ${month} must be granted before it is applied${last ? ` (it is ${last.decision === 'deny' ? 'denied' : 'already applied'})` : ''}`);
      if (!command.invoiceId) throw new DomainError('rejected', 'applying a credit names the invoice it is deducted from (invoiceId)');
      if (!billing.invoices.some((i) => i.invoiceId === command.invoiceId)) throw new DomainError('rejected', `invoice ${command.invoiceId} of customer ${customerId} does not exist`);
      return [{ type: 'CreditApplied', data: { customerId, month, invoiceId: command.invoiceId, amount: last.amount, at: context.now } }];
    }
    default: {
      const never: never = command.decision;
      return never;
    }
  }
}

function decide(command: BillingCommand, state: BillingState, context: CommandContext): BillingEvent[] {
  const billing: Billing = state ?? { customerId: command.customerId, invoices: [], creditRequests: [], decisions: [] };
  switch (command.type) {
    case 'IssueInvoice': {
      if (billing.invoices.some((i) => i.invoiceId === command.invoiceId)) throw new DomainError('conflict', `invoice ${command.invoiceId} already exists`, {}, 'already-exists');
      const { type: _type, ...data } = command;
      return [{ type: 'InvoiceIssued', data }];
    }
    case 'RecordPayment': {
      const invoice = billing.invoices.find((i) => i.invoiceId === command.invoiceId);
      if (!invoice) throw new DomainError('not-found', `invoice ${command.invoiceId} of customer ${command.customerId} does not exist`);
      if (invoice.paidAt) throw new DomainError('conflict', `invoice ${invoice.invoiceId} was already paid at ${invoice.paidAt}`);
      notInFuture('paidAt', command.paidAt, context);
      return [{ type: 'InvoicePaid', data: { customerId: command.customerId, invoiceId: invoice.invoiceId, paidAt: command.paidAt } }];
    }
    case 'RequestCredit': {
      notInFuture('requestedAt', command.requestedAt, context);
      if (toEpochSeconds(command.requestedAt) < command.monthRange.start) {
        throw new DomainError('rejected', `requestedAt ${command.requestedAt} is before ${command.month} began: a credit is requested for a month that has started`, {}, 'out-of-order');
      }
      const existing = billing.creditRequests.find((r) => r.month === command.month);
      if (existing) throw new DomainError('conflict', `a credit for ${command.month} was already requested at ${existing.requestedAt}`, {}, 'already-exists');
      return [{ type: 'CreditRequested', data: { customerId: command.customerId, month: command.month, requestedAt: command.requestedAt } }];
    }
    case 'DecideCredit':
      return decideCredit(command, billing, context);
    default: {
      const never: never = command;
      return never;
    }
  }
}

function evolve(state: BillingState, event: BillingEvent): BillingState {
  const billing: Billing = state ?? { customerId: event.data.customerId, invoices: [], creditRequests: [], decisions: [] };
  switch (event.type) {
    case 'InvoiceIssued': {
      const { customerId: _c, ...invoice } = event.data;
      return { ...billing, invoices: [...billing.invoices, { ...invoice, paidAt: null }] };
    }
    case 'InvoicePaid':
      return { ...billing, invoices: billing.invoices.map((i) => (i.invoiceId === event.data.invoiceId ? { ...i, paidAt: event.data.paidAt } : i)) };
    case 'CreditRequested':
      return { ...billing, creditRequests: [...billing.creditRequests, { month: event.data.month, requestedAt: event.data.requestedAt }] };
    case 'CreditGranted':
      return { ...billing, decisions: [...billing.decisions, { month: event.data.month, decision: 'grant', at: event.data.at, amount: event.data.amount, reason: event.data.reason }] };
    case 'CreditDenied':
      return { ...billing, decisions: [...billing.decisions, { month: event.data.month, decision: 'deny', at: event.data.at, reason: event.data.reason }] };
    case 'CreditApplied':
      return { ...billing, decisions: [...billing.decisions, { month: event.data.month, decision: 'applied', at: event.data.at, invoiceId: event.data.invoiceId, amount: event.data.amount }] };
    default: {
      const never: never = event;
      return never;
    }
  }
}

export const billingDecider: Decider<BillingCommand, BillingEvent, BillingState> = { initialState: null, decide, evolve };
