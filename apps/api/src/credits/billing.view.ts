import { DomainError, type Billing, type Invoice } from '#domain';

export interface InvoiceView extends Invoice {
  customerId: string;
}

export function toInvoiceView(billing: Billing | null, customerId: string, invoiceId: string): InvoiceView {
  const invoice = billing?.invoices.find((i) => i.invoiceId === invoiceId);
  if (!invoice) throw new DomainError('not-found', `invoice ${invoiceId} of customer ${customerId} does not exist`);
  return { customerId, ...invoice };
}
