import { billingDecider, streams, type BillingCommand } from '#domain';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import type { CommandAnswer } from '../infrastructure/answer.js';
import { toInvoiceView, type InvoiceView } from './billing.view.js';

/** Invoice commands answer with the invoice as it now is. */
export async function runInvoiceCommand(
  runner: CommandRunner,
  command: Extract<BillingCommand, { invoiceId: string }>,
  meta: RequestMeta,
): Promise<CommandAnswer<InvoiceView>> {
  const outcome = await runner.run(streams.billing(command.customerId), billingDecider, command, meta);
  return { view: toInvoiceView(outcome.state, command.customerId, command.invoiceId), position: outcome.position };
}
