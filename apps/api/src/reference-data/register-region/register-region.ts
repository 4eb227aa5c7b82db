import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import type { Response } from 'express';
import { regionDecider, streams, type Region } from '#domain';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';

import { ID_MESSAGE, ID_PATTERN, Optional } from '../../shared/validators.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { RegionResponse } from '../reference-data.response.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { subProcessorWarnings, withWarnings } from '../../sub-processors/links.js';

export class RegisterRegionDto {
  @ApiProperty({ example: 'fra' })
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id!: string;

  @ApiProperty({ example: 'Frankfurt' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ required: false, nullable: true, example: 'Equinix Metal', description: 'The infrastructure sub-processor that runs it (R15)' })
  @Optional()
  @IsString()
  @Length(1, 200)
  provider?: string | null;
}

export class RegisterRegionRequest extends Command<CommandAnswer<Region>> {
  constructor(readonly body: RegisterRegionDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(RegisterRegionRequest)
export class RegisterRegionHandler implements ICommandHandler<RegisterRegionRequest, CommandAnswer<Region>> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ body, meta }: RegisterRegionRequest) {
    const region: Region = { id: body.id, name: body.name, provider: body.provider ?? null };
    const outcome = await this.runner.run(streams.region(region.id), regionDecider, { type: 'RegisterRegion', region }, meta);
    return { view: outcome.state!, position: outcome.position };
  }
}

@ApiTags('reference data')
@Controller('regions')
export class RegisterRegionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readSide: ReadSide,
  ) {}

  @Operation({ summary: 'Register a region', description: 'A region customers can be placed in, with the sub-processor that runs it (R15).', ok: RegionResponse, status: 201, command: true, headers: ['Location'] })
  @Post()
  @HttpCode(201)
  async register(@Body() body: RegisterRegionDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const view = answer(response, await this.commands.execute(new RegisterRegionRequest(body, meta)), `/regions/${body.id}`);
    return withWarnings(view, await subProcessorWarnings(this.readSide, view.provider));
  }
}
