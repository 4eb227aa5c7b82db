import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Response } from 'express';
import { DomainError, toUtc } from '#domain';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { IsInstant, Optional } from '../../shared/validators.js';
import { type OutageView } from '../outage.view.js';
import { runOutageCommand } from '../outage.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { OutageResponse } from '../outage.response.js';

export class CorrectOutageDto {
  @ApiProperty({ required: false })
  @Optional()
  @IsInstant()
  startedAt?: string;

  @ApiProperty({ required: false })
  @Optional()
  @IsInstant()
  endedAt?: string;

  @ApiProperty({ example: 'monitoring recorded the recovery 30 minutes late' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class CorrectOutageRequest extends Command<CommandAnswer<OutageView>> {
  constructor(readonly outageId: string, readonly body: CorrectOutageDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(CorrectOutageRequest)
export class CorrectOutageHandler implements ICommandHandler<CorrectOutageRequest> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ outageId, body, meta }: CorrectOutageRequest) {
    if (body.startedAt === undefined && body.endedAt === undefined) {
      throw new DomainError('rejected', 'a correction needs startedAt, endedAt or both');
    }
    return runOutageCommand(
      this.runner,
      {
        type: 'CorrectOutage',
        outageId,
        ...(body.startedAt !== undefined && { startedAt: toUtc(body.startedAt) }),
        ...(body.endedAt !== undefined && { endedAt: toUtc(body.endedAt) }),
        reason: body.reason,
      },
      meta,
    );
  }
}

@ApiTags('outages')
@Controller('outages')
export class CorrectOutageController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: "Correct an outage's times", description: 'Records corrected start or end times; the figures of every month it touches are computed again.', ok: OutageResponse, command: true })
  @Post(':id/corrections')
  @HttpCode(200)
  async correct(@Param('id') id: string, @Body() body: CorrectOutageDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new CorrectOutageRequest(id, body, meta)));
  }
}
