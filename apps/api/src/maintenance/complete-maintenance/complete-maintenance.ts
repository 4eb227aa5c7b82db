import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { toUtc } from '#domain';
import type { AppConfig } from '../../config.js';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

import { IsInstant } from '../../shared/validators.js';
import { type MaintenanceView } from '../maintenance.view.js';
import { runMaintenanceCommand } from '../maintenance.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { MaintenanceResponse } from '../maintenance.response.js';

export class CompleteMaintenanceDto {
  @ApiProperty({ example: '2026-10-14T03:30:00Z', description: 'When it actually ended; past the window counts as Down Time (R6)' })
  @IsInstant()
  at!: string;
}

export class CompleteMaintenanceRequest extends Command<CommandAnswer<MaintenanceView>> {
  constructor(readonly maintenanceId: string, readonly body: CompleteMaintenanceDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(CompleteMaintenanceRequest)
export class CompleteMaintenanceHandler implements ICommandHandler<CompleteMaintenanceRequest> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ maintenanceId, body, meta }: CompleteMaintenanceRequest) {
    return runMaintenanceCommand(this.runner, this.config, { type: 'CompleteMaintenance', maintenanceId, at: toUtc(body.at) }, meta);
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class CompleteMaintenanceController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Complete a maintenance', description: 'Records when the work ended; time beyond the window is Down Time (R8).', ok: MaintenanceResponse, command: true })
  @Post(':id/complete')
  @HttpCode(200)
  async complete(@Param('id') id: string, @Body() body: CompleteMaintenanceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new CompleteMaintenanceRequest(id, body, meta)));
  }
}
