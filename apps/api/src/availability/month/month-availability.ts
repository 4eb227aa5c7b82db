import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Page } from '#projections';
import { PagingQuery } from '../../shared/paging.dto.js';
import { AvailabilityReader, type AvailabilityView } from '../availability.reader.js';
import { Optional, QueryBoolean } from '../../shared/validators.js';

export class MonthAvailabilityQuery extends PagingQuery {
  @ApiProperty({ required: false, description: 'true: only customers below their target' })
  @Optional()
  @QueryBoolean()
  belowTarget?: boolean;
}

/**
 * A list item is the figures alone: the intervals and the outages that made the Down Time explain
 * one customer-month (`GET /customers/{id}/availability/{month}`). A bad month reaches hundreds of
 * outages per customer, and carrying their ids made a page of 1,000 customers some 20 MB.
 */
export type MonthAvailabilityItem = Omit<AvailabilityView, 'intervals' | 'downtimeOutageIds'>;

export class GetMonthAvailability extends Query<Page<MonthAvailabilityItem> & { month: string }> {
  constructor(readonly month: string, readonly filter: MonthAvailabilityQuery) {
    super();
  }
}

@QueryHandler(GetMonthAvailability)
export class GetMonthAvailabilityHandler implements IQueryHandler<GetMonthAvailability> {
  constructor(private readonly reader: AvailabilityReader) {}

  async execute({ month, filter }: GetMonthAvailability) {
    const all = await this.reader.forMonth(month);
    const selected = filter.belowTarget === undefined ? all : all.filter((view) => view.belowTarget === filter.belowTarget);
    const items = selected.slice(filter.offset, filter.offset + filter.limit).map(({ intervals: _intervals, downtimeOutageIds: _outages, ...item }) => item);
    return { month, items, total: selected.length, offset: filter.offset, limit: filter.limit };
  }
}

@ApiTags('availability')
@Controller('availability')
export class MonthAvailabilityController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':month')
  list(@Param('month') month: string, @QueryParams() query: MonthAvailabilityQuery) {
    return this.queries.execute(new GetMonthAvailability(month, query));
  }
}
