import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answer } from '../../infrastructure/answer.js';
import { Meta, newResourceId, type RequestMeta } from '../../infrastructure/request-meta.js';
import { ScheduleMaintenanceRequest } from './schedule-maintenance.handler.js';
import { ScheduleMaintenanceDto } from './schedule-maintenance.dto.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { MaintenanceResponse } from '../maintenance.response.js';

@ApiTags('maintenance')
@Controller('maintenances')
export class ScheduleMaintenanceController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Schedule a maintenance', description: 'Schedules a window for a scope. With too little notice it is refused (422, type /problems/insufficient-notice, naming the earliest compliant start) unless acceptedAsDowntime says it counts as Down Time (R8, R9).', ok: MaintenanceResponse, status: 201, command: true, headers: ['Location'] })
  @Post()
  @HttpCode(201)
  async schedule(@Body() body: ScheduleMaintenanceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const id = body.id ?? newResourceId(meta);
    return answer(response, await this.commands.execute(new ScheduleMaintenanceRequest(id, body, meta)), `/maintenances/${id}`);
  }
}
