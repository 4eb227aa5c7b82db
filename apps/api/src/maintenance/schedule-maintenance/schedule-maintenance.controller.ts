import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answer } from '../../infrastructure/answer.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { ScheduleMaintenance } from './schedule-maintenance.handler.js';
import { ScheduleMaintenanceDto } from './schedule-maintenance.dto.js';

@ApiTags('maintenance')
@Controller('maintenances')
export class ScheduleMaintenanceController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  async schedule(@Body() body: ScheduleMaintenanceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const id = body.id ?? randomUUID();
    return answer(response, await this.commands.execute(new ScheduleMaintenance(id, body, meta)), `/maintenances/${id}`);
  }
}
