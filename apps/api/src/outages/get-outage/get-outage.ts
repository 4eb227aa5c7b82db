import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type Outage } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { toOutageView, type OutageView } from '../outage.view.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { OutageResponse } from '../outage.response.js';

export class GetOutage extends Query<OutageView> {
  constructor(readonly outageId: string) {
    super();
  }
}

@QueryHandler(GetOutage)
export class GetOutageHandler implements IQueryHandler<GetOutage> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ outageId }: GetOutage): Promise<OutageView> {
    const outage = await (await this.readSide.entities()).get<Outage>('outage', outageId);
    if (!outage) throw new DomainError('not-found', `outage ${outageId} does not exist`);
    return toOutageView(outage);
  }
}

@ApiTags('outages')
@Controller('outages')
export class GetOutageController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'Read an outage', description: 'The outage as it now is.', ok: OutageResponse })
  @Get(':id')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetOutage(id));
  }
}
