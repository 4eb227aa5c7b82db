import { Controller, Get, Param, Query as QueryParams, Req, StreamableFile } from '@nestjs/common';
import type { Request } from 'express';
import { csvStream } from '../../shared/csv.js';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Page } from '#projections';
import { PagingQuery } from '../../shared/paging.dto.js';
import { AvailabilityReader, type AvailabilityView } from '../availability.reader.js';
import { Optional, QueryBoolean } from '../../shared/validators.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { MonthAvailabilityResponse } from '../availability.response.js';

export class MonthAvailabilityQuery extends PagingQuery {
  @ApiProperty({ required: false, description: 'true: only customers below their target' })
  @Optional()
  @QueryBoolean()
  belowTarget?: boolean;
}

/**
 * A list item is the figures alone: the intervals and the outages that made the Down Time explain
 * one customer-month (`GET /customers/{id}/availability/{month}`). A bad month reaches hundreds of
 * outages per customer, and carrying their ids made pages too large to be useful (docs/performance.md).
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

export const AVAILABILITY_COLUMNS = [
  'customerId',
  'month',
  'planId',
  'coveragePeriodMinutes',
  'downtimeMinutes',
  'scheduledMaintenanceMinutes',
  'emergencyMaintenanceMinutes',
  'excludedCauseMinutes',
  'availabilityRate',
  'target',
  'belowTarget',
  'ongoing',
  'computedAt',
] as const;

function availabilityRow(item: MonthAvailabilityItem): string[] {
  return [
    item.customerId,
    item.month,
    item.planId,
    String(item.coveragePeriodMinutes),
    String(item.downtimeMinutes),
    String(item.excludedMinutes.scheduledMaintenance),
    String(item.excludedMinutes.emergencyMaintenance),
    String(item.excludedMinutes.exclusions),
    item.availabilityRate ?? '',
    item.target,
    String(item.belowTarget),
    String(item.ongoing),
    item.computedAt,
  ];
}

@ApiTags('availability')
@Controller('availability')
export class MonthAvailabilityController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: "Every customer's availability of a month", description: 'The figures of every customer with a Coverage Period in the month, a page at a time; `Accept: text/csv` streams all of them as CSV.', ok: MonthAvailabilityResponse, csv: 'customerId, month, planId, coveragePeriodMinutes, downtimeMinutes, scheduledMaintenanceMinutes, emergencyMaintenanceMinutes, excludedCauseMinutes, availabilityRate, target, belowTarget, ongoing, computedAt; every selected customer (unpaged), CRLF line ends' })
  @Get(':month')
  async list(@Param('month') month: string, @QueryParams() query: MonthAvailabilityQuery, @Req() request: Request) {
    if (request.accepts(['application/json', 'text/csv']) === 'text/csv') {
      // Every selected customer, unpaged, written row by row.
      const all = await this.queries.execute(new GetMonthAvailability(month, { ...query, offset: 0, limit: Number.MAX_SAFE_INTEGER }));
      return new StreamableFile(csvStream(AVAILABILITY_COLUMNS, all.items, availabilityRow), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="availability-${month}.csv"` });
    }
    return this.queries.execute(new GetMonthAvailability(month, query));
  }
}
