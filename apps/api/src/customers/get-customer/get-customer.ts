import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type Customer } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { toCustomerView, type CustomerView } from '../customer.view.js';

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

  @Get(':id')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetCustomer(id));
  }
}
