import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Outage } from '#domain';
import type { Page } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { periodFilter, PeriodQuery } from '../../shared/period.query.js';
import { Optional, QueryBoolean } from '../../shared/validators.js';
import { toOutageView, type OutageView } from '../outage.view.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { OutagePage } from '../outage.response.js';

export class ListOutagesQuery extends PeriodQuery {
  @ApiProperty({ required: false, description: 'true: only ongoing outages; false: only ended ones' })
  @Optional()
  @QueryBoolean()
  ongoing?: boolean;
}

export class ListOutages extends Query<Page<OutageView>> {
  constructor(readonly filter: ListOutagesQuery) {
    super();
  }
}

@QueryHandler(ListOutages)
export class ListOutagesHandler implements IQueryHandler<ListOutages> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ filter }: ListOutages): Promise<Page<OutageView>> {
    const page = await (await this.readSide.entities()).page<Outage>('outage', {
      ...periodFilter(filter),
      ...(filter.ongoing !== undefined && { open: filter.ongoing }),
    });
    return { ...page, items: page.items.map(toOutageView) };
  }
}

@ApiTags('outages')
@Controller('outages')
export class ListOutagesController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'List outages', description: 'Outages filtered by period and whether they are ongoing, a page at a time.', ok: OutagePage })
  @Get()
  list(@QueryParams() query: ListOutagesQuery) {
    return this.queries.execute(new ListOutages(query));
  }
}
