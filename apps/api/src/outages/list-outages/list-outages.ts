import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { toUtc, type Outage } from '#domain';
import type { Page } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { PagingQuery } from '../../shared/paging.dto.js';
import { IsInstant, Optional } from '../../shared/validators.js';
import { toOutageView, type OutageView } from '../outage.view.js';

export class ListOutagesQuery extends PagingQuery {
  @ApiProperty({ required: false, description: 'Only outages still open at or after this instant' })
  @Optional()
  @IsInstant()
  from?: string;

  @ApiProperty({ required: false, description: 'Only outages that started before this instant' })
  @Optional()
  @IsInstant()
  to?: string;

  @ApiProperty({ required: false, description: 'true: only ongoing outages; false: only ended ones' })
  @Optional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
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
      offset: filter.offset,
      limit: filter.limit,
      ...(filter.from && { from: toUtc(filter.from) }),
      ...(filter.to && { to: toUtc(filter.to) }),
      ...(filter.ongoing !== undefined && { open: filter.ongoing }),
    });
    return { ...page, items: page.items.map(toOutageView) };
  }
}

@ApiTags('outages')
@Controller('outages')
export class ListOutagesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list(@QueryParams() query: ListOutagesQuery) {
    return this.queries.execute(new ListOutages(query));
  }
}
