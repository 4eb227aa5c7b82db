import { Controller, Get, Inject, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type Maintenance } from '#domain';
import type { AppConfig } from '../../config.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';
import { calendarOf, toMaintenanceView, type MaintenanceView } from '../maintenance.view.js';

export class GetMaintenance extends Query<MaintenanceView> {
  constructor(readonly maintenanceId: string) {
    super();
  }
}

@QueryHandler(GetMaintenance)
export class GetMaintenanceHandler implements IQueryHandler<GetMaintenance> {
  constructor(
    private readonly readSide: ReadSide,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ maintenanceId }: GetMaintenance): Promise<MaintenanceView> {
    const maintenance = await (await this.readSide.entities()).get<Maintenance>('maintenance', maintenanceId);
    if (!maintenance) throw new DomainError('not-found', `maintenance ${maintenanceId} does not exist`);
    return toMaintenanceView(maintenance, calendarOf(this.config));
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class GetMaintenanceController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetMaintenance(id));
  }
}
