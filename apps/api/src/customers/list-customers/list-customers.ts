import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Customer } from '#domain';
import type { Page } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { PagingQuery } from '../../shared/paging.dto.js';
import { Optional } from '../../shared/validators.js';
import { toCustomerView, type CustomerView } from '../customer.view.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { CustomerPage } from '../customer.response.js';

export class CustomerListQuery extends PagingQuery {
  @ApiProperty({ required: false, description: 'Only customers whose id, name or email contains this text (any case)', minLength: 1, maxLength: 100 })
  @Optional()
  @IsString({ message: 'search must be text' })
  @Length(1, 100, { message: 'search must be 1 to 100 characters' })
  search?: string;
}

export class ListCustomers extends Query<Page<CustomerView>> {
  constructor(readonly paging: CustomerListQuery) {
    super();
  }
}

@QueryHandler(ListCustomers)
export class ListCustomersHandler implements IQueryHandler<ListCustomers> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ paging }: ListCustomers): Promise<Page<CustomerView>> {
    const page = await (await this.readSide.entities()).page<Customer>('customer', {
      offset: paging.offset,
      limit: paging.limit,
      ...(paging.search !== undefined && { search: { text: paging.search, fields: ['name', 'email'] } }),
    });
    const now = new Date().toISOString();
    return { ...page, items: page.items.map((customer) => toCustomerView(customer, now)) };
  }
}

@ApiTags('customers')
@Controller('customers')
export class ListCustomersController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'List customers', description: 'Every customer, a page at a time; `search` keeps those whose id, name or email contains the text.', ok: CustomerPage })
  @Get()
  list(@QueryParams() query: CustomerListQuery) {
    return this.queries.execute(new ListCustomers(query));
  }
}
