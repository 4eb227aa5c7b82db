import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answer } from '../../infrastructure/answer.js';
import { Meta, newResourceId, type RequestMeta } from '../../infrastructure/request-meta.js';
import { StartOutageRequest } from './start-outage.handler.js';
import { StartOutageDto } from './start-outage.dto.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { OutageResponse } from '../outage.response.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { subProcessorWarnings, withWarnings } from '../../sub-processors/links.js';

@ApiTags('outages')
@Controller('outages')
export class StartOutageController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readSide: ReadSide,
  ) {}

  @Operation({ summary: 'Start an outage', description: 'Records an outage of a scope with its impact and start; it counts as Down Time until it ends or a cause excludes it (R5, R6).', ok: OutageResponse, status: 201, command: true, headers: ['Location'] })
  @Post()
  @HttpCode(201)
  async start(@Body() body: StartOutageDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const id = body.id ?? newResourceId(meta);
    const view = answer(response, await this.commands.execute(new StartOutageRequest(id, body, meta)), `/outages/${id}`);
    return withWarnings(view, await subProcessorWarnings(this.readSide, view.subProcessor));
  }
}
