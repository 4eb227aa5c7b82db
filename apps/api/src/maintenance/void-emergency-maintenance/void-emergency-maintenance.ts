import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { type EmergencyMaintenanceView } from '../emergency-maintenance.view.js';
import { runEmergencyMaintenanceCommand } from '../emergency-maintenance.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { EmergencyMaintenanceResponse } from '../maintenance.response.js';
import { VoidOutageDto as VoidIncidentDto } from '../../outages/void-outage/void-outage.js';

export class VoidEmergencyMaintenanceRequest extends Command<CommandAnswer<EmergencyMaintenanceView>> {
  constructor(readonly emergencyId: string, readonly body: VoidIncidentDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(VoidEmergencyMaintenanceRequest)
export class VoidEmergencyMaintenanceHandler implements ICommandHandler<VoidEmergencyMaintenanceRequest> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ emergencyId, body, meta }: VoidEmergencyMaintenanceRequest) {
    return runEmergencyMaintenanceCommand(this.runner, { type: 'VoidEmergencyMaintenance', emergencyId, reason: body.reason }, meta);
  }
}

@ApiTags('maintenance')
@Controller('emergency-maintenances')
export class VoidEmergencyMaintenanceController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({
    summary: 'Void an emergency maintenance recorded in error',
    description: 'It excludes nothing from the void on (asOf before it still shows it), stays in lists with voided: true and in its timeline with the reason. Voiding twice is refused (409).',
    ok: EmergencyMaintenanceResponse,
    command: true,
  })
  @Post(':id/void')
  @HttpCode(200)
  async void(@Param('id') id: string, @Body() body: VoidIncidentDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new VoidEmergencyMaintenanceRequest(id, body, meta)));
  }
}
