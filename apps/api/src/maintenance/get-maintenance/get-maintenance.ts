import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type Maintenance } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { toMaintenanceView, type MaintenanceView } from '../maintenance.view.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { MaintenanceResponse } from '../maintenance.response.js';

export class GetMaintenance extends Query<MaintenanceView> {
  constructor(readonly maintenanceId: string) {
    super();
  }
}

@QueryHandler(GetMaintenance)
export class GetMaintenanceHandler implements IQueryHandler<GetMaintenance> {
  constructor(
    private readonly readSide: ReadSide,
  ) {}

  async execute({ maintenanceId }: GetMaintenance): Promise<MaintenanceView> {
    const maintenance = await (await this.readSide.entities()).get<Maintenance>('maintenance', maintenanceId);
    if (!maintenance) throw new DomainError('not-found', `maintenance ${maintenanceId} does not exist`);
    return toMaintenanceView(maintenance);
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class GetMaintenanceController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'Read a maintenance', description: 'The maintenance as it now is, with its notices and former windows.', ok: MaintenanceResponse })
  @Get(':id')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetMaintenance(id));
  }
}
