import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import { toUtc } from '#domain';
import type { AppConfig } from '../../config.js';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

import { IsInstant, Optional } from '../../shared/validators.js';
import { runMaintenanceCommand, type MaintenanceView } from '../maintenance.view.js';
import { toWindow, WindowDto } from '../window.dto.js';

export class RescheduleMaintenanceDto {
  @ApiProperty({ type: WindowDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WindowDto)
  window!: WindowDto;

  @ApiProperty({ required: false, description: 'When the notice of the new window went out; default now. Earlier notices no longer count (R8)' })
  @Optional()
  @IsInstant()
  noticeSentAt?: string;

  @ApiProperty({ required: false, default: false, description: 'Move it even with too little notice; it then counts as Down Time (R9)' })
  @Optional()
  @IsBoolean()
  acceptAsDowntime?: boolean;
}

export class RescheduleMaintenance extends Command<CommandAnswer<MaintenanceView>> {
  constructor(readonly maintenanceId: string, readonly body: RescheduleMaintenanceDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(RescheduleMaintenance)
export class RescheduleMaintenanceHandler implements ICommandHandler<RescheduleMaintenance> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ maintenanceId, body, meta }: RescheduleMaintenance) {
    return runMaintenanceCommand(
      this.runner,
      this.config,
      {
        type: 'RescheduleMaintenance',
        maintenanceId,
        window: toWindow(body.window),
        noticeSentAt: body.noticeSentAt === undefined ? null : toUtc(body.noticeSentAt),
        acceptAsDowntime: body.acceptAsDowntime ?? false,
      },
      meta,
    );
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class RescheduleMaintenanceController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/reschedule')
  @HttpCode(200)
  async reschedule(@Param('id') id: string, @Body() body: RescheduleMaintenanceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new RescheduleMaintenance(id, body, meta)));
  }
}
