import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answer } from '../../infrastructure/answer.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { StartOutage } from './start-outage.handler.js';
import { StartOutageDto } from './start-outage.dto.js';

@ApiTags('outages')
@Controller('outages')
export class StartOutageController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  async start(@Body() body: StartOutageDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const id = body.id ?? randomUUID();
    return answer(response, await this.commands.execute(new StartOutage(id, body, meta)), `/outages/${id}`);
  }
}
