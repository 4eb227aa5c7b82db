import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Customer } from '#domain';
import type { Page } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { PagingQuery } from '../../shared/paging.dto.js';
import { toCustomerView, type CustomerView } from '../customer.view.js';

export class ListCustomers extends Query<Page<CustomerView>> {
  constructor(readonly paging: PagingQuery) {
    super();
  }
}

@QueryHandler(ListCustomers)
export class ListCustomersHandler implements IQueryHandler<ListCustomers> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ paging }: ListCustomers): Promise<Page<CustomerView>> {
    const page = await (await this.readSide.entities()).page<Customer>('customer', { offset: paging.offset, limit: paging.limit });
    const now = new Date().toISOString();
    return { ...page, items: page.items.map((customer) => toCustomerView(customer, now)) };
  }
}

@ApiTags('customers')
@Controller('customers')
export class ListCustomersController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list(@QueryParams() query: PagingQuery) {
    return this.queries.execute(new ListCustomers(query));
  }
}
