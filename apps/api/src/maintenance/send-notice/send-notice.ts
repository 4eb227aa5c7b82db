import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import type { Response } from 'express';
import { toUtc } from '#domain';
import type { AppConfig } from '../../config.js';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

import { ID_MESSAGE, ID_PATTERN, IsInstant, Optional } from '../../shared/validators.js';
import { type MaintenanceView } from '../maintenance.view.js';
import { runMaintenanceCommand } from '../maintenance.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { MaintenanceResponse } from '../maintenance.response.js';

export class SendNoticeDto {
  @ApiProperty({ example: '2026-10-08T09:00:00Z', description: 'When the notice went out; never in the future' })
  @IsInstant()
  sentAt!: string;

  @ApiProperty({ required: false, type: [String], description: 'Only these customers were notified; omitted: every customer in scope at sentAt (R8)' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  customers?: string[];

  @ApiProperty({ required: false, example: '<CAF1x@mail.example>', description: 'A reference to the notice sent outside the product: a message id, a ticket' })
  @Optional()
  @IsString()
  @Length(1, 500)
  evidence?: string;
}

export class SendNoticeRequest extends Command<CommandAnswer<MaintenanceView>> {
  constructor(readonly maintenanceId: string, readonly body: SendNoticeDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(SendNoticeRequest)
export class SendNoticeHandler implements ICommandHandler<SendNoticeRequest> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ maintenanceId, body, meta }: SendNoticeRequest) {
    return runMaintenanceCommand(
      this.runner,
      this.config,
      {
        type: 'SendNotice',
        maintenanceId,
        sentAt: toUtc(body.sentAt),
        customers: body.customers ? [...new Set(body.customers)] : null,
        recordedBy: meta.actor,
        evidence: body.evidence ?? null,
      },
      meta,
    );
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class SendNoticeController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Record a maintenance notice', description: 'Records that customers were notified of the window; whether it left enough working days is judged in the legal time zone (R8).', ok: MaintenanceResponse, command: true })
  @Post(':id/notices')
  @HttpCode(200)
  async send(@Param('id') id: string, @Body() body: SendNoticeDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new SendNoticeRequest(id, body, meta)));
  }
}
