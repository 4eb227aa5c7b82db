import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type Customer } from '#domain';
import type { Page, TimelineEntry } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { timelineFilter, TimelineQuery } from '../timeline.query.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { TimelinePage } from '../timeline.response.js';

export class GetCustomerTimeline extends Query<Page<TimelineEntry>> {
  constructor(readonly customerId: string, readonly query: TimelineQuery) {
    super();
  }
}

@QueryHandler(GetCustomerTimeline)
export class GetCustomerTimelineHandler implements IQueryHandler<GetCustomerTimeline> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ customerId, query }: GetCustomerTimeline) {
    const customer = await (await this.readSide.entities()).get<Customer>('customer', customerId);
    if (!customer) throw new DomainError('not-found', `customer ${customerId} does not exist`);
    const regions = [...new Set(customer.footprint.flatMap((f) => f.regions))];
    return (await this.readSide.timeline()).forCustomer(customerId, regions, customer.activeFrom, timelineFilter(query));
  }
}

@ApiTags('timelines')
@Controller('customers')
export class CustomerTimelineController {
  constructor(private readonly queries: QueryBus) {}

  /** Everything that touched the customer's figures, with business and record time and who did it. */
  @Operation({ summary: 'Timeline of a customer', description: "Everything that touched the customer's figures (its own events, outages and maintenance of its scope, billing, support), with business and record time and who did it.", ok: TimelinePage })
  @Get(':id/timeline')
  get(@Param('id') id: string, @QueryParams() query: TimelineQuery) {
    return this.queries.execute(new GetCustomerTimeline(id, query));
  }
}
