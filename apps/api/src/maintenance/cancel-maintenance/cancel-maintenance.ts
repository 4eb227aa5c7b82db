import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppConfig } from '../../config.js';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

import { type MaintenanceView } from '../maintenance.view.js';
import { runMaintenanceCommand } from '../maintenance.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { MaintenanceResponse } from '../maintenance.response.js';

/** No fields: a body may be absent or `{}`, and anything in it is refused rather than ignored. */
export class CancelMaintenanceDto {}

export class CancelMaintenanceRequest extends Command<CommandAnswer<MaintenanceView>> {
  constructor(readonly maintenanceId: string, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(CancelMaintenanceRequest)
export class CancelMaintenanceHandler implements ICommandHandler<CancelMaintenanceRequest> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ maintenanceId, meta }: CancelMaintenanceRequest) {
    return runMaintenanceCommand(this.runner, this.config, { type: 'CancelMaintenance', maintenanceId, mailDomain: this.config.mail.domain }, meta);
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class CancelMaintenanceController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Cancel a maintenance', description: 'Cancels a maintenance that has not started.', ok: MaintenanceResponse, command: true })
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Body() _body: CancelMaintenanceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new CancelMaintenanceRequest(id, meta)));
  }
}
