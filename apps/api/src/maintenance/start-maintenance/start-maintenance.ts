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

export class StartMaintenanceDto {
  @ApiProperty({ example: '2026-10-14T01:00:00Z', description: 'When it actually started; before the window counts as Down Time (R6)' })
  @IsInstant()
  at!: string;
}

export class StartMaintenanceRequest extends Command<CommandAnswer<MaintenanceView>> {
  constructor(readonly maintenanceId: string, readonly body: StartMaintenanceDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(StartMaintenanceRequest)
export class StartMaintenanceHandler implements ICommandHandler<StartMaintenanceRequest> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ maintenanceId, body, meta }: StartMaintenanceRequest) {
    return runMaintenanceCommand(this.runner, this.config, { type: 'StartMaintenance', maintenanceId, at: toUtc(body.at) }, meta);
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class StartMaintenanceController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Start a maintenance', description: 'Records when the work began.', ok: MaintenanceResponse, command: true })
  @Post(':id/start')
  @HttpCode(200)
  async start(@Param('id') id: string, @Body() body: StartMaintenanceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new StartMaintenanceRequest(id, body, meta)));
  }
}
