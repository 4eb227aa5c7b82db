import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type EmergencyMaintenance } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { toEmergencyMaintenanceView, type EmergencyMaintenanceView } from '../emergency-maintenance.view.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { EmergencyMaintenanceResponse } from '../maintenance.response.js';

export class GetEmergencyMaintenance extends Query<EmergencyMaintenanceView> {
  constructor(readonly emergencyId: string) {
    super();
  }
}

@QueryHandler(GetEmergencyMaintenance)
export class GetEmergencyMaintenanceHandler implements IQueryHandler<GetEmergencyMaintenance> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ emergencyId }: GetEmergencyMaintenance): Promise<EmergencyMaintenanceView> {
    const emergency = await (await this.readSide.entities()).get<EmergencyMaintenance>('emergencyMaintenance', emergencyId);
    if (!emergency) throw new DomainError('not-found', `emergency maintenance ${emergencyId} does not exist`);
    return toEmergencyMaintenanceView(emergency);
  }
}

@ApiTags('maintenance')
@Controller('emergency-maintenances')
export class GetEmergencyMaintenanceController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'Read an emergency maintenance', description: 'The emergency maintenance as it now is.', ok: EmergencyMaintenanceResponse })
  @Get(':id')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetEmergencyMaintenance(id));
  }
}
