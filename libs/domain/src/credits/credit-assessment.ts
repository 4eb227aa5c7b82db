import type { Money } from '../customers/customer.js';
import { formatMoney } from '../shared/money.js';
import type { CreditPolicy } from '../reference-data/plan.js';
import { toEpochSeconds } from '../shared/instant.js';
import type { FailureReport } from '../support/failure-reports.js';
import type { Interval } from '../time/intervals.js';
import { lastDecision, type Billing } from './billing.js';
import { claimDeadline } from './claim-deadline.js';
import { creditAmount } from './credit-amount.js';
import type { CreditState } from './credit-state.js';

export interface CreditInput {
  month: string;
  monthRange: Interval;
  figures: {
    coveragePeriodSeconds: number;
    downtimeSeconds: number;
    availabilityRate: string | null;
    belowTarget: boolean;
    target: string;
    /** Outages that made Down Time this month: a report naming one of them is about this month. */
    downtimeOutageIds: string[];
  };
  plan: { id: string; creditPolicy: CreditPolicy; supportChannels: string[] };
  monthlyFee: Money;
  billing: Billing | null;
  reports: FailureReport[];
  /** Days after the month's end within which a request counts (configuration; null: no deadline). */
  claimDeadlineDays: number | null;
}

export interface CreditAssessment {
  month: string;
  state: CreditState;
  /** The state from the contract's conditions alone, before finance's decisions. */
  contractState: Exclude<CreditState, 'granted' | 'applied'>;
  /** The credit due under the plan's policy, capped (R11, R12); 0 when not eligible. */
  amount: Money;
  fee: Money;
  owed: Money;
  policy: CreditPolicy['kind'];
  explanation: string;
  reasons: string[];
  evidence: { reportIds: string[]; requestedAt: string | null; lateInvoices: string[]; decision: ReturnType<typeof lastDecision> };
}

/** An invoice is late over [dueAt, paidAt): the customer was late in the month if that meets it (§4.3, R13). */
function lateIn(billing: Billing | null, month: Interval): { invoiceId: string; dueAt: string; paidAt: string | null }[] {
  return (billing?.invoices ?? []).filter((invoice) => {
    const due = toEpochSeconds(invoice.dueAt);
    const paid = invoice.paidAt === null ? Number.POSITIVE_INFINITY : toEpochSeconds(invoice.paidAt);
    return paid > due && due < month.end && paid > month.start;
  });
}

/**
 * Whether a Service Credit is due for a customer-month, how much, in which state and why (R10–R13 in docs/rules.md).
 * Finance's last decision, if any, settles the state; otherwise the contract's conditions do.
 */
export function assessCredit(input: CreditInput): CreditAssessment {
  const { figures, plan, month, monthRange } = input;
  const owedMinor = (input.billing?.invoices ?? []).filter((i) => i.month === month).reduce((sum, i) => sum + i.amount.amount, 0);
  const invoiced = (input.billing?.invoices ?? []).some((i) => i.month === month);
  const fee = input.monthlyFee;
  const owed = { amount: invoiced ? owedMinor : fee.amount, currency: fee.currency };
  const computed = creditAmount(plan.creditPolicy, figures, fee.amount, owed.amount);
  const reasons: string[] = [];

  const deadline = claimDeadline(monthRange.end, input.claimDeadlineDays);
  const monthReports = input.reports.filter((r) => {
    const at = toEpochSeconds(r.reportedAt);
    return (at >= monthRange.start && at < monthRange.end) || (r.outageId !== null && figures.downtimeOutageIds.includes(r.outageId));
  });
  const viaPlan = monthReports.filter((r) => plan.supportChannels.includes(r.channel));
  const request = input.billing?.creditRequests.find((r) => r.month === month) ?? null;
  const requestInTime = request !== null && (deadline === null || toEpochSeconds(request.requestedAt) <= deadline);
  const late = lateIn(input.billing, monthRange);
  const decision = lastDecision(input.billing, month);
  const evidence = { reportIds: viaPlan.map((r) => r.reportId), requestedAt: request?.requestedAt ?? null, lateInvoices: late.map((i) => i.invoiceId), decision };
  const base = { month, fee, owed, policy: plan.creditPolicy.kind, evidence };

  if (!figures.belowTarget) {
    reasons.push(
      figures.availabilityRate === null
        ? `no Coverage Period in ${month}`
        : `AR ${figures.availabilityRate} % is not below the target ${figures.target} % of plan ${plan.id}`,
    );
    const none = { ...base, contractState: 'not-eligible' as const, amount: { amount: 0, currency: fee.currency }, explanation: 'not eligible' };
    // A credit finance already granted stays on the books even if the figures later change.
    if (decision?.decision === 'applied' || decision?.decision === 'grant') {
      const state = decision.decision === 'applied' ? 'applied' : 'granted';
      return { ...none, state, amount: decision.amount, reasons: [...reasons, `${state} by finance at ${decision.at} on the figures of that time`] };
    }
    return { ...none, state: 'not-eligible', reasons };
  }
  reasons.push(`AR ${figures.availabilityRate} % is below the target ${figures.target} % of plan ${plan.id}`);
  if (computed.capped) reasons.push(`capped at the ${formatMoney(owed)} owed for ${month} (§4.3)`);
  const amount = { amount: computed.amount, currency: fee.currency };

  for (const invoice of late) {
    reasons.push(`late payment: invoice ${invoice.invoiceId} was due ${invoice.dueAt} and ${invoice.paidAt ? `paid only at ${invoice.paidAt}` : 'is unpaid'}, so no credit is granted for ${month} (§4.3)`);
  }
  for (const report of monthReports.filter((r) => !plan.supportChannels.includes(r.channel))) {
    reasons.push(`report ${report.reportId} came through ${report.channel}, outside the plan's support channels (${plan.supportChannels.join(', ')}), and is not taken into account (§1)`);
  }
  if (viaPlan.length === 0) reasons.push(`no Service Failure report through the plan's support channels (${plan.supportChannels.join(', ')}) for ${month}`);
  else reasons.push(`Service Failure reported: ${viaPlan.map((r) => `${r.reportId} via ${r.channel} at ${r.reportedAt}`).join(', ')}`);
  if (request === null) reasons.push(`no credit request for ${month}`);
  else if (!requestInTime) reasons.push(`the credit request of ${request.requestedAt} came after the claim deadline (${input.claimDeadlineDays} days after the month)`);
  else reasons.push(`credit requested at ${request.requestedAt}`);

  const contractState = late.length > 0 ? 'denied' : viaPlan.length === 0 || !requestInTime ? 'eligible-unclaimed' : 'claimed';
  const withAmount = { ...base, amount, contractState, explanation: computed.explanation } as const;
  if (decision?.decision === 'applied') return { ...withAmount, amount: decision.amount, state: 'applied', reasons: [...reasons, `applied to invoice ${decision.invoiceId} at ${decision.at}`] };
  if (decision?.decision === 'grant') return { ...withAmount, amount: decision.amount, state: 'granted', reasons: [...reasons, `granted by finance at ${decision.at}`] };
  if (decision?.decision === 'deny') return { ...withAmount, state: 'denied', reasons: [...reasons, `denied by finance at ${decision.at}: ${decision.reason}`] };
  return { ...withAmount, state: contractState, reasons };
}
