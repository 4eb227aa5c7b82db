import { Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventStore } from '#event-store';
import { ProjectionsService } from '../infrastructure/projections.service.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Liveness and readiness: the store answers, and how far each projection is behind it. */
  @Get('health')
  async health(@Res({ passthrough: true }) response: Response) {
    try {
      const projections = await this.projections.status();
      return { status: 'ok', store: 'reachable', projections };
    } catch {
      response.status(503);
      return { status: 'unavailable', store: 'unreachable', projections: this.projections.runners.map((r) => r.status()) };
    }
  }

  /** Empties every read model and projects all events again. */
  @Post('admin/projections/rebuild')
  @HttpCode(202)
  async rebuild() {
    await this.projections.rebuild();
    return { status: 'rebuilding', headPosition: (await this.store.headPosition()).toString() };
  }
}
