import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import type { Response } from 'express';
import { EXCLUSION_CAUSES, type ExclusionCause } from '#domain';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { type OutageView } from '../outage.view.js';
import { runOutageCommand } from '../outage.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { OutageResponse } from '../outage.response.js';

export class ClassifyOutageDto {
  @ApiProperty({ enum: [...EXCLUSION_CAUSES], nullable: true, description: 'A §2 exclusion cause, or null to reverse a classification' })
  @ValidateIf((_, value) => value !== null)
  @IsIn([...EXCLUSION_CAUSES], { message: `exclusion must be null or one of ${EXCLUSION_CAUSES.join(', ')}` })
  exclusion!: ExclusionCause | null;

  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class ClassifyOutageRequest extends Command<CommandAnswer<OutageView>> {
  constructor(readonly outageId: string, readonly body: ClassifyOutageDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(ClassifyOutageRequest)
export class ClassifyOutageHandler implements ICommandHandler<ClassifyOutageRequest> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ outageId, body, meta }: ClassifyOutageRequest) {
    return runOutageCommand(this.runner, { type: 'ClassifyOutage', outageId, exclusion: body.exclusion, reason: body.reason }, meta);
  }
}

@ApiTags('outages')
@Controller('outages')
export class ClassifyOutageController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Classify the cause of an outage', description: 'Records a cause the contract excludes (R6), or clears it; a sub-processor failure is never an exclusion.', ok: OutageResponse, command: true })
  @Post(':id/classification')
  @HttpCode(200)
  async classify(@Param('id') id: string, @Body() body: ClassifyOutageDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new ClassifyOutageRequest(id, body, meta)));
  }
}
