import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answer } from '../../infrastructure/answer.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { DefinePlanDto, SupportHoursDto } from './define-plan.dto.js';
import { DefinePlan } from './define-plan.handler.js';

@ApiTags('reference data')
@ApiExtraModels(SupportHoursDto)
@Controller('plans')
export class DefinePlanController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  async define(@Body() body: DefinePlanDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new DefinePlan(body, meta)), `/plans/${body.id}`);
  }
}
