import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type Customer } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { toCustomerView, type CustomerView } from '../customer.view.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { CustomerResponse } from '../customer.response.js';

export class GetCustomer extends Query<CustomerView> {
  constructor(readonly customerId: string) {
    super();
  }
}

@QueryHandler(GetCustomer)
export class GetCustomerHandler implements IQueryHandler<GetCustomer> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ customerId }: GetCustomer): Promise<CustomerView> {
    const customer = await (await this.readSide.entities()).get<Customer>('customer', customerId);
    if (!customer) throw new DomainError('not-found', `customer ${customerId} does not exist; onboard it with POST /customers`);
    return toCustomerView(customer);
  }
}

@ApiTags('customers')
@Controller('customers')
export class GetCustomerController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'Read a customer', description: 'The customer with the plan and regions in force now, beside their whole histories.', ok: CustomerResponse })
  @Get(':id')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetCustomer(id));
  }
}
