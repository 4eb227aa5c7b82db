import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Billing } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { requireCustomer } from '../../support/known-customer.js';
import { toInvoiceView, type InvoiceView } from '../billing.view.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { InvoiceResponse } from '../credit.response.js';

export class GetInvoice extends Query<InvoiceView> {
  constructor(readonly customerId: string, readonly invoiceId: string) {
    super();
  }
}

@QueryHandler(GetInvoice)
export class GetInvoiceHandler implements IQueryHandler<GetInvoice> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ customerId, invoiceId }: GetInvoice): Promise<InvoiceView> {
    const entities = await this.readSide.entities();
    await requireCustomer(entities, customerId);
    return toInvoiceView(await entities.get<Billing>('billing', customerId), customerId, invoiceId);
  }
}

@ApiTags('billing')
@Controller('customers')
export class GetInvoiceController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'Read an invoice', description: 'One invoice with its due and payment dates.', ok: InvoiceResponse })
  @Get(':id/invoices/:invoiceId')
  get(@Param('id') id: string, @Param('invoiceId') invoiceId: string) {
    return this.queries.execute(new GetInvoice(id, invoiceId));
  }
}
