import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Region } from '#domain';
import type { Page } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { PagingQuery } from '../../shared/paging.dto.js';

export class ListRegions extends Query<Page<Region>> {
  constructor(readonly paging: PagingQuery) {
    super();
  }
}

@QueryHandler(ListRegions)
export class ListRegionsHandler implements IQueryHandler<ListRegions> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ paging }: ListRegions): Promise<Page<Region>> {
    return (await this.readSide.entities()).page<Region>('region', { offset: paging.offset, limit: paging.limit });
  }
}

@ApiTags('reference data')
@Controller('regions')
export class ListRegionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list(@QueryParams() query: PagingQuery) {
    return this.queries.execute(new ListRegions(query));
  }
}
