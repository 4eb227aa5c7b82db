import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answer } from '../../infrastructure/answer.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { DefinePlanDto, SupportHoursDto } from './define-plan.dto.js';
import { DefinePlanRequest } from './define-plan.handler.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { PlanResponse } from '../reference-data.response.js';

@ApiTags('reference data')
@ApiExtraModels(SupportHoursDto)
@Controller('plans')
export class DefinePlanController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Define a plan', description: 'A plan with its availability target, credit policy and support terms; plans are never redefined (409).', ok: PlanResponse, status: 201, command: true, headers: ['Location'] })
  @Post()
  @HttpCode(201)
  async define(@Body() body: DefinePlanDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new DefinePlanRequest(body, meta)), `/plans/${body.id}`);
  }
}
