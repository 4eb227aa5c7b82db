import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Billing } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { requireCustomer } from '../../support/known-customer.js';
import { toInvoiceView, type InvoiceView } from '../billing.view.js';

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

  @Get(':id/invoices/:invoiceId')
  get(@Param('id') id: string, @Param('invoiceId') invoiceId: string) {
    return this.queries.execute(new GetInvoice(id, invoiceId));
  }
}
