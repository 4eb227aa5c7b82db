import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Plan } from '#domain';
import type { Page } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { PagingQuery } from '../../shared/paging.dto.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { PlanPage } from '../reference-data.response.js';

export class ListPlans extends Query<Page<Plan>> {
  constructor(readonly paging: PagingQuery) {
    super();
  }
}

@QueryHandler(ListPlans)
export class ListPlansHandler implements IQueryHandler<ListPlans> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ paging }: ListPlans): Promise<Page<Plan>> {
    return (await this.readSide.entities()).page<Plan>('plan', { offset: paging.offset, limit: paging.limit });
  }
}

@ApiTags('reference data')
@Controller('plans')
export class ListPlansController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'List plans', description: 'Every plan, a page at a time.', ok: PlanPage })
  @Get()
  list(@QueryParams() query: PagingQuery) {
    return this.queries.execute(new ListPlans(query));
  }
}
