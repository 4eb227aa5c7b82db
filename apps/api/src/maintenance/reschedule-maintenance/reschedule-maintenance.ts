import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import { toUtc } from '#domain';
import type { AppConfig } from '../../config.js';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

import { IsInstant, Optional } from '../../shared/validators.js';
import { type MaintenanceView } from '../maintenance.view.js';
import { noticeMailing, runMaintenanceCommand } from '../maintenance.commands.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { toWindow, WindowDto } from '../window.dto.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { MaintenanceResponse } from '../maintenance.response.js';

export class RescheduleMaintenanceDto {
  @ApiProperty({ type: WindowDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WindowDto)
  window!: WindowDto;

  @ApiProperty({
    required: false,
    description: 'When a notice of the new window sent outside the product went out; left out, the product emails an update to each customer in scope now. Earlier notices no longer count (R8)',
  })
  @Optional()
  @IsInstant()
  noticeSentAt?: string;

  @ApiProperty({ required: false, description: 'With noticeSentAt: a reference to the notice sent outside the product' })
  @Optional()
  @IsString()
  @Length(1, 500)
  evidence?: string;

  @ApiProperty({ required: false, default: false, description: 'Move it even with too little notice; it then counts as Down Time (R9)' })
  @Optional()
  @IsBoolean()
  acceptAsDowntime?: boolean;
}

export class RescheduleMaintenanceRequest extends Command<CommandAnswer<MaintenanceView>> {
  constructor(readonly maintenanceId: string, readonly body: RescheduleMaintenanceDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(RescheduleMaintenanceRequest)
export class RescheduleMaintenanceHandler implements ICommandHandler<RescheduleMaintenanceRequest> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ maintenanceId, body, meta }: RescheduleMaintenanceRequest) {
    const mailing = body.noticeSentAt === undefined ? await noticeMailing(this.readSide, this.config) : {};
    return runMaintenanceCommand(
      this.runner,
      this.config,
      {
        type: 'RescheduleMaintenance',
        maintenanceId,
        window: toWindow(body.window),
        noticeSentAt: body.noticeSentAt === undefined ? null : toUtc(body.noticeSentAt),
        acceptAsDowntime: body.acceptAsDowntime ?? false,
        recordedBy: meta.actor,
        evidence: body.evidence ?? null,
        ...mailing,
      },
      meta,
    );
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class RescheduleMaintenanceController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Move a maintenance window', description: 'Moves the window; notices of the former window no longer count, so a new notice is due (R8).', ok: MaintenanceResponse, command: true })
  @Post(':id/reschedule')
  @HttpCode(200)
  async reschedule(@Param('id') id: string, @Body() body: RescheduleMaintenanceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new RescheduleMaintenanceRequest(id, body, meta)));
  }
}
