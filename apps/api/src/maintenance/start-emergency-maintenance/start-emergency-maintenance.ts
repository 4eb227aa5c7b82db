import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Response } from 'express';
import { toUtc } from '#domain';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { requireKnownScope } from '../../shared/known-references.js';
import { Meta, newResourceId, type RequestMeta } from '../../infrastructure/request-meta.js';

import { toScope } from '../../shared/scope.dto.js';
import { IsInstant } from '../../shared/validators.js';
import { type EmergencyMaintenanceView } from '../emergency-maintenance.view.js';
import { runEmergencyMaintenanceCommand } from '../emergency-maintenance.commands.js';
import { NewIncidentDto } from '../../shared/new-incident.dto.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { EmergencyMaintenanceResponse } from '../maintenance.response.js';

export class StartEmergencyMaintenanceDto extends NewIncidentDto {
  @ApiProperty({ example: '2026-10-27T02:00:00Z' })
  @IsInstant()
  startedAt!: string;

  @ApiProperty({ example: 'critical security patch' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class StartEmergencyMaintenanceRequest extends Command<CommandAnswer<EmergencyMaintenanceView>> {
  constructor(readonly emergencyId: string, readonly body: StartEmergencyMaintenanceDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(StartEmergencyMaintenanceRequest)
export class StartEmergencyMaintenanceHandler implements ICommandHandler<StartEmergencyMaintenanceRequest> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ emergencyId, body, meta }: StartEmergencyMaintenanceRequest) {
    await requireKnownScope(this.readSide, toScope(body.scope));
    return runEmergencyMaintenanceCommand(
      this.runner,
      { type: 'StartEmergencyMaintenance', emergencyId, scope: toScope(body.scope), reason: body.reason, startedAt: toUtc(body.startedAt) },
      meta,
    );
  }
}

@ApiTags('maintenance')
@Controller('emergency-maintenances')
export class StartEmergencyMaintenanceController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Start an emergency maintenance', description: 'Records an emergency maintenance with its scope and reason (R9).', ok: EmergencyMaintenanceResponse, status: 201, command: true, headers: ['Location'] })
  @Post()
  @HttpCode(201)
  async start(@Body() body: StartEmergencyMaintenanceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const id = body.id ?? newResourceId(meta);
    return answer(response, await this.commands.execute(new StartEmergencyMaintenanceRequest(id, body, meta)), `/emergency-maintenances/${id}`);
  }
}
