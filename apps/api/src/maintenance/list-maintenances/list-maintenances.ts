import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Maintenance } from '#domain';
import type { Page } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { toMaintenanceView, type MaintenanceView } from '../maintenance.view.js';
import { periodFilter, PeriodQuery } from '../../shared/period.query.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { MaintenancePage } from '../maintenance.response.js';

export class ListMaintenances extends Query<Page<MaintenanceView>> {
  constructor(readonly filter: PeriodQuery) {
    super();
  }
}

@QueryHandler(ListMaintenances)
export class ListMaintenancesHandler implements IQueryHandler<ListMaintenances> {
  constructor(
    private readonly readSide: ReadSide,
  ) {}

  async execute({ filter }: ListMaintenances): Promise<Page<MaintenanceView>> {
    const page = await (await this.readSide.entities()).page<Maintenance>('maintenance', periodFilter(filter));
    return { ...page, items: page.items.map((m) => toMaintenanceView(m)) };
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class ListMaintenancesController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'List maintenances', description: 'Scheduled maintenances, filtered by period, a page at a time.', ok: MaintenancePage })
  @Get()
  list(@QueryParams() query: PeriodQuery) {
    return this.queries.execute(new ListMaintenances(query));
  }
}
