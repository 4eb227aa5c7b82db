import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { toUtc } from '#domain';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';

import { IsInstant } from '../../shared/validators.js';
import { type EmergencyMaintenanceView } from '../emergency-maintenance.view.js';
import { runEmergencyMaintenanceCommand } from '../emergency-maintenance.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { EmergencyMaintenanceResponse } from '../maintenance.response.js';

export class EndEmergencyMaintenanceDto {
  @ApiProperty({ example: '2026-10-27T02:45:00Z' })
  @IsInstant()
  endedAt!: string;
}

export class EndEmergencyMaintenanceRequest extends Command<CommandAnswer<EmergencyMaintenanceView>> {
  constructor(readonly emergencyId: string, readonly body: EndEmergencyMaintenanceDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(EndEmergencyMaintenanceRequest)
export class EndEmergencyMaintenanceHandler implements ICommandHandler<EndEmergencyMaintenanceRequest> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ emergencyId, body, meta }: EndEmergencyMaintenanceRequest) {
    return runEmergencyMaintenanceCommand(this.runner, { type: 'EndEmergencyMaintenance', emergencyId, endedAt: toUtc(body.endedAt) }, meta);
  }
}

@ApiTags('maintenance')
@Controller('emergency-maintenances')
export class EndEmergencyMaintenanceController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'End an emergency maintenance', description: 'Records when it ended; its minutes count as excluded only within the yearly allowance (R9).', ok: EmergencyMaintenanceResponse, command: true })
  @Post(':id/end')
  @HttpCode(200)
  async end(@Param('id') id: string, @Body() body: EndEmergencyMaintenanceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new EndEmergencyMaintenanceRequest(id, body, meta)));
  }
}
