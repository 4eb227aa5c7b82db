import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Response } from 'express';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { type OutageView } from '../outage.view.js';
import { runOutageCommand } from '../outage.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { OutageResponse } from '../outage.response.js';

export class VoidOutageDto {
  @ApiProperty({ example: 'recorded in error: the probe was misconfigured, nothing was down', minLength: 1, maxLength: 500 })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class VoidOutageRequest extends Command<CommandAnswer<OutageView>> {
  constructor(readonly outageId: string, readonly body: VoidOutageDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(VoidOutageRequest)
export class VoidOutageHandler implements ICommandHandler<VoidOutageRequest> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ outageId, body, meta }: VoidOutageRequest) {
    return runOutageCommand(this.runner, { type: 'VoidOutage', outageId, reason: body.reason }, meta);
  }
}

@ApiTags('outages')
@Controller('outages')
export class VoidOutageController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({
    summary: 'Void an outage recorded in error',
    description: 'The outage leaves every figure from the void on (asOf before it still shows it), stays in lists with voided: true and in its timeline with the reason. Voiding twice is refused (409).',
    ok: OutageResponse,
    command: true,
  })
  @Post(':id/void')
  @HttpCode(200)
  async void(@Param('id') id: string, @Body() body: VoidOutageDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new VoidOutageRequest(id, body, meta)));
  }
}
