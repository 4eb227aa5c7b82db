import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type Region } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { RegionResponse } from '../reference-data.response.js';

export class GetRegion extends Query<Region> {
  constructor(readonly regionId: string) {
    super();
  }
}

@QueryHandler(GetRegion)
export class GetRegionHandler implements IQueryHandler<GetRegion> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ regionId }: GetRegion): Promise<Region> {
    const region = await (await this.readSide.entities()).get<Region>('region', regionId);
    if (!region) throw new DomainError('not-found', `region ${regionId} does not exist; register it with POST /regions`);
    return region;
  }
}

@ApiTags('reference data')
@Controller('regions')
export class GetRegionController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'Read a region', description: 'One region and the sub-processor that runs it.', ok: RegionResponse })
  @Get(':id')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetRegion(id));
  }
}
