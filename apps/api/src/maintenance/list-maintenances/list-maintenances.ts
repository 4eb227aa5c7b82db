import { Controller, Get, Inject, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Maintenance } from '#domain';
import type { Page } from '#projections';
import type { AppConfig } from '../../config.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';
import { calendarOf, toMaintenanceView, type MaintenanceView } from '../maintenance.view.js';
import { periodFilter, PeriodQuery } from '../period.query.js';

export class ListMaintenances extends Query<Page<MaintenanceView>> {
  constructor(readonly filter: PeriodQuery) {
    super();
  }
}

@QueryHandler(ListMaintenances)
export class ListMaintenancesHandler implements IQueryHandler<ListMaintenances> {
  constructor(
    private readonly readSide: ReadSide,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ filter }: ListMaintenances): Promise<Page<MaintenanceView>> {
    const page = await (await this.readSide.entities()).page<Maintenance>('maintenance', periodFilter(filter));
    const calendar = calendarOf(this.config);
    return { ...page, items: page.items.map((m) => toMaintenanceView(m, calendar)) };
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class ListMaintenancesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list(@QueryParams() query: PeriodQuery) {
    return this.queries.execute(new ListMaintenances(query));
  }
}
