import { billingDecider, DomainError, streams, type Billing, type BillingCommand, type Invoice } from '#domain';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import type { CommandAnswer } from '../infrastructure/answer.js';

export interface InvoiceView extends Invoice {
  customerId: string;
}

export function toInvoiceView(billing: Billing | null, customerId: string, invoiceId: string): InvoiceView {
  const invoice = billing?.invoices.find((i) => i.invoiceId === invoiceId);
  if (!invoice) throw new DomainError('not-found', `invoice ${invoiceId} of customer ${customerId} does not exist`);
  return { customerId, ...invoice };
}

/** Invoice commands answer with the invoice as it now is. */
export async function runInvoiceCommand(
  runner: CommandRunner,
  command: Extract<BillingCommand, { invoiceId: string }>,
  meta: RequestMeta,
): Promise<CommandAnswer<InvoiceView>> {
  const outcome = await runner.run(streams.billing(command.customerId), billingDecider, command, meta);
  return { view: toInvoiceView(outcome.state, command.customerId, command.invoiceId), position: outcome.position };
}
