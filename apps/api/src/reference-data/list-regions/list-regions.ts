import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Region } from '#domain';
import type { Page } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { PagingQuery } from '../../shared/paging.dto.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { RegionPage } from '../reference-data.response.js';

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

  @Operation({ summary: 'List regions', description: 'Every region, a page at a time.', ok: RegionPage })
  @Get()
  list(@QueryParams() query: PagingQuery) {
    return this.queries.execute(new ListRegions(query));
  }
}
