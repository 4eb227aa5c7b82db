import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AsOfQuery } from '../../shared/as-of.query.js';
import { AvailabilityReader, type AvailabilityView } from '../availability.reader.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { AvailabilityResponse } from '../availability.response.js';

export class GetCustomerAvailability extends Query<AvailabilityView> {
  constructor(readonly customerId: string, readonly month: string, readonly asOf?: string) {
    super();
  }
}

@QueryHandler(GetCustomerAvailability)
export class GetCustomerAvailabilityHandler implements IQueryHandler<GetCustomerAvailability> {
  constructor(private readonly reader: AvailabilityReader) {}

  execute({ customerId, month, asOf }: GetCustomerAvailability) {
    return this.reader.forCustomer(customerId, month, asOf);
  }
}

@ApiTags('availability')
@Controller('customers')
export class CustomerAvailabilityController {
  constructor(private readonly queries: QueryBus) {}

  /** CP, DT, the excluded minutes by kind, AR and the intervals that made them (R3–R7). */
  @Operation({ summary: "A customer-month's availability", description: 'CP, DT, the excluded minutes by kind, AR and the intervals that made them (R3–R7); `asOf` reads it as it stood then.', ok: AvailabilityResponse })
  @Get(':id/availability/:month')
  get(@Param('id') id: string, @Param('month') month: string, @QueryParams() query: AsOfQuery) {
    return this.queries.execute(new GetCustomerAvailability(id, month, query.asOf));
  }
}
