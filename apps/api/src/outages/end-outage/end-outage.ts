import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { toUtc } from '#domain';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { IsInstant } from '../../shared/validators.js';
import { type OutageView } from '../outage.view.js';
import { runOutageCommand } from '../outage.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { OutageResponse } from '../outage.response.js';

export class EndOutageDto {
  @ApiProperty({ example: '2026-10-05T11:30:00Z' })
  @IsInstant()
  endedAt!: string;
}

export class EndOutageRequest extends Command<CommandAnswer<OutageView>> {
  constructor(readonly outageId: string, readonly body: EndOutageDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(EndOutageRequest)
export class EndOutageHandler implements ICommandHandler<EndOutageRequest> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ outageId, body, meta }: EndOutageRequest) {
    return runOutageCommand(this.runner, { type: 'EndOutage', outageId, endedAt: toUtc(body.endedAt) }, meta);
  }
}

@ApiTags('outages')
@Controller('outages')
export class EndOutageController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'End an outage', description: 'Records when the outage ended.', ok: OutageResponse, command: true })
  @Post(':id/end')
  @HttpCode(200)
  async end(@Param('id') id: string, @Body() body: EndOutageDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new EndOutageRequest(id, body, meta)));
  }
}
