import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { EmergencyMaintenance } from '#domain';
import type { Page } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { toEmergencyMaintenanceView, type EmergencyMaintenanceView } from '../emergency-maintenance.view.js';
import { periodFilter, PeriodQuery } from '../../shared/period.query.js';
import { Optional, QueryBoolean } from '../../shared/validators.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { EmergencyMaintenancePage } from '../maintenance.response.js';

export class ListEmergencyMaintenancesQuery extends PeriodQuery {
  @ApiProperty({ required: false, description: 'true: only ongoing ones; false: only ended ones' })
  @Optional()
  @QueryBoolean()
  ongoing?: boolean;
}

export class ListEmergencyMaintenances extends Query<Page<EmergencyMaintenanceView>> {
  constructor(readonly filter: ListEmergencyMaintenancesQuery) {
    super();
  }
}

@QueryHandler(ListEmergencyMaintenances)
export class ListEmergencyMaintenancesHandler implements IQueryHandler<ListEmergencyMaintenances> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ filter }: ListEmergencyMaintenances): Promise<Page<EmergencyMaintenanceView>> {
    const page = await (await this.readSide.entities()).page<EmergencyMaintenance>('emergencyMaintenance', {
      ...periodFilter(filter),
      ...(filter.ongoing !== undefined && { open: filter.ongoing }),
    });
    return { ...page, items: page.items.map(toEmergencyMaintenanceView) };
  }
}

@ApiTags('maintenance')
@Controller('emergency-maintenances')
export class ListEmergencyMaintenancesController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'List emergency maintenances', description: 'Emergency maintenances, filtered by period and whether they are ongoing, a page at a time.', ok: EmergencyMaintenancePage })
  @Get()
  list(@QueryParams() query: ListEmergencyMaintenancesQuery) {
    return this.queries.execute(new ListEmergencyMaintenances(query));
  }
}
